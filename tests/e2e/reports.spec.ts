import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoListCards, serverReport, signInThroughUi, waitForServiceWorker } from './helpers';

const OFFICE = { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' };
const KUMIAI_OFFICE = { officeCode: 'DEMO-1', accessCode: 'demo-pass-1' };
const CLERK = { name: '佐藤 花子', phone: '03-1234-5678' };

async function saveClerk(page: Page) {
  await page.getByLabel('担当者名').fill(CLERK.name);
  await page.getByLabel('電話番号').fill(CLERK.phone);
  await page.getByRole('button', { name: '担当者を保存' }).click();
  await expect(page.getByText('担当者を保存しました。')).toBeVisible();
}

type PdfPages = { texts: string[]; pngs: string[] };

/** page.pdf() of the print view, then poppler: the text of each page and one PNG per page. */
async function printToPdf(page: Page, testInfo: TestInfo, name: string): Promise<PdfPages> {
  const pdfPath = testInfo.outputPath(`${name}.pdf`);
  writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  // Reading order, not layout: a table cell's text stays in one piece.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const texts = text.split('\f').filter((p) => p.trim() !== '');
  const prefix = testInfo.outputPath(`${name}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, prefix]);
  const dir = testInfo.outputPath();
  const pngs = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.png'))
    .map((f) => join(dir, f));
  return { texts, pngs };
}

test('tick offline, build and preview the 回収連絡書 offline, send it; the insurer holds exactly those items', async ({
  page,
  context,
}, testInfo) => {
  await signInThroughUi(page, OFFICE);
  await waitForServiceWorker(page);
  const listTitle = (await demoListCards(page).first().locator('.list-title').innerText()).trim();
  await context.setOffline(true);

  // Offline: two certificates come back.
  await demoListCards(page).first().click();
  const ticked: string[] = [];
  let tickedName = '';
  for (let i = 0; i < 2; i++) {
    const row = page
      .locator('li.item.to_collect')
      .filter({ has: page.getByRole('button', { name: /を回収済にする$/ }) })
      .first();
    ticked.push((await row.getAttribute('data-item-id')) as string);
    if (i === 0) tickedName = (await row.locator('.item-name').innerText()).trim();
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
    await expect(page.locator(`li[data-item-id="${ticked[i]}"]`)).toHaveClass(/returned/);
  }

  await page.getByRole('link', { name: '報告書' }).click();
  await expect(page.getByRole('heading', { name: '保険者への報告書' })).toBeVisible();
  // No clerk yet: the report is refused with the reason.
  await page.getByLabel('対象').selectOption({ label: listTitle });
  await page.getByRole('button', { name: '作成して確認する' }).click();
  await expect(page.getByRole('alert')).toHaveText(/担当者名と電話番号を入れて保存してください/);
  await saveClerk(page);
  await expectNoAxeViolations(page, 'reports');
  await page.getByLabel(/^資格確認書回収連絡書（まだ報告していない \d+ 件）$/).check();
  await page.getByRole('button', { name: '作成して確認する' }).click();

  const sheet = page.getByTestId('report-sheet');
  await expect(sheet.getByRole('heading', { name: '資格確認書回収連絡書' })).toBeVisible();
  const reportId = page.url().split('/').pop() as string;
  const rowIds = await sheet
    .locator('tbody tr[data-item-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-item-id') as string));
  for (const id of ticked) expect(rowIds).toContain(id);
  await expect(page.getByTestId('packing-check')).toHaveText(
    new RegExp(
      `資格確認書 ${Number(
        await sheet
          .getByTestId('count-certificate')
          .innerText()
          .then((s) => s.match(/\d+/)?.[0]),
      )} 枚`,
    ),
  );
  await expect(sheet.getByTestId('count-total')).toHaveText(`${rowIds.length} 枚`);
  await expect(sheet).toContainText(CLERK.name);
  await expect(sheet).toContainText(/令和\d+年\d+月\d+日/);
  await expectNoAxeViolations(page, 'report view');

  // Sent offline: queued, then received once the network is back.
  await page.getByRole('button', { name: '保険者に送信' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('送信待ち');
  const pdf = await printToPdf(page, testInfo, 'return-notice');
  expect(pdf.texts.length).toBe(pdf.pngs.length);
  expect(pdf.texts[0]).toContain('資格確認書回収連絡書');
  expect(pdf.texts[0]).toContain('御中');
  expect(pdf.texts[0]).toContain(CLERK.phone);
  expect(pdf.texts[0]).not.toContain('保険者に送信');
  expect(pdf.texts.at(-1)).toMatch(new RegExp(`${pdf.texts.length}\\s*/\\s*${pdf.texts.length}`));

  await context.setOffline(false);
  await expect(page.getByTestId('report-status')).toHaveText('保険者のシステムへ送信済み', { timeout: 20_000 });
  const stored = await serverReport(page.request, reportId, OFFICE);
  expect(stored.itemIds).toEqual([...rowIds].sort());
  expect(stored.form).toBe('return_notice');

  // The same items are never reported again, and a reported item is not silently reopened.
  await page.getByRole('link', { name: '報告書の一覧に戻る' }).click();
  await expect(page.locator(`li[data-report-id="${reportId}"] .report-status`)).toHaveText(
    '保険者のシステムへ送信済み',
  );
  await page.getByLabel('対象').selectOption({ label: listTitle });
  await page.getByLabel(/^資格確認書回収連絡書/).check();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  await expect(page.getByRole('alert')).toHaveText(/すべて報告済です/);

  await page.getByRole('link', { name: '回収リスト' }).click();
  await page.locator('.list-card').filter({ hasText: listTitle }).click();
  // The checklist renders the rows in view: find the ticked member by name.
  await page.getByLabel('検索（氏名・フリガナ・記号番号・発行No.）').fill(tickedName);
  await page
    .locator(`li[data-item-id="${ticked[0]}"]`)
    .getByRole('button', { name: /の詳細$/ })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('in-report')).toContainText('保険者に報告済のため、ここでは変更できません');
  await expect(dialog.getByRole('button', { name: '未回収に戻す' })).toHaveCount(0);
});

test('a 滅失届 per member with reason and the employer confirmation box', async ({ page }, testInfo) => {
  await signInThroughUi(page, OFFICE);
  const listTitle = (await page.locator('.list-card .list-title').last().innerText()).trim();
  await page.locator('.list-card').last().click();
  const row = page
    .locator('li.item.to_collect')
    .filter({ has: page.getByRole('button', { name: /を回収済にする$/ }) })
    .first();
  const name = (await row.locator('.item-name').innerText()).trim();
  await row.getByRole('button', { name: /の詳細$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^滅失/).check();
  await dialog.getByLabel('理由（報告書に記載されます）').fill('自宅の火災で焼失');
  await dialog.getByRole('button', { name: '返却できないとして記録' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('link', { name: '報告書' }).click();
  await saveClerk(page);
  await page.getByLabel('対象').selectOption({ label: listTitle });
  await page.getByLabel(/^滅失届/).check();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet.getByRole('heading', { name: '資格確認書等滅失届' })).toBeVisible();
  await expect(sheet.locator('tr').filter({ hasText: name })).toContainText('自宅の火災で焼失');
  await expect(sheet.getByRole('region', { name: '事業主確認欄' })).toBeVisible();
  await expectNoAxeViolations(page, 'lost report');

  const pdf = await printToPdf(page, testInfo, 'lost');
  const all = pdf.texts.join('\n');
  for (const text of ['資格確認書等滅失届', '生年月日', '性別', '記号・番号・枝番', '自宅の火災で焼失', '事業主確認欄'])
    expect(all).toContain(text);
});

test('a 120-row report of an imported list spans pages with headers repeated, page x / y, names as text', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // 24 households of 5: one household tick returns five certificates.
  const header =
    '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限';
  const lines = [header];
  for (let h = 0; h < 24; h++) {
    for (let m = 0; m < 5; m++) {
      const n = h * 5 + m;
      const insured = `試験 世帯${h + 1}`;
      const name = n === 7 ? '<b>太字</b> 花子' : n === 8 ? '=1+1 次郎' : m === 0 ? insured : `試験 家族${n}`;
      lines.push(
        [
          String(300000000 + n),
          '7701',
          String(100 + h),
          String(m).padStart(2, '0'),
          name,
          'シケン カゾク',
          '1985-01-01',
          m % 2 ? '女' : '男',
          m === 0 ? '本人' : '家族',
          insured,
          n % 10 === 9 ? '健康保険証' : '資格確認書',
          n % 10 === 9 ? '旧保険証' : 'マイナ保険証取得',
          n % 10 === 9 ? '2025-11-30' : '',
          '2025-11-01',
          '',
          '2026-12-31',
        ].join(','),
      );
    }
  }
  const csv = `${lines.join('\r\n')}\r\n`;

  // A 健康保険組合's office: at 協会けんぽ a マイナ保険証 is no reason to recall (docs/domain.md).
  await signInThroughUi(page, KUMIAI_OFFICE);
  await page.getByRole('link', { name: 'ファイルから取り込む' }).click();
  await page.getByLabel('リストの名前').fill('120件の試験リスト');
  await page
    .getByLabel('CSVファイル')
    .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '120 件を取り込む' }).click();
  await page.getByRole('link', { name: '取り込んだリストを開く' }).click();
  await page.getByLabel('世帯ごとにまとめる').check();
  const householdButton = page.getByRole('button', { name: /^世帯の 5 件をまとめて回収済にする$/ });
  for (let h = 1; h <= 24; h++) {
    await householdButton.first().click();
    await expect(page.getByTestId('list-progress')).toHaveText(
      `未回収 ${120 - 5 * h} ・ 回収済 ${5 * h} ・ 回収不能 0`,
    );
  }

  await page.getByRole('link', { name: '報告書' }).click();
  await saveClerk(page);
  await page.getByLabel('対象').selectOption({ label: '120件の試験リスト' });
  await page.getByLabel('資格確認書回収連絡書（まだ報告していない 120 件）').check();
  await page.getByRole('button', { name: '作成して確認する' }).click();
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet.locator('tbody tr[data-item-id]')).toHaveCount(120);
  await expect(page.getByTestId('packing-check')).toHaveText(
    '封筒に 資格確認書 108 枚 と 健康保険証 12 枚 を同封してください。',
  );
  // The imported list belongs to the office (docs/decisions/025): its report goes to the insurer like any other.
  await expect(page.getByRole('button', { name: '保険者に送信' })).toBeVisible();
  await expect(page.getByText('ファイルから取り込んだリストの報告書は、保険者のサーバーに送れません。')).toHaveCount(0);
  // Markup in a name is shown as text.
  await expect(sheet.getByRole('cell', { name: '<b>太字</b> 花子' })).toBeVisible();
  expect(await sheet.locator('b').count()).toBe(0);

  // CSV export: BOM, a header and 120 rows, formula cells made harmless.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSVで保存' }).click(),
  ]);
  const bytes = readFileSync((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvLines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(csvLines).toHaveLength(121);
  expect(csvLines[0]).toBe('記号,番号,枝番,氏名,フリガナ,本人家族,書類,返却日');
  expect(csvLines.some((line) => line.includes(",'=1+1 次郎,"))).toBe(true);

  const pdf = await printToPdf(page, testInfo, 'return-notice-120');
  const pages = pdf.texts.length;
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(pdf.pngs).toHaveLength(pages);
  pdf.texts.forEach((text, index) => {
    expect(text, `page ${index + 1}`).toContain('記号・番号・枝番');
    expect(text, `page ${index + 1}`).toContain('返却日');
    expect(text, `page ${index + 1}`).toMatch(new RegExp(`${index + 1}\\s*/\\s*${pages}`));
  });
  const all = pdf.texts.join('\n');
  expect(all).toContain('<b>太字</b> 花子');
  // Every row is printed once: numbers 1..120 in the No. column, none cut off.
  for (const n of [1, 60, 119, 120]) expect(all).toMatch(new RegExp(`(^|\\n)\\s*${n}\\s+7701・`));
  for (const png of pdf.pngs) expect(readFileSync(png).length).toBeGreaterThan(5_000);
});
