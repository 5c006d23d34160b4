import { expect, type Page, test } from '@playwright/test';
import type { PushResponse } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import { gotoUnlocked, signInThroughUi } from './helpers';

/**
 * The "changes that could not be sent" panel against the real server. A real rejection: the clerk
 * imported a list from a file (members the insurer's API has never sent) and set one member's notice
 * language; the tablet sends that to the insurer, whose member register has no such member
 * (member_not_found).
 */
const HEADER =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限';
const NAME = '佐藤 花子';

function oneMemberCsv(): Buffer {
  const row = `800000001,8001,801,00,${NAME},サトウ ハナコ,1985-05-05,女,本人,,資格確認書,マイナ保険証取得,,2025-12-01,,`;
  return Buffer.from(`${HEADER}\r\n${row}\r\n`, 'utf8');
}

/** Every push answer the server gives this tablet (pages and service worker alike). */
function recordPushAnswers(page: Page): PushResponse['results'] {
  const answers: PushResponse['results'] = [];
  page.context().on('response', async (response) => {
    if (!response.url().endsWith('/api/v1/sync/push')) return;
    const body = (await response.json().catch(() => null)) as PushResponse | null;
    if (body) answers.push(...body.results);
  });
  return answers;
}

const refusals = (answers: PushResponse['results']) =>
  answers.filter((a) => a.status === 'rejected' && a.reason === 'member_not_found');

test('a change the insurer refuses is shown in plain words; send again and undo work; axe clean', async ({ page }) => {
  const answers = recordPushAnswers(page);
  await signInThroughUi(page, { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' });
  await gotoUnlocked(page, '/import');
  await page.getByLabel('CSVファイル').setInputFiles({ name: 'own.csv', mimeType: 'text/csv', buffer: oneMemberCsv() });
  await page.getByLabel('リストの名前').fill('自社で作ったリスト');
  await page.getByRole('button', { name: '1 件を取り込む' }).click();
  await expect(page.getByRole('link', { name: '取り込んだリストを開く' })).toBeVisible();

  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  await page.getByLabel('リスト', { exact: true }).selectOption({ label: '自社で作ったリスト' });
  await page.getByLabel(`${NAME} さんのお知らせの言語`).selectOption('vi');
  await expect.poll(() => refusals(answers).length, { timeout: 20_000 }).toBe(1);

  // The status bar says so, and the panel explains it in plain words.
  const open = page.getByRole('button', { name: '送れなかった変更 1 件' });
  await expect(open).toBeVisible();
  await open.click();
  const panel = page.getByRole('region', { name: '送れなかった変更' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('保険者のサーバーが受け付けなかった変更です。');
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('listitem')).toContainText('お知らせの言語を変えた');
  await expect(panel.getByRole('listitem')).toContainText(
    'この加入者は、保険者の名簿にありません。取り消してください。',
  );
  await expectNoAxeViolations(page, 'changes that could not be sent');

  // Send again: it really goes to the server again (a new mutation id), which refuses it again.
  await panel.getByRole('button', { name: 'もう一度送る' }).click();
  await expect.poll(() => refusals(answers).length, { timeout: 20_000 }).toBe(2);
  const [first, second] = refusals(answers);
  expect(second?.id).not.toBe(first?.id);
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('listitem')).toContainText('この加入者は、保険者の名簿にありません。');

  // Undo, by keyboard: the change is dropped and nothing is left waiting.
  await panel.getByRole('button', { name: '取り消す（保険者の記録に戻す）' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(open).toBeHidden();
  await expect(page.getByTestId('pending-count')).toHaveText('未送信の変更はありません', { timeout: 20_000 });
  await expectNoAxeViolations(page, 'after undo');
});
