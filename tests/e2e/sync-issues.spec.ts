import { expect, type Page, test } from '@playwright/test';
import type { PushResponse } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import { demoListCards, recordPushAnswers, tabletsOf, waitForServiceWorker } from './helpers';

/**
 * The "changes that could not be sent" panel against the real server, with a real refusal between
 * two tablets of one office: tablet B is offline while tablet A reports a returned certificate to the
 * insurer, so B cannot know of the report yet and reopens it. The insurer refuses (item_in_report):
 * the item is in a submitted report and only a correcting report can change it.
 */
// DEMO-2, where reports.spec has already reported items of the same list from another tablet: A's
// report holds only what no report holds (the pull marks reported items), so the insurer takes it.
const OFFICE = { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' };
const REASON = 'この資格確認書は保険者に報告済のため、変更できません。';
const PENDING_NONE = '未送信の変更はありません';

const refusals = (answers: PushResponse['results']) =>
  answers.filter((a) => a.status === 'rejected' && a.reason === 'item_in_report');

async function openItem(page: Page, listTitle: string, name: string, itemId: string) {
  await page.getByRole('link', { name: '回収リスト' }).click();
  await page.locator('.list-card').filter({ hasText: listTitle }).click();
  await page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill(name);
  await page
    .locator(`li[data-item-id="${itemId}"]`)
    .getByRole('button', { name: /の詳細$/ })
    .click();
  return page.getByRole('dialog');
}

test('a change the insurer refuses is shown in plain words; send again and undo work; axe clean', async ({
  browser,
}) => {
  const tablets = tabletsOf(browser, OFFICE);
  const tablet = tablets.open;
  try {
    // Tablet A: one certificate comes back and goes into a report sent to the insurer.
    const a = await tablet();
    const listTitle = (await demoListCards(a).first().locator('.list-title').innerText()).trim();
    await demoListCards(a).first().click();
    // A row the office collects (at 協会けんぽ some only tell the member and have no tick; docs/domain.md).
    const row = a
      .locator('li.item.to_collect')
      .filter({ has: a.getByRole('button', { name: /を回収済にする$/ }) })
      .first();
    const itemId = (await row.getAttribute('data-item-id')) as string;
    const name = (await row.locator('.item-name').innerText()).trim();
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
    await expect(a.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });

    // Tablet B signs in now and goes offline: it holds the item as returned and cannot learn of A's
    // report (once online, its next pull would mark the item and the dialog would offer no reopen).
    const b = await tablet();
    const answers = recordPushAnswers(b.context());
    await waitForServiceWorker(b);
    await b.context().setOffline(true);

    await a.getByRole('link', { name: '報告書' }).click();
    await a.getByLabel('担当者名').fill('佐藤 花子');
    await a.getByLabel('電話番号').fill('03-1234-5678');
    await a.getByRole('button', { name: '担当者を保存' }).click();
    await a.getByLabel('対象').selectOption({ label: listTitle });
    await a.getByLabel(/^資格確認書回収連絡書/).check();
    await a.getByRole('button', { name: '作成して確認する' }).click();
    await expect(a.getByTestId('report-sheet').locator(`tr[data-item-id="${itemId}"]`)).toBeVisible();
    await a.getByRole('button', { name: '保険者に送信' }).click();
    await expect(a.getByTestId('report-status')).toHaveText('保険者のシステムへ送信済み', { timeout: 20_000 });

    // Tablet B reopens it offline, then the network comes back: the insurer refuses.
    const dialog = await openItem(b, listTitle, name, itemId);
    await dialog.getByRole('button', { name: '未回収に戻す' }).click();
    await expect(dialog).toBeHidden();
    await b.context().setOffline(false);
    await expect.poll(() => refusals(answers).length, { timeout: 20_000 }).toBe(1);

    // The status bar says so, and the panel explains it in plain words.
    const open = b.getByRole('button', { name: '送れなかった変更 1 件' });
    await expect(open).toBeVisible();
    await open.click();
    const panel = b.getByRole('region', { name: '送れなかった変更' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('保険者のサーバーが受け付けなかった変更です。');
    await expect(panel.getByRole('listitem')).toHaveCount(1);
    await expect(panel.getByRole('listitem')).toContainText(`${name} さんを未回収に戻した`);
    await expect(panel.getByRole('listitem')).toContainText(REASON);
    await expectNoAxeViolations(b, 'changes that could not be sent');

    // Send again: it really goes to the server again (a new mutation id), which refuses it again.
    await panel.getByRole('button', { name: 'もう一度送る' }).click();
    await expect.poll(() => refusals(answers).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = refusals(answers);
    expect(second?.id).not.toBe(first?.id);
    await expect(panel.getByRole('listitem')).toHaveCount(1);
    await expect(panel.getByRole('listitem')).toContainText(REASON);

    // Undo, by keyboard: the change is dropped, nothing is left waiting, and B shows the insurer's
    // record again (returned).
    await panel.getByRole('button', { name: '取り消す（保険者の記録に戻す）' }).focus();
    await b.keyboard.press('Enter');
    await expect(panel).toBeHidden();
    await expect(open).toBeHidden();
    await expect(b.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    await expect(b.locator(`li[data-item-id="${itemId}"]`)).toHaveClass(/returned/, { timeout: 20_000 });
    await expectNoAxeViolations(b, 'after undo');
  } finally {
    await tablets.closeAll();
  }
});
