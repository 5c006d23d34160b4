import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import type { PullResponse, PushResponse, RecallItem, SignInResponse, StoredReport } from '../../src/api/schemas';

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

/**
 * A full token of the office from a sign-in of its own, as another client would get one. (A tablet
 * keeps only its push token readable, which the server refuses for reading.)
 */
export async function apiToken(request: APIRequestContext, credentials = DEMO): Promise<string> {
  const signIn = await request.post('/api/v1/auth/sign-in', { data: credentials });
  expect(signIn.ok()).toBe(true);
  return ((await signIn.json()) as SignInResponse).token;
}

/** The insurer's record of a report (GET /reports/:id), read as another client of the office. */
export async function serverReport(
  request: APIRequestContext,
  reportId: string,
  credentials = DEMO,
): Promise<StoredReport> {
  const response = await request.get(`/api/v1/reports/${reportId}`, {
    headers: { authorization: `Bearer ${await apiToken(request, credentials)}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredReport;
}

/** Every item the insurer sends an office (withdrawn ones too), read through the API as another client would. */
export async function serverItems(request: APIRequestContext, credentials = DEMO): Promise<RecallItem[]> {
  const token = await apiToken(request, credentials);
  const items: RecallItem[] = [];
  let cursor = '0';
  for (;;) {
    const response = await request.get(`/api/v1/sync/pull?cursor=${cursor}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.ok()).toBe(true);
    const page = (await response.json()) as PullResponse;
    items.push(...page.items);
    if (!page.hasMore) return items;
    cursor = page.cursor;
  }
}

/** The insurer's own view of one item (its latest version). */
export async function serverItem(
  request: APIRequestContext,
  itemId: string,
  credentials = DEMO,
): Promise<RecallItem | undefined> {
  return (await serverItems(request, credentials)).findLast((item) => item.id === itemId);
}

/** One record of the app's IndexedDB as stored, read with indexedDB.open rather than the app's Dexie. */
export function rawRecord<T>(page: Page, store: string, key: string): Promise<T | undefined> {
  return page.evaluate(
    ([storeName, id]) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('recall');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction(storeName).objectStore(storeName).get(id);
          get.onsuccess = () => {
            resolve(get.result as T | undefined);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    [store, key] as const,
  );
}

/** Every push answer the server gives this browser context (pages and service worker alike). */
export function recordPushAnswers(context: BrowserContext): PushResponse['results'] {
  const answers: PushResponse['results'] = [];
  context.on('response', async (response) => {
    if (!response.url().endsWith('/api/v1/sync/push')) return;
    const body = (await response.json().catch(() => null)) as PushResponse | null;
    if (body) answers.push(...body.results);
  });
  return answers;
}

/**
 * Tablets of one office for a multi-tablet test: each is its own browser context (its own IndexedDB
 * and service worker), signed in through the UI. `closeAll` in a `finally`, so a failing test leaves
 * no browser behind.
 */
export function tabletsOf(browser: Browser, credentials = DEMO) {
  const contexts: BrowserContext[] = [];
  return {
    async open(): Promise<Page> {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signInThroughUi(page, credentials);
      return page;
    },
    async closeAll(): Promise<void> {
      for (const context of contexts) await context.close();
    },
  };
}

/**
 * The demo's own lists, by the seed's titles (server/seed/demo-data.ts). Lists that specs import reach
 * every tablet of their office (imports belong to the office, docs/decisions/025) and, as this month's,
 * sort first; a spec that means "the demo's newest list" asks for this, never for the first card.
 */
export const demoListCards = (page: Page) =>
  page.locator('.list-card').filter({ hasText: /回収対象者リスト|事業所で登録/ });
