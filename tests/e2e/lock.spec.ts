import { expect, type Page, test } from '@playwright/test';
import type { RecallItem, SignInResponse } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import {
  DEMO,
  demoListCards,
  PASSCODE,
  rawRecord,
  serverItem,
  serverItems,
  setPasscodeThroughUi,
  signInThroughUi,
  unlockThroughUi,
  waitForServiceWorker,
} from './helpers';

const LOCKED = 'ロックしています';

/**
 * IndexedDB as stored, read with indexedDB.open (not through the app's Dexie): every record of every
 * object store as JSON with binary fields left out, the binary fields decoded as text on their own,
 * and the items' stored `person` fields.
 */
function rawIndexedDb(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ text: string; binary: string; persons: unknown[]; items: number }>((resolve, reject) => {
        const open = indexedDB.open('recall');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const stores = Array.from(idb.objectStoreNames);
          if (stores.length === 0) {
            idb.close();
            return resolve({ text: '{}', binary: '', persons: [], items: 0 });
          }
          const tx = idb.transaction(stores);
          const records: Record<string, unknown[]> = {};
          for (const store of stores) {
            const all = tx.objectStore(store).getAll();
            all.onsuccess = () => {
              records[store] = all.result;
            };
          }
          tx.oncomplete = () => {
            const decoder = new TextDecoder();
            let binary = '';
            const text = JSON.stringify(records, (_key, value: unknown) => {
              if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
                binary += `${decoder.decode(value as ArrayBuffer)}\n`;
                return '<binary>';
              }
              return value;
            });
            const items = (records.items ?? []) as Array<{ person: unknown }>;
            idb.close();
            resolve({ text, binary, persons: items.map((item) => item.person), items: items.length });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The printed and searchable forms of each item's personal data. */
function personalStrings(item: RecallItem): string[] {
  const { name, kana, birthDate, symbol, number, branch, insuredName } = item.person;
  return [
    name,
    kana,
    insuredName,
    birthDate,
    `${symbol}・${number}・${branch}`,
    `${symbol}-${number}-${branch}`,
    `${symbol}${number}${branch}`,
  ];
}

test('personal data at rest is ciphertext; the lock screen shows none; unlocking needs the passcode', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await page.getByLabel('事業所コード').fill(DEMO.officeCode);
  await page.getByLabel('アクセスコード').fill(DEMO.accessCode);
  const signInAnswer = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/sign-in'));
  await page.getByRole('button', { name: 'サインイン' }).click();
  const issued = (await (await signInAnswer).json()) as SignInResponse;
  await expect(page.getByRole('heading', { name: 'パスコードを決めてください' })).toBeVisible();
  await expectNoAxeViolations(page, 'set passcode');
  // Nothing personal is pulled before the passcode exists, and the full token is in the page's memory only.
  const beforePasscode = await rawIndexedDb(page);
  expect(beforePasscode.items).toBe(0);
  expect(beforePasscode.text).toContain(issued.pushToken);
  expect(beforePasscode.text + beforePasscode.binary).not.toContain(issued.token);
  await page.getByLabel('パスコード（6〜32けたの数字）').fill('12345');
  await page.getByLabel('確認のため、もう一度入力').fill('12345');
  await page.getByRole('button', { name: 'パスコードを設定する' }).click();
  await expect(page.getByRole('alert')).toHaveText('パスコードは6〜32けたの数字で入力してください。');
  await setPasscodeThroughUi(page);

  const items = (await serverItems(request)).filter((item) => !item.withdrawn);
  expect(items.length).toBeGreaterThan(10);
  await expect.poll(async () => (await rawIndexedDb(page)).items, { timeout: 30_000 }).toBe(items.length);

  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();
  const shown = await page.locator('body').innerText();
  for (const item of items) expect(shown).not.toContain(item.person.name);
  await expectNoAxeViolations(page, 'lock screen');

  const raw = await rawIndexedDb(page);
  // A date or a short number may also be an item's non-personal field (a due date, a version).
  const explained = JSON.stringify(items.map(({ person: _person, ...rest }) => rest));
  const checked = items.flatMap((item) => personalStrings(item).filter((value) => !explained.includes(value)));
  // Names, kana and 記号番号 are never explained away: the check has something to find.
  expect(checked.length).toBeGreaterThan(items.length * 5);
  expect(checked.filter((value) => raw.text.includes(value))).toEqual([]);
  const namesInBinary = items.filter(
    (item) => raw.binary.includes(item.person.name) || raw.binary.includes(item.person.kana),
  );
  expect(namesInBinary).toEqual([]);
  for (const person of raw.persons) expect(Object.keys(person as object).sort()).toEqual(['bound', 'sealed']);

  // The full token is nowhere in clear. What a copied profile finds is the push token, and the
  // server refuses to read with it.
  expect(raw.text).not.toContain(issued.token);
  expect(raw.binary).not.toContain(issued.token);
  const session = await rawRecord<{ value: { pushToken: string } }>(page, 'meta', 'session');
  expect(session?.value.pushToken).toBe(issued.pushToken);
  const pull = await page.evaluate(async (token) => {
    const response = await fetch('/api/v1/sync/pull?cursor=0&limit=1000', {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: await response.text() };
  }, issued.pushToken);
  expect(pull.status).toBe(403);
  expect(JSON.parse(pull.body)).toMatchObject({ code: 'token_scope' });
  expect(items.filter((item) => pull.body.includes(item.person.name) || pull.body.includes(item.id))).toEqual([]);

  // A wrong passcode is refused and the next try must wait; the right one then opens the lists.
  await page.getByLabel('パスコード', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'ロックを解除する' }).click();
  await expect(page.getByRole('alert')).toContainText('パスコードが違います。');
  await expect(page.getByRole('alert')).toContainText(/あと \d+ 秒待ってから/);
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();
  await page.getByLabel('パスコード', { exact: true }).fill(PASSCODE);
  await expect(page.getByRole('button', { name: 'ロックを解除する' })).toBeEnabled({ timeout: 15_000 });
  await page.getByRole('button', { name: 'ロックを解除する' }).click();
  await expect(page.getByRole('heading', { name: '回収対象者リスト' })).toBeVisible();
  await expect(page.locator('.list-card').first()).toBeVisible();

  // A reload starts locked: the key was only in the page's memory.
  await page.reload();
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();
  await unlockThroughUi(page);
  await expect(page.locator('.list-card').first()).toBeVisible();
});

test('locked, the tablet still sends its changes: the service worker pushes with the push token', async ({
  page,
  context,
  request,
}) => {
  await signInThroughUi(page);
  await waitForServiceWorker(page);
  const session = await rawRecord<{ value: { pushToken: string } }>(page, 'meta', 'session');
  const pushToken = session?.value.pushToken;
  expect(pushToken).toBeTruthy();
  // The page's own pushes are cut off, so only the service worker (which never has the data key or
  // the full token) can deliver the tick; what it sends is recorded.
  const fromWorker: string[] = [];
  await context.route('**/api/v1/sync/**', async (route) => {
    const sent = route.request();
    if (!sent.serviceWorker()) return sent.method() === 'POST' ? route.abort() : route.continue();
    const bearer = (await sent.allHeaders()).authorization;
    fromWorker.push(
      `${sent.method()} ${new URL(sent.url()).pathname} ${bearer === `Bearer ${pushToken}` ? 'push token' : bearer}`,
    );
    return route.continue();
  });

  await demoListCards(page).first().click();
  const row = page.locator('li.item.to_collect').first();
  const itemId = (await row.getAttribute('data-item-id')) as string;
  await row.getByRole('button', { name: /を回収済にする$/ }).click();
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();

  await expect.poll(async () => (await serverItem(request, itemId))?.status, { timeout: 30_000 }).toBe('returned');
  expect(fromWorker.length).toBeGreaterThan(0);
  expect(new Set(fromWorker)).toEqual(new Set(['POST /api/v1/sync/push push token']));
});

test('a reload between sign-in and passcode asks to sign in again, in plain words', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('事業所コード').fill(DEMO.officeCode);
  await page.getByLabel('アクセスコード').fill(DEMO.accessCode);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByRole('heading', { name: 'パスコードを決めてください' })).toBeVisible();
  // The full token was in that page's memory only; the push token left in IndexedDB cannot read.
  const abandoned = (await rawRecord<{ value: { pushToken: string } }>(page, 'meta', 'session'))?.value.pushToken;
  expect(abandoned).toBeTruthy();
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('status')).toHaveText(
    'パスコードを決める前に画面が読み込み直されたため、サインインが途中で終わりました。もう一度サインインしてください。',
  );
  await expectNoAxeViolations(page, 'sign in again');
  await page.getByLabel('事業所コード').fill(DEMO.officeCode);
  await page.getByLabel('アクセスコード').fill(DEMO.accessCode);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await setPasscodeThroughUi(page);
  await expect(page.locator('.list-card').first()).toBeVisible();
  // The abandoned session was revoked at the insurer, not left valid for 30 days.
  const push = await page.request.post('/api/v1/sync/push', {
    headers: { authorization: `Bearer ${abandoned}` },
    data: { deviceId: 'e2e-abandoned', mutations: [] },
  });
  expect(push.status()).toBe(401);
});

