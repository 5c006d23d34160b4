import { expect, type Page } from '@playwright/test';
import type { PushRequest } from '../../src/api/schemas';
import { demoListCards, PASSCODE, setPasscodeThroughUi, unlockThroughUi } from './helpers';

const OFFICE = { officeCode: 'DEMO-3', accessCode: 'demo-pass-3' };
const CLERK = { name: '佐藤 花子', phone: '03-1234-5678' };

/**
 * A clerk's tour of every screen on a fresh tablet (a context whose baseURL is the app): sign-in, set
 * passcode, lists, checklist, item dialog, scan, import, HR event, reports, report view, official forms, notices (one open),
 * 端末の安全, the "could not be sent" panel, lock, and the public notice page. `visit` runs on each screen once it has settled; the
 * touch-target check and `npm run screenshots` share this walk, so both see the same screens.
 */
export async function tourEveryScreen(page: Page, visit: (screen: string) => Promise<void>): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  await visit('sign-in');
  await page.getByLabel('事業所コード').fill(OFFICE.officeCode);
  await page.getByLabel('アクセスコード').fill(OFFICE.accessCode);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page.getByLabel('パスコード（6〜32けたの数字）')).toBeVisible();
  await visit('set passcode');
  await setPasscodeThroughUi(page, PASSCODE);
  await expect(page.getByRole('heading', { name: '回収対象者リスト' })).toBeVisible();
  await expect(page.locator('.list-card').first()).toBeVisible();
  await visit('lists');
  // At tablet widths the status bar's actions sit behind one button (when there is more than one).
  const actions = page.getByRole('button', { name: '同期・通知' });
  if (await actions.isVisible()) {
    await actions.click();
    await expect(page.locator('#status-actions-panel')).toBeVisible();
    await visit('status bar actions open');
    await page.keyboard.press('Escape');
    await expect(page.locator('#status-actions-panel')).toBeHidden();
  }

  await demoListCards(page).first().click();
  await expect(page.locator('li.item').first()).toBeVisible();
  await visit('checklist');
  // One certificate comes back, so the reports have something to show.
  await page
    .locator('li.item.to_collect')
    .first()
    .getByRole('button', { name: /を回収済にする$/ })
    .click();
  await page
    .locator('li.item')
    .first()
    .getByRole('button', { name: /さんの詳細$/ })
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await visit('item dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.locator('main a[href="/scan"]').first().click();
  await expect(page).toHaveURL(/\/scan$/);
  await visit('scan');

  await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
  await page.locator('main a[href="/import"]').click();
  await expect(page).toHaveURL(/\/import$/);
  await visit('import');

  await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
  await page.locator('main a[href="/events/new"]').click();
  await expect(page).toHaveURL(/\/events\/new$/);
  await expect(page.getByRole('radio').first()).toBeVisible();
  await visit('hr event');

  await page.getByRole('link', { name: '報告書' }).click();
  await expect(page.getByRole('heading', { name: '保険者への報告書' })).toBeVisible();
  await visit('reports');
  await page.getByLabel('担当者名').fill(CLERK.name);
  await page.getByLabel('電話番号').fill(CLERK.phone);
  await page.getByRole('button', { name: '担当者を保存' }).click();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  await expect(page.getByTestId('report-sheet')).toBeVisible();
  await visit('report view');
  await page.getByRole('button', { name: 'この報告書を削除' }).click();
  await visit('report view, delete asked');
  await page.getByRole('button', { name: 'やめる' }).click();

  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '報告書' }).click();
  await page.locator('main a[href="/reports/forms"]').click();
  await expect(page).toHaveURL(/\/reports\/forms$/);
  await expect(page.getByRole('heading', { name: '提出書類', level: 1 })).toBeVisible();
  await visit('official forms');

  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  await expect(page.locator('li.recipient').first()).toBeVisible();
  await visit('notices');
  await page
    .locator('li.recipient')
    .first()
    .getByRole('button', { name: /さんへのお知らせを開く$/ })
    .click();
  await expect(page.locator('section.notice-detail')).toBeVisible();
  await visit('notices, one notice open');

  await page.getByRole('link', { name: '端末の安全' }).click();
  await expect(page).toHaveURL(/\/security$/);
  await visit('security');

  // A change the insurer refuses: the status bar offers the "could not be sent" panel. The refusal is
  // the server's answer, rewritten on its way back (a real one needs a second tablet: sync-issues.spec).
  await page.context().route('**/api/v1/sync/push', async (route) => {
    const body = route.request().postDataJSON() as PushRequest;
    await route.fulfill({
      json: { results: body.mutations.map((m) => ({ id: m.id, status: 'rejected', reason: 'item_in_report' })) },
    });
  });
  await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
  await demoListCards(page).first().click();
  await page
    .locator('li.item.to_collect')
    .first()
    .getByRole('button', { name: /を回収済にする$/ })
    .click();
  await page.getByRole('button', { name: /^送れなかった変更 \d+ 件$/ }).click({ timeout: 30_000 });
  await expect(page.locator('#sync-issues')).toBeVisible();
  await visit('sync issues');
  await page.context().unroute('**/api/v1/sync/push');

  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ロックしています' })).toBeVisible();
  await visit('lock');
  await unlockThroughUi(page);

  await page.goto('/n/ur/return_got_myna');
  await expect(page.locator('article[lang="ur"]')).toBeVisible();
  await visit('public notice (ur)');
}
