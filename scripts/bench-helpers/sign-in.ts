import type { Page } from '@playwright/test';

/** The passcode every bench sets on its fresh profile. */
export const BENCH_PASSCODE = '246810';

/**
 * Signs in to the demo office through the UI and sets the passcode, as a clerk does on first use,
 * then waits for the synced lists.
 */
export async function signInWithPasscode(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('事業所コード').fill('DEMO-1');
  await page.getByLabel('アクセスコード').fill('demo-pass-1');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByLabel('パスコード（6〜32けたの数字）').fill(BENCH_PASSCODE);
  await page.getByLabel('確認のため、もう一度入力').fill(BENCH_PASSCODE);
  await page.getByRole('button', { name: 'パスコードを設定する' }).click();
  await page.locator('.list-card').first().waitFor();
}

/** Every page load starts locked (the key lives only in the page's memory): enter the passcode. */
export async function unlock(page: Page): Promise<void> {
  await page.getByLabel('パスコード', { exact: true }).fill(BENCH_PASSCODE);
  await page.getByRole('button', { name: 'ロックを解除する' }).click();
}
