import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { gotoUnlocked, signInThroughUi, waitForServiceWorker } from './helpers';

/**
 * Issue 20's loop: insurer staff in the console (/insurer) sign in, enrol an office and publish its
 * list; a tablet signed in with the new access code receives it, ticks offline, reports; the staff see
 * the counts and the report and record the envelope; the tablet shows the report as 「封筒を受領」.
 */

const OFFICE_CODE = 'E2E-INS-1';
const CLERK = { name: '佐藤 花子', phone: '03-1234-5678' };
const TITLE = '2026年11月分 回収対象者一覧（E2E）';

const rows = [1, 2, 3].map((n) => ({
  officeCode: OFFICE_CODE,
  symbol: '8801',
  number: String(700 + n),
  branch: '00',
  relation: 'self',
  name: `保険 太郎${n}`,
  kana: 'ホケン タロウ',
  birthDate: `1979-05-0${n}`,
  sex: 'male',
  documentKind: 'certificate',
  reason: 'lost_eligibility',
  issueNo: `E2E-${n}`,
  issuedOn: '2025-12-02',
  expiresOn: '2026-12-01',
  lossDate: '2026-11-16',
  dueDate: '2026-11-20',
}));

async function staffSignIn(staff: Page) {
  await staff.goto('/insurer');
  await expect(staff.getByRole('heading', { name: '保険者の管理画面' })).toBeVisible();
  await staff.getByLabel('ログインID').fill('minato-staff');
  await staff.getByLabel('パスワード').fill('staff-pass-1');
  // By keyboard: Enter in the password box submits.
  await staff.getByLabel('パスワード').press('Enter');
  await expect(staff.getByText('みなと連合健康保険組合（minato-staff）でサインイン中')).toBeVisible();
}

test('staff enrol an office and publish its list in the console; the tablet reports; the envelope reaches the tablet', async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(150_000);
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staffSignIn(staff);

  await staff.getByLabel('事業所コード').fill(OFFICE_CODE);
  await staff.getByLabel('事業所整理記号').fill('01-イロハ');
  await staff.getByLabel('事業所番号').fill('12345');
  await staff.getByLabel('事業所名').fill('株式会社E2E物産');
  await staff.getByLabel('所在地').fill('東京都港区芝公園1-1-1');
  await staff.getByRole('button', { name: '登録してアクセスコードを発行' }).click();
  const accessCode = (await staff.getByTestId('access-code').innerText()).trim();
  expect(accessCode).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await expect(staff.locator(`tr[data-office-code="${OFFICE_CODE}"]`)).toContainText('利用中');

  // A bad row first: nothing is published and the row is named.
  const bad = rows.map((r, i) => (i === 1 ? { ...r, birthDate: '1979-02-30' } : r));
  await staff.getByLabel('内容（JSON）').fill(JSON.stringify({ period: '2026-11', title: TITLE, rows: bad }));
  await staff.getByRole('button', { name: '公開する' }).click();
  await expect(staff.getByRole('alert')).toContainText('rows.1.birthDate');
  await staff.getByLabel('内容（JSON）').fill(JSON.stringify({ period: '2026-11', title: TITLE, rows }));
  await staff.getByRole('button', { name: '公開する' }).click();
  await expect(staff.getByRole('status').filter({ hasText: `${OFFICE_CODE}：3 件を公開しました` })).toBeVisible();
  await expectNoAxeViolations(staff, 'insurer console');

  // The tablet of the new office receives the list on its first pull.
  await signInThroughUi(page, { officeCode: OFFICE_CODE, accessCode });
  await waitForServiceWorker(page);
  await expect(page.locator('.list-card').filter({ hasText: TITLE })).toBeVisible();

  // Offline: two certificates come back.
  await context.setOffline(true);
  await page.locator('.list-card').filter({ hasText: TITLE }).click();
  for (let i = 0; i < 2; i++) {
    const row = page.locator('li.item.to_collect').first();
    const id = (await row.getAttribute('data-item-id')) as string;
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
    await expect(page.locator(`li[data-item-id="${id}"]`)).toHaveClass(/returned/);
  }
  await page.getByRole('link', { name: '報告書' }).click();
  await page.getByLabel('担当者名').fill(CLERK.name);
  await page.getByLabel('電話番号').fill(CLERK.phone);
  await page.getByRole('button', { name: '担当者を保存' }).click();
  await page.getByLabel('対象').selectOption({ label: TITLE });
  await page.getByLabel(/^資格確認書回収連絡書（まだ報告していない 2 件）$/).check();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  await expect(page.getByTestId('report-sheet')).toBeVisible();
  const reportId = page.url().split('/').pop() as string;
  await page.getByRole('button', { name: '保険者に送信' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('送信待ち');
  await context.setOffline(false);
  await expect(page.getByTestId('report-status')).toHaveText('保険者のシステムへ送信済み', { timeout: 20_000 });

  // The staff see the counts and the report, and record its envelope (a wrong count is refused).
  await staff.getByLabel('対象月（例 2026-11）').fill('2026-11');
  await staff.getByRole('button', { name: '集計を表示' }).click();
  const summaryRow = staff.getByTestId('summary').locator(`tr[data-office-code="${OFFICE_CODE}"]`);
  await expect(summaryRow.locator('td')).toHaveText([
    OFFICE_CODE,
    '株式会社E2E物産',
    '2026-11',
    '1',
    '2',
    '0',
    '1',
    '1',
    '0',
  ]);
  await staff.getByLabel('届出を見る事業所').selectOption(OFFICE_CODE);
  const report = staff.locator(`li[data-report-id="${reportId}"]`);
  await expect(report).toContainText('2 件');
  await report.getByLabel('封筒の中の枚数').fill('3');
  await report.getByRole('button', { name: '封筒の受領を記録' }).click();
  await expect(staff.getByRole('alert')).toContainText('枚数が届出の件数と合いません');
  await report.getByLabel('封筒の中の枚数').fill('2');
  await report.getByRole('button', { name: '封筒の受領を記録' }).click();
  await expect(report).toContainText('封筒を受領');
  await expectNoAxeViolations(staff, 'insurer console with reports');

  // The tablet's next pull (a new start of the app) shows the report as sent and 「封筒を受領」 (both: issue 15).
  await gotoUnlocked(page, '/reports');
  const entry = page.locator(`li[data-report-id="${reportId}"] .report-status`);
  await expect(entry).toHaveText(['保険者のシステムへ送信済み', '封筒を受領'], { timeout: 20_000 });
  await expectNoAxeViolations(page, 'reports with an envelope received');
  await staffContext.close();
});
