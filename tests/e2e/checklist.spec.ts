import { expect, type Page, test } from '@playwright/test';
import type { PullResponse, RecallItem } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import {
  demoListCards,
  gotoUnlocked,
  serverItem,
  signInThroughUi,
  unlockThroughUi,
  waitForServiceWorker,
} from './helpers';

const OFFICE = { officeCode: 'DEMO-3', accessCode: 'demo-pass-3' };
const toHiragana = (katakana: string) =>
  katakana.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

async function openFirstList(page: Page) {
  await signInThroughUi(page, OFFICE);
  await demoListCards(page).first().click();
  await expect(page.locator('li.item').first()).toBeVisible();
}

/**
 * The records of a store as IndexedDB holds them, read past the app's Dexie: `shape` with each binary
 * field as '<bytes>', `text` with the bytes of each binary field decoded as text.
 */
function storedRecords(page: Page, store: string): Promise<{ shape: Record<string, unknown>; text: string }[]> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('recall');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction(name).objectStore(name).getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            open.result.close();
            const decoder = new TextDecoder('utf-8', { fatal: false });
            resolve(
              (all.result as unknown[]).map((record) => ({
                shape: JSON.parse(
                  JSON.stringify(record, (_key, value) => (ArrayBuffer.isView(value) ? '<bytes>' : (value as unknown))),
                ),
                text: JSON.stringify(record, (_key, value) =>
                  ArrayBuffer.isView(value) ? decoder.decode(value as Uint8Array) : (value as unknown),
                ),
              })),
            );
          };
        };
      }),
    store,
  );
}

/** The imported items as stored: whether `person` is ciphertext, and the record as text. */
async function importedRecordsAsStored(page: Page): Promise<{ sealed: boolean; text: string }[]> {
  return (await storedRecords(page, 'items'))
    .filter(({ shape }) => String(shape.id).startsWith('import-'))
    .map(({ shape, text }) => ({ sealed: (shape.person as { sealed?: unknown }).sealed === '<bytes>', text }));
}

async function officeItems(page: Page): Promise<RecallItem[]> {
  const signIn = await page.request.post('/api/v1/auth/sign-in', { data: OFFICE });
  const { token } = (await signIn.json()) as { token: string };
  const pull = await page.request.get('/api/v1/sync/pull?cursor=0&limit=1000', {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await pull.json()) as PullResponse).items;
}

