import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { gotoUnlocked, rawRecord, signInThroughUi, tabletsOf } from './helpers';

/**
 * Recall lists as insurers send them (issue 17) and the import page's own items of issue 21: an
 * insurer's own wordings mapped once and remembered, bad rows set aside and downloadable with their
 * reasons, an .xlsx read like its CSV twin. Fixtures: tests/fixtures/import/generate.mjs.
 */
// A 健康保険組合's office: its monthly lists are the ones that carry マイナ保険証 recalls (docs/domain.md).
const OFFICE = { officeCode: 'DEMO-3', accessCode: 'demo-pass-3' };
const FIXTURES = 'tests/fixtures/import';
const PENDING_NONE = '未送信の変更はありません';

const fileInput = (page: Page) => page.getByLabel('CSVファイル・Excel ブック（.xlsx）');
const confirmButton = (page: Page) => page.getByRole('button', { name: /^\d+ 件を取り込む$/ });

async function importAndOpen(page: Page, count: number) {
  await page.getByRole('button', { name: `${count} 件を取り込む` }).click();
  await page.getByRole('link', { name: '取り込んだリストを開く' }).click();
  await expect(page.getByTestId('list-progress')).toHaveText(`未回収 ${count} ・ 回収済 0 ・ 回収不能 0`);
}

test("an insurer's own wordings are mapped once, and next month's file imports in one step", async ({ page }) => {
  // A tablet in landscape (issue 21's size): 取り込む must be in view with the wordings to map listed.
  await page.setViewportSize({ width: 1024, height: 768 });
  await signInThroughUi(page, OFFICE);
  await page.getByRole('link', { name: 'ファイルから取り込む' }).click();
  await page.getByLabel('リストの名前').fill('11月分');
  await fileInput(page).setInputFiles(`${FIXTURES}/insurer-2025-11.csv`);

  // The seeds' wordings (被扶養者削除, 新しい資格確認書の交付, 健康保険証（令和7年12月1日以前喪失）) map by
  // default; 任意継続へ移行 and マイナ保険証登録済 are the clerk's to map.
  await expect(page.getByText('ファイルの形式：CSV（Shift_JIS、Windows の Excel で保存した CSV）')).toBeVisible();
  await expect(page.getByText('取り込める行：4 件')).toBeVisible();
  await expect(page.getByText('問題のある行：5 件（取り込まずに別にします）')).toBeVisible();
  // Grouped, naming the accepted values (issue 21), with each line.
  const group = page.locator('.import-problems summary');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('回収理由：回収理由が分かりません。（5 行）');
  await expect(group).toContainText('使える値：マイナ保険証取得・資格喪失・新しい資格確認書・旧保険証・資格なし');
  await expect(page.locator('.import-problems li').first()).toHaveText('6 行目：「任意継続へ移行」');
  // 取り込む is in view without scrolling past the preview (issue 21).
  await expect(confirmButton(page)).toBeInViewport();
  await expectNoAxeViolations(page, 'import preview with wordings to map');

  const wordings = page.getByRole('group', { name: '保険者の表記の対応づけ' });
  await wordings.getByLabel('「任意継続へ移行」（回収理由・2 行）').selectOption({ label: '資格喪失' });
  await wordings.getByLabel('「マイナ保険証登録済」（回収理由・3 行）').selectOption({ label: 'マイナ保険証を取得' });
  await wordings.getByRole('button', { name: 'この対応を覚えて確認し直す' }).click();
  await expect(page.getByText('取り込める行：9 件')).toBeVisible();
  // The result is where the clerk looks: focus is on the new counts, not lost with the pressed button.
  await expect(page.locator('.import-counts')).toBeFocused();
  await expect(page.getByText(/問題のある行/)).toHaveCount(0);
  await expect(wordings).toBeHidden();
  await importAndOpen(page, 9);

  // Next month: the same insurer's wordings again, remembered on this tablet; nothing to map.
  await gotoUnlocked(page, '/import');
  await page.getByLabel('リストの名前').fill('12月分');
  await fileInput(page).setInputFiles(`${FIXTURES}/insurer-2025-12.csv`);
  await expect(page.getByText('取り込める行：3 件')).toBeVisible();
  await expect(page.getByRole('group', { name: '保険者の表記の対応づけ' })).toHaveCount(0);
  await expect(page.getByText(/問題のある行/)).toHaveCount(0);
  await importAndOpen(page, 3);
});