test('locks itself after the chosen idle minutes and after a while in the background', async ({ page }) => {
  await page.clock.install();
  await signInThroughUi(page);
  await page.getByRole('link', { name: '端末の安全' }).click();
  await expect(page.getByRole('heading', { name: '端末の安全' })).toBeVisible();
  await page.getByLabel('操作しないでロックするまでの時間').selectOption('1');
  await expect(page.getByLabel('操作しないでロックするまでの時間')).toHaveValue('1');
  await page.getByLabel('保存する日数').selectOption('7');
  await expectNoAxeViolations(page, 'security / sign out');

  await page.clock.runFor('00:50');
  await expect(page.getByRole('heading', { name: '端末の安全' })).toBeVisible();
  await page.clock.runFor('01:10');
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();
  await unlockThroughUi(page);
  // Both choices were kept on the tablet (meta), not in the screen's state.
  await expect(page.getByLabel('保存する日数')).toHaveValue('7');
  // Back to 5 idle minutes: what locks now is the time spent in the background.
  await page.getByLabel('操作しないでロックするまでの時間').selectOption('5');
  await expect(page.getByLabel('操作しないでロックするまでの時間')).toHaveValue('5');

  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { value, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await page.clock.runFor('00:20');
  await setVisibility('visible');
  await expect(page.getByRole('heading', { name: '端末の安全' })).toBeVisible();
  await setVisibility('hidden');
  await page.clock.runFor('01:01');
  await setVisibility('visible');
  await expect(page.getByRole('heading', { name: LOCKED })).toBeVisible();
});

test('signing out with an unsent change says how many would be lost, then wipes the tablet', async ({
  page,
  context,
}) => {
  await signInThroughUi(page);
  await waitForServiceWorker(page);
  await demoListCards(page).first().click();
  await context.setOffline(true);
  await page
    .locator('li.item.to_collect')
    .first()
    .getByRole('button', { name: /を回収済にする$/ })
    .click();
  await expect(page.getByTestId('pending-count')).toHaveText('未送信の変更 1 件');

  await page.getByRole('link', { name: '端末の安全' }).click();
  const warning = page.getByTestId('unsynced-warning');
  await expect(warning).toContainText('保険者にまだ送信していない変更が 1 件あります。');
  await expect(warning).toContainText('回収済にした記録 1 件');
  const wipe = page.getByRole('button', { name: 'この端末のデータを消して、サインアウトする' });
  await expect(wipe).toBeDisabled();
  await expectNoAxeViolations(page, 'sign out with an unsent change');
  // By keyboard: the confirmation box, then the button.
  await page.getByLabel('上に書かれたものが失われることを理解しました').focus();
  await page.keyboard.press('Space');
  await expect(wipe).toBeEnabled();
  await wipe.focus();
  await page.keyboard.press('Enter');

  // Offline, the token cannot be revoked on the server: the clerk is told before the wipe.
  await expect(page.getByRole('alert')).toContainText('サーバーでサインイン情報を無効にできませんでした');
  await page.getByRole('button', { name: 'それでもこの端末のデータを消す' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
  const raw = await rawIndexedDb(page);
  expect(raw.items).toBe(0);
  expect(raw.text).not.toContain('token');
});

test('a forgotten passcode wipes the tablet and everything comes back after signing in again', async ({ page }) => {
  await signInThroughUi(page);
  await expect(page.locator('.list-card').first()).toBeVisible();
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await page.getByRole('button', { name: 'パスコードを忘れた' }).click();
  await expect(page.getByRole('heading', { name: 'パスコードを忘れたとき' })).toBeFocused();
  await expect(page.getByText('送信していない変更はありません。')).toBeVisible();
  await expectNoAxeViolations(page, 'forgotten passcode');
  await page.getByRole('button', { name: 'この端末のデータを消して、サインインし直す' }).click();
  // The revocation endpoint answers 204, or the clerk is told it could not revoke (then wipes anyway).
  const anyway = page.getByRole('button', { name: 'それでもこの端末のデータを消す' });
  await expect(anyway.or(page.getByRole('heading', { name: 'サインイン' }))).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await rawIndexedDb(page)).items).toBe(0);

  await signInThroughUi(page);
  await expect(page.locator('.list-card').first()).toBeVisible();
});
