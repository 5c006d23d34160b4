import { type APIRequestContext, expect, test } from '@playwright/test';
import type {
  AccessCodeIssued,
  PublishResponse,
  StaffReportsResponse,
  SummaryResponse,
} from '../../src/api/insurer-schemas';
import { expectNoAxeViolations } from './axe';
import { gotoUnlocked, signInThroughUi, waitForServiceWorker } from './helpers';

/**
 * Issue 20's loop, the insurer's side through its API (the console page is not built yet; the CLI
 * sends the same requests): staff sign in, enrol an office, publish its list; a tablet signed in
 * with the new access code receives it, ticks offline, reports; staff see the counts and the report,
 * record the envelope; the tablet shows the report as 「封筒を受領」.
 */

const OFFICE_CODE = 'E2E-INS-1';
const CLERK = { name: '佐藤 花子', phone: '03-1234-5678' };
const TITLE = '2026年11月分 回収対象者一覧（E2E）';

async function staffToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/insurer/auth/sign-in', {
    data: { login: 'minato-staff', password: 'staff-pass-1' },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

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

test('staff enrol an office and publish its list; the tablet reports; the envelope reaches the tablet', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const token = await staffToken(request);
  const auth = { authorization: `Bearer ${token}` };

  const enrolled = await request.post('/api/v1/insurer/offices', {
    headers: auth,
    data: {
      code: OFFICE_CODE,
      officeSymbol: '01-イロハ',
      officeNumber: '12345',
      name: '株式会社E2E物産',
      address: '東京都港区芝公園1-1-1',
    },
  });
  expect(enrolled.status()).toBe(201);
  const { accessCode } = (await enrolled.json()) as AccessCodeIssued;

  const published = await request.post('/api/v1/insurer/publish', {
    headers: auth,
    data: { period: '2026-11', title: TITLE, rows },
  });
  expect(published.status()).toBe(201);
  const { offices } = (await published.json()) as PublishResponse;
  expect(offices).toMatchObject([{ officeCode: OFFICE_CODE, items: 3, published: true }]);

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
  await expect(page.getByTestId('report-status')).toHaveText('保険者が受領', { timeout: 20_000 });

  // The insurer sees the counts and the report.
  const summary = await request.get('/api/v1/insurer/summary?period=2026-11', { headers: auth });
  const row = ((await summary.json()) as SummaryResponse).rows.find((r) => r.officeCode === OFFICE_CODE);
  expect(row).toMatchObject({ toCollect: 1, returned: 2, cannotCollect: 0, reports: 1, envelopes: 0 });
  const reports = await request.get(`/api/v1/insurer/offices/${OFFICE_CODE}/reports`, { headers: auth });
  expect(((await reports.json()) as StaffReportsResponse).reports).toMatchObject([
    { id: reportId, form: 'return_notice', itemCount: 2, envelopeReceivedAt: null },
  ]);
  const wrong = await request.post(`/api/v1/insurer/offices/${OFFICE_CODE}/reports/${reportId}/envelope`, {
    headers: auth,
    data: { count: 3 },
  });
  expect(wrong.status()).toBe(422);
  const envelope = await request.post(`/api/v1/insurer/offices/${OFFICE_CODE}/reports/${reportId}/envelope`, {
    headers: auth,
    data: { count: 2 },
  });
  expect(envelope.status()).toBe(200);

  // The tablet's next pull (a new start of the app) shows the report as 「封筒を受領」.
  await gotoUnlocked(page, '/reports');
  const entry = page.locator(`li[data-report-id="${reportId}"] .report-status`);
  await expect(entry).toHaveText('封筒を受領', { timeout: 20_000 });
  await expectNoAxeViolations(page, 'reports with an envelope received');
});