test('bad rows are set aside: the good ones import and the set-aside CSV lists the bad ones with reasons', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInThroughUi(page, OFFICE);
  await gotoUnlocked(page, '/import');
  await fileInput(page).setInputFiles(`${FIXTURES}/hostile-rows.csv`);
  await expect(page.getByText('取り込める行：8 件')).toBeVisible();
  await expect(page.getByText('問題のある行：2 件（取り込まずに別にします）')).toBeVisible();
  // A line break in a name and an RTL override: fixed, with a warning, and imported.
  const warnings = page.locator('.import-warnings summary');
  await expect(warnings).toContainText(['氏名：氏名の中の改行・タブをスペースにしました。（1 行）']);
  await expect(page.locator('.import-warnings')).toContainText('文字の向きを変える見えない制御文字を取り除きました。');
  await expectNoAxeViolations(page, 'import preview with set-aside rows');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '問題のある 2 行を CSV で保存' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('取り込めなかった行.csv');
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trimEnd().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toBe(
    '発行No,記号,番号,枝番,氏名,フリガナ,本人家族,被保険者氏名,生年月日,性別,交付年月日,有効期限,回収理由,資格喪失日,取り込めなかった理由',
  );
  expect(lines[1]).toMatch(/^400000004,7001,304,00,江口 四郎,.*,2025\/02\/30,.*,生年月日：日付として読み取れません。$/);
  expect(lines[2]).toMatch(/^400000006,7001,306,123,加藤 六郎,.*,枝番：枝番は2桁までの数字です。$/);

  await importAndOpen(page, 8);
  // Found by search: the checklist renders only the rows on screen.
  const search = page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）');
  await search.fill('石井');
  await expect(page.locator('li.item .item-name', { hasText: '石井 二郎' })).toHaveCount(1);
  await search.fill('郎三野上');
  await expect(page.locator('li.item .item-name', { hasText: '郎三野上' })).toHaveCount(1);
  expect(dialogs).toEqual([]);
});

test('an .xlsx written by a spreadsheet program imports with the same counts as its CSV twin', async ({ page }) => {
  await signInThroughUi(page, OFFICE);
  await gotoUnlocked(page, '/import');
  await page.getByLabel('リストの名前').fill('Excel の名簿');
  // 交付年月日 and 有効期限 are date cells (serials), 生年月日 is 和暦 text.
  await fileInput(page).setInputFiles(`${FIXTURES}/twin.xlsx`);
  await expect(page.getByText('ファイルの形式：Excel ブック（.xlsx）のシート「twin」')).toBeVisible();
  await expect(page.getByText('取り込める行：7 件')).toBeVisible();
  await expect(page.getByText(/問題のある行/)).toHaveCount(0);
  await expect(page.getByRole('cell', { name: /髙橋 一郎/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /ﾔﾏﾀﾞ ﾀﾛｳ/ })).toBeVisible();
  await expectNoAxeViolations(page, 'import preview of a workbook');
  await importAndOpen(page, 7);

  // The CSV twin finds the very same seven people already here: the same rows, read alike.
  await gotoUnlocked(page, '/import');
  await fileInput(page).setInputFiles(`${FIXTURES}/twin.csv`);
  await expect(page.getByText('取り込める行：0 件')).toBeVisible();
  await expect(page.getByText('すでにある行：7 件（重ねて取り込みません）')).toBeVisible();
});

test("an imported list is the office's: it reaches the office's other tablet, and a tick there comes back", async ({
  browser,
}) => {
  // Two tablets of one office, each its own browser context (IndexedDB, service worker), against the
  // real server (docs/decisions/025). The file has an old 健康保険証 without a 発行No. (imported too).
  const tablets = tabletsOf(browser, OFFICE);
  try {
    const a = await tablets.open();
    const b = await tablets.open();
    const title = '二台で使うリスト';

    await gotoUnlocked(a, '/import');
    await a.getByLabel('リストの名前').fill(title);
    await fileInput(a).setInputFiles(`${FIXTURES}/shared-tablets.csv`);
    await expect(a.getByText('取り込める行：3 件')).toBeVisible();
    await a.getByRole('button', { name: '3 件を取り込む' }).click();
    await a.getByRole('link', { name: '取り込んだリストを開く' }).click();
    await expect(a.locator('li.item')).toHaveCount(3);
    // The import leaves the tablet as the office's list, with nothing left to send.
    await expect(a.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    const listId = new URL(a.url()).pathname.split('/').pop() as string;

    // Tablet B syncs and finds it, with every row (the old card without a 発行No. too).
    await b.getByRole('button', { name: '今すぐ同期' }).click();
    const card = b.locator('.list-card', { hasText: title });
    await expect(card).toHaveCount(1, { timeout: 20_000 });
    // Another tablet never removes the office's list alone.
    await expect(b.getByRole('button', { name: `${title} をこの端末から削除` })).toHaveCount(0);
    await card.click();
    await expect(b).toHaveURL(new RegExp(`/lists/${listId}$`));
    await expect(b.locator('li.item')).toHaveCount(3);
    await expect(b.locator('li.item', { hasText: '共有 次郎' })).toHaveCount(1);

    const row = b.locator('li.item', { hasText: '共有 花子' });
    const itemId = (await row.getAttribute('data-item-id')) as string;
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
    await expect(b.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });

    // Back on tablet A, after a sync: the tick is there.
    await a.getByRole('button', { name: '今すぐ同期' }).click();
    await expect
      .poll(async () => (await rawRecord<{ status?: string }>(a, 'items', itemId))?.status, { timeout: 20_000 })
      .toBe('returned');
    await expect(a.locator(`li.item[data-item-id="${itemId}"]`)).toHaveClass(/returned/);
  } finally {
    await tablets.closeAll();
  }
});