test('find by kana typed in hiragana, record a certificate that cannot come back, undo a tick', async ({ page }) => {
  await openFirstList(page);
  await expectNoAxeViolations(page, 'checklist');

  const firstRow = page.locator('li.item.to_collect').first();
  const name = (await firstRow.locator('.item-name').innerText()).trim();
  const itemId = await firstRow.getAttribute('data-item-id');
  const kana = (await firstRow.locator('.item-kana').innerText()).trim();
  await page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill(toHiragana(kana));
  await expect(page.locator('li.item .item-name').first()).toHaveText(name);
  const count = Number((await page.getByTestId('result-count').innerText()).match(/\d+/)?.[0]);
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThan(10);

  // Cannot be returned: a reason is required, then it is recorded and shown.
  await page
    .getByRole('button', { name: `${name} さんの詳細` })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'item dialog');
  await dialog.getByLabel('回収不能（連絡がつかない など）').check();
  await dialog.getByRole('button', { name: '返却できないとして記録' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('理由を入力してください。');
  await dialog.getByLabel('理由（報告書に記載されます）').fill('退職後、転居先が分からず連絡がつかない');
  await dialog.getByRole('button', { name: '返却できないとして記録' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${name} さんを「回収不能」として記録しました。`)).toBeVisible();
  await expect(page.locator(`li[data-item-id="${itemId}"] .status-label`)).toHaveText('回収不能');

  // The trail on the item says what happened.
  await page
    .locator(`li[data-item-id="${itemId}"]`)
    .getByRole('button', { name: /の詳細$/ })
    .click();
  await expect(page.getByRole('dialog').locator('.history li').first()).toContainText('返却できないとした');
  await page.getByRole('dialog').getByRole('button', { name: '閉じる' }).click();
  await page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill('');

  // A mis-tap is undone from the toast.
  const next = page.locator('li.item.to_collect').first();
  const nextId = await next.getAttribute('data-item-id');
  await next.getByRole('button', { name: /を回収済にする$/ }).click();
  await expect(page.locator(`li[data-item-id="${nextId}"]`)).toHaveClass(/returned/);
  await page.locator('.toast').getByRole('button', { name: '元に戻す' }).click();
  await expect(page.locator(`li[data-item-id="${nextId}"]`)).toHaveClass(/to_collect/);

  await expect
    .poll(async () => (await serverItem(page.request, itemId as string, OFFICE))?.status)
    .toBe('unreturnable');
  await expect.poll(async () => (await serverItem(page.request, nextId as string, OFFICE))?.status).toBe('to_collect');
});

test('a whole household is ticked at once', async ({ page }) => {
  // DEMO-1's lists have households with several certificates to collect.
  await signInThroughUi(page, { officeCode: 'DEMO-1', accessCode: 'demo-pass-1' });
  await expect(page.locator('.list-card').first()).toBeVisible();
  const lists = await page.locator('.list-card').count();
  const householdButton = /^世帯の \d+ 件をまとめて回収済にする$/;
  for (let index = 0; index < lists; index++) {
    await gotoUnlocked(page, '/');
    await page.locator('.list-card').nth(index).click();
    await expect(page.locator('li.item').first()).toBeVisible();
    await page.getByLabel('世帯ごとにまとめる').check();
    await expect(page.locator('.household').first()).toBeVisible();
    const button = page.getByRole('button', { name: householdButton }).first();
    if ((await button.count()) === 0) continue;
    const household = page.locator('.household').filter({ has: button }).first();
    const name = (await household.locator('.household-name').innerText()).replace(/^世帯：|（.*$/g, '');
    const open = Number((await button.innerText()).match(/\d+/)?.[0]);
    await button.click();
    await expect(page.getByText(`${name} さんの世帯 ${open} 件を回収済にしました。`)).toBeVisible();
    await expect(
      page
        .locator('.household')
        .filter({ hasText: `世帯：${name}（` })
        .getByRole('button'),
    ).toHaveCount(0);
    return;
  }
  throw new Error('no list of DEMO-1 has a household with two or more certificates to collect');
});

test('scan by typing 記号・番号・枝番 on the number pad, offline, and the tick reaches the insurer', async ({
  page,
  context,
}) => {
  const target = (await officeItems(page)).find(
    (item) => item.status === 'to_collect' && item.person.number.length <= 4,
  );
  if (!target) throw new Error('DEMO-3 has nothing to collect');
  await signInThroughUi(page, OFFICE);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.getByRole('link', { name: '読み取り・番号入力' }).click();
  await expectNoAxeViolations(page, 'scan');

  const code = `${target.person.symbol}-${target.person.number}-${target.person.branch}`;
  for (const key of code) {
    await page
      .locator('.number-pad')
      .getByRole('button', { name: key === '-' ? '区切り（-）' : key, exact: true })
      .click();
  }
  await expect(page.getByLabel('発行No. または 記号-番号-枝番')).toHaveValue(code);
  await page.getByRole('button', { name: '探す' }).click();
  await expect(page.getByText(`見つかりました：${target.person.name} さん`, { exact: false })).toBeVisible();
  await page.getByRole('button', { name: `${target.person.name} さんを回収済にする` }).click();
  await expect(page.getByText(`${target.person.name} さんを回収済にしました。`)).toBeVisible();

  // A number on no list says so in plain words.
  await page.getByLabel('発行No. または 記号-番号-枝番').fill('0000000000');
  await page.getByRole('button', { name: '探す' }).click();
  await expect(page.getByText('この番号は、どの回収対象者リストにもありません。', { exact: false })).toBeVisible();

  await context.setOffline(false);
  await expect
    .poll(async () => (await serverItem(page.request, target.id, OFFICE))?.status, { timeout: 20_000 })
    .toBe('returned');
});

test('import a Shift_JIS file with tricky names, bad rows set aside, and a re-import adds no duplicates', async ({
  page,
}) => {
  const alerts: string[] = [];
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await signInThroughUi(page, OFFICE);
  await page.getByRole('link', { name: 'ファイルから取り込む' }).click();
  await expectNoAxeViolations(page, 'import');

  // A file with row errors sets those rows aside and lists every problem (issue 17; import-lists.spec.ts
  // imports the rest).
  await page.getByLabel('CSVファイル').setInputFiles('tests/fixtures/csv/recall-row-errors.csv');
  await expect(page.getByText('問題のある行：3 件（取り込まずに別にします）')).toBeVisible();
  expect(await page.locator('.error-list li').count()).toBeGreaterThan(1);
  // An image is refused with a reason.
  await page.getByLabel('CSVファイル').setInputFiles('tests/fixtures/csv/not-csv.png');
  await expect(page.getByRole('alert')).toHaveText(/CSV・Excel ブック（.xlsx）ではありません/);

  await page.getByLabel('CSVファイル').setInputFiles('tests/fixtures/csv/recall-sjis.csv');
  await expect(page.getByText('ファイルの形式：CSV（Shift_JIS、Windows の Excel で保存した CSV）')).toBeVisible();
  await expect(page.getByText('取り込める行：9 件')).toBeVisible();
  await expect(page.getByRole('cell', { name: /髙橋 一郎/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /山﨑 花子/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /<img src=x onerror=alert\(1\)>/ })).toBeVisible();
  await expectNoAxeViolations(page, 'import preview');
  await page.getByRole('button', { name: '9 件を取り込む' }).click();
  await expect(page.getByRole('link', { name: '取り込んだリストを開く' })).toBeVisible();
  // Sealed in the import worker or by the store: on disk every imported person is ciphertext.
  const stored = await importedRecordsAsStored(page);
  expect(stored.map((record) => record.sealed)).toEqual(Array(9).fill(true));
  for (const name of ['髙橋', '山﨑', 'タカハシ', 'onerror', '5115'])
    for (const record of stored) expect(record.text).not.toContain(name);
  await page.getByRole('link', { name: '取り込んだリストを開く' }).click();
  await expect(page.getByTestId('list-progress')).toHaveText('未回収 9 ・ 回収済 0 ・ 回収不能 0');
  await page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill('onerror');
  await expect(page.locator('li.item .item-name')).toHaveText(['<img src=x onerror=alert(1)>']);
  expect(await page.locator('li.item img').count()).toBe(0);

  await gotoUnlocked(page, '/import');
  await page.getByLabel('CSVファイル').setInputFiles('tests/fixtures/csv/recall-sjis.csv');
  await expect(page.getByText('取り込める行：0 件')).toBeVisible();
  await expect(page.getByText('すでにある行：9 件（重ねて取り込みません）')).toBeVisible();
  expect(alerts).toEqual([]);
});

const importedTitles = async (page: Page) =>
  (await storedRecords(page, 'lists')).map(({ shape }) => shape.title).filter((title) => title === 'recall-sjis');

test('an import cut short by a reload after it was stored appears whole at the next unlock', async ({ page }) => {
  // Another office than the import above: that one's list reached DEMO-3 (imports belong to the office,
  // docs/decisions/025), so the same file there would have nothing new to import.
  await signInThroughUi(page, { officeCode: 'DEMO-1', accessCode: 'demo-pass-1' });
  await gotoUnlocked(page, '/import');
  await page.getByLabel('CSVファイル').setInputFiles('tests/fixtures/csv/recall-sjis.csv');
  await expect(page.getByRole('button', { name: '9 件を取り込む' })).toBeVisible();
  // A read of the lists held open, as a slow screen would: the move into the checklist, created after
  // it, waits behind it, and the reload below kills the tab before the move ever runs.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recall');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const lists = open.result.transaction('lists').objectStore('lists');
          const spin = () => {
            lists.count().onsuccess = spin;
          };
          spin();
          resolve();
        };
      }),
  );
  await page.getByRole('button', { name: '9 件を取り込む' }).click();
  await expect(page.getByRole('link', { name: '取り込んだリストを開く' })).toBeVisible();

  await page.goto('/');
  // Stored, in the journal only: no screen shows the list before its items are in the checklist.
  expect(await storedRecords(page, 'pendingImports')).toHaveLength(1);
  expect(await importedTitles(page)).toEqual([]);
  const journal = JSON.stringify((await storedRecords(page, 'pendingImports')).map(({ text }) => text));
  expect(journal).toContain('recall-sjis');
  for (const name of ['髙橋', '山﨑', 'タカハシ', 'onerror', '5115']) expect(journal).not.toContain(name);
  await unlockThroughUi(page);
  await expect(page.locator('.list-card', { hasText: 'recall-sjis' })).toHaveCount(1);
  expect(await importedTitles(page)).toEqual(['recall-sjis']);
  await page.locator('.list-card', { hasText: 'recall-sjis' }).click();
  await expect(page.getByTestId('list-progress')).toHaveText('未回収 9 ・ 回収済 0 ・ 回収不能 0');
  expect(await storedRecords(page, 'pendingImports')).toEqual([]);
});

test('every list at once, grouped by list with its own progress; search, filters and ticks work across lists by keyboard', async ({
  page,
}) => {
  const signIn = await page.request.post('/api/v1/auth/sign-in', { data: OFFICE });
  const { token } = (await signIn.json()) as { token: string };
  const pull = (await (
    await page.request.get('/api/v1/sync/pull?cursor=0&limit=1000', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as PullResponse;
  const open = pull.items.filter((item) => item.status === 'to_collect' && !item.withdrawn);
  const first = open[0];
  const other = open.find((item) => item.listId !== first?.listId);
  if (!first || !other) throw new Error('DEMO-3 needs certificates to collect on two lists');
  const titleOf = (listId: string) => pull.lists.find((list) => list.id === listId)?.title ?? '';
  const codeOf = (item: RecallItem) => `${item.person.symbol}-${item.person.number}-${item.person.branch}`;

  await signInThroughUi(page, OFFICE);
  const card = page.locator('.list-card').filter({ hasText: titleOf(other.listId) });
  const count = async (kind: string) =>
    Number(await card.getByTestId(`count-${kind}`).locator('.count-value').innerText());
  const before = { toCollect: await count('to_collect'), returned: await count('returned') };
  const firstTitle = await page.locator('.list-card .list-title').first().innerText();

  await page.getByRole('link', { name: 'すべてのリストをまとめて見る' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'すべてのリスト' })).toBeVisible();
  // Grouped by list, in the lists page's order, each group with its own progress.
  await expect(page.locator('.list-group').first().getByRole('heading', { level: 2 })).toHaveText(firstTitle);
  await expectNoAxeViolations(page, 'all lists');

  // One search box finds people on any list.
  const search = page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）');
  await search.fill(codeOf(first));
  await expect(page.locator('.list-group h2')).toHaveText([titleOf(first.listId)]);
  await search.fill(codeOf(other));
  const group = page.locator('.list-group');
  await expect(group.locator('h2')).toHaveText([titleOf(other.listId)]);
  await expect(group.locator('.progress')).toContainText(`未回収 ${before.toCollect} ・ 回収済 ${before.returned} ・`);
  await expect(page.locator('li.item')).toHaveCount(1);

  // Keyboard only: Tab from the search box to the row's button and press Enter.
  const tickButton = page.locator('li.item .item-actions .button.primary');
  const tickLabel = await tickButton.getAttribute('aria-label');
  expect(tickLabel).toBe(`${other.person.name} さんの資格確認書を回収済にする`);
  await search.focus();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === tickLabel) break;
  }
  await expect(tickButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(group.locator('.progress')).toContainText(
    `未回収 ${before.toCollect - 1} ・ 回収済 ${before.returned + 1} ・`,
  );

  // Filters apply across lists too.
  await page.getByLabel('状態').selectOption('to_collect');
  await expect(page.getByTestId('result-count')).toHaveText('条件に合う対象者はいません。');
  await page.getByLabel('状態').selectOption('returned');
  await expect(page.locator('li.item')).toHaveCount(1);
  await expectNoAxeViolations(page, 'all lists, filtered');

  // The group's title opens that list on its own.
  await group.getByRole('link', { name: titleOf(other.listId) }).click();
  await expect(page.getByRole('heading', { level: 1, name: titleOf(other.listId) })).toBeVisible();
});
