import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { PullResponse, RecallItem } from '../../src/api/schemas';

export const DEMO = { officeCode: 'DEMO-1', accessCode: 'demo-pass-1' };
/** The passcode every e2e test sets right after signing in. */
export const PASSCODE = '246810';

/** Signs in and sets the passcode, as a clerk does on a fresh tablet; ends on the lists. */
export async function signInThroughUi(page: Page, credentials = DEMO, passcode = PASSCODE) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('事業所コード').fill(credentials.officeCode);
  await page.getByLabel('アクセスコード').fill(credentials.accessCode);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await setPasscodeThroughUi(page, passcode);
  await expect(page.getByRole('heading', { name: '回収対象者リスト' })).toBeVisible();
}

export async function setPasscodeThroughUi(page: Page, passcode = PASSCODE) {
  await page.getByLabel('パスコード（6〜32けたの数字）').fill(passcode);
  await page.getByLabel('確認のため、もう一度入力').fill(passcode);
  await page.getByRole('button', { name: 'パスコードを設定する' }).click();
}

/** After a reload or in a new tab the app starts locked (the key lives only in a page's memory). */
export async function unlockThroughUi(page: Page, passcode = PASSCODE) {
  await page.getByLabel('パスコード', { exact: true }).fill(passcode);
  await page.getByRole('button', { name: 'ロックを解除する' }).click();
  await expect(page.getByRole('heading', { name: 'ロックしています' })).toBeHidden();
}

/** Opens a URL as a full page load, which locks the app, and unlocks it. */
export async function gotoUnlocked(page: Page, url: string, passcode = PASSCODE) {
  await page.goto(url);
  await unlockThroughUi(page, passcode);
}

/** The service worker has installed (precached the shell) and controls this page. */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** Reads the insurer's own view of an item through the API, as another client would. */
export async function serverItem(
  request: APIRequestContext,
  itemId: string,
  credentials = DEMO,
): Promise<RecallItem | undefined> {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: credentials });
  expect(signIn.ok()).toBe(true);
  const { token } = (await signIn.json()) as { token: string };
  let cursor = '0';
  let found: RecallItem | undefined;
  for (;;) {
    const response = await request.get(`/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.ok()).toBe(true);
    const page = (await response.json()) as PullResponse;
    found = page.items.find((item) => item.id === itemId) ?? found;
    if (!page.hasMore) return found;
    cursor = page.cursor;
  }
}
