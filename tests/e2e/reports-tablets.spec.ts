import { expect, type Page, test } from '@playwright/test';
import type { RecallItem } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import { demoListCards, rawRecord, serverReport, tabletsOf } from './helpers';

/**
 * Two tablets of one office and the reports they send. Tablet A reports the certificates that came
 * back; tablet B, signed in and up to date before that, learns it on its next pull: its report holds
 * only what A's does not, and the insurer takes it; B does not offer to reopen A's items.
 */
const OFFICE = { officeCode: 'DEMO-3', accessCode: 'demo-pass-3' };
const CLERK = { name: '佐藤 花子', phone: '03-1234-5678' };
const PENDING_NONE = '未送信の変更はありません';

/** Ticks the first certificate this tablet shows to collect, other than those named. */
async function tickFirstOpen(page: Page, except: string[] = []): Promise<{ id: string; name: string }> {
  const others = except.map((id) => `:not([data-item-id="${id}"])`).join('');
  const row = page.locator(`li.item.to_collect${others}`).first();
  const id = (await row.getAttribute('data-item-id')) as string;
  const name = (await row.locator('.item-name').innerText()).trim();
  await row.getByRole('button', { name: /を回収済にする$/ }).click();
  await expect(page.locator(`li[data-item-id="${id}"]`)).toHaveClass(/returned/);
  return { id, name };
}

/** Builds the 回収連絡書 of the list on the reports page and sends it; returns its id and rows. */
async function sendReturnNotice(page: Page, listTitle: string): Promise<{ reportId: string; rowIds: string[] }> {
  await page.getByRole('link', { name: '報告書' }).click();
  await page.getByLabel('担当者名').fill(CLERK.name);
  await page.getByLabel('電話番号').fill(CLERK.phone);
  await page.getByRole('button', { name: '担当者を保存' }).click();
  await page.getByLabel('対象').selectOption({ label: listTitle });
  await page.getByLabel(/^資格確認書回収連絡書/).check();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet.getByRole('heading', { name: '資格確認書回収連絡書' })).toBeVisible();
  const reportId = page.url().split('/').pop() as string;
  const rowIds = await sheet
    .locator('tbody tr[data-item-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id') as string));
  await page.getByRole('button', { name: '保険者に送信' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('保険者のシステムへ送信済み', { timeout: 20_000 });
  return { reportId, rowIds };
}

const storedReport = (page: Page, reportId: string) => serverReport(page.request, reportId, OFFICE);

test("tablet B's report holds only what tablet A has not reported, and B does not reopen A's items", async ({
  browser,
}) => {
  const tablets = tabletsOf(browser, OFFICE);
  const tablet = tablets.open;
  try {
    // Both tablets are signed in and up to date before anything is reported.
    const a = await tablet();
    const b = await tablet();
    const listTitle = (await demoListCards(a).first().locator('.list-title').innerText()).trim();

    // A: two certificates come back and go into a report the insurer takes.
    await demoListCards(a).first().click();
    const first = await tickFirstOpen(a);
    const second = await tickFirstOpen(a);
    await expect(a.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    const fromA = await sendReturnNotice(a, listTitle);
    expect(fromA.rowIds).toEqual(expect.arrayContaining([first.id, second.id]));

    // B: a third certificate comes back (B has not pulled A's ticks yet); its sync pulls A's report
    // marks (ids, form and date only, so stored in clear).
    await b.locator('.list-card').filter({ hasText: listTitle }).click();
    const third = await tickFirstOpen(b, [first.id, second.id]);
    await expect(b.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    await expect
      .poll(async () => (await rawRecord<RecallItem>(b, 'items', first.id))?.inReport?.reportId, { timeout: 20_000 })
      .toBe(fromA.reportId);
    expect((await rawRecord<RecallItem>(b, 'items', third.id))?.inReport ?? null).toBeNull();

    // B's reopen of A's item is refused here, in A's words, before anything is queued.
    await b.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill(first.name);
    const row = b.locator(`li[data-item-id="${first.id}"]`);
    await expect(row.getByRole('button', { name: /の回収を元に戻す$/ })).toHaveCount(0);
    await row.getByRole('button', { name: /の詳細$/ }).click();
    const dialog = b.getByRole('dialog');
    await expect(dialog.getByTestId('in-report')).toContainText('資格確認書回収連絡書');
    await expect(dialog.getByTestId('in-report')).toContainText('保険者に報告済のため、ここでは変更できません');
    await expect(dialog.getByRole('button', { name: '未回収に戻す' })).toHaveCount(0);
    await expectNoAxeViolations(b, "another tablet's reported item");
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect(b.getByTestId('pending-count')).toHaveText(PENDING_NONE);

    // B's report holds only the third certificate, and the insurer takes it.
    const fromB = await sendReturnNotice(b, listTitle);
    expect(fromB.rowIds).toEqual([third.id]);
    expect((await storedReport(b, fromB.reportId)).itemIds).toEqual([third.id]);
    expect((await storedReport(a, fromA.reportId)).itemIds).toEqual([...fromA.rowIds].sort());

    // Nothing is left: B's next report of the list is refused with the reason.
    await b.getByRole('link', { name: '報告書の一覧に戻る' }).click();
    await b.getByLabel('対象').selectOption({ label: listTitle });
    await b.getByLabel(/^資格確認書回収連絡書/).check();
    await b.getByRole('button', { name: '作成して確認する' }).click();
    await expect(b.getByRole('alert')).toHaveText(/すべて報告済です/);
  } finally {
    await tablets.closeAll();
  }
});
