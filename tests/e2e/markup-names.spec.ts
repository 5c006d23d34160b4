import { expect, type Page, test } from '@playwright/test';
import { gotoUnlocked, signInThroughUi } from './helpers';

/**
 * A malicious recall-list file: names that are markup. They must show as the literal text in every
 * screen that prints a name, and no element, handler or script of theirs may reach the page.
 * (The reports screen is another branch's; its check joins this spec after the merge.)
 */
const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  '\'><iframe srcdoc="<script>alert(4)</script>">',
];

const HEADER =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限';
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

function hostileCsv(): Buffer {
  const rows = HOSTILE_NAMES.map(
    (name, i) =>
      `90000000${i + 1},7001,${700 + i},00,${quoted(name)},テスト タロウ,1990-01-0${i + 1},男,本人,,資格確認書,マイナ保険証取得,,2025-12-01,,`,
  );
  return Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');
}

/** Nothing a hostile name carries exists as DOM: no handler attributes, no img/svg/iframe/inline script of theirs. */
async function expectNoInjectedMarkup(page: Page, where: string) {
  const injected = await page.evaluate(() => ({
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    images: document.querySelectorAll('img[src="x"]').length,
    frames: document.querySelectorAll('iframe').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
  }));
  expect(injected, where).toEqual({ handlers: 0, images: 0, frames: 0, inlineScripts: 0 });
}

test('names that are markup show as literal text in the import preview, the checklist and the notices', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInThroughUi(page, { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' });

  await gotoUnlocked(page, '/import');
  await page
    .getByLabel('CSVファイル')
    .setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: hostileCsv() });
  await page.getByLabel('リストの名前').fill('マークアップ確認');
  // The name cell shows the name then the フリガナ.
  for (const name of HOSTILE_NAMES) {
    await expect(page.getByRole('cell', { name: `${name} テスト タロウ`, exact: true })).toBeVisible();
  }
  await expectNoInjectedMarkup(page, 'import preview');
  await page.getByRole('button', { name: `${HOSTILE_NAMES.length} 件を取り込む` }).click();
  await page.getByRole('link', { name: '取り込んだリストを開く' }).click();

  // The checklist.
  const names = page.locator('li.item .item-name');
  await expect(names).toHaveCount(HOSTILE_NAMES.length);
  expect((await names.allTextContents()).sort()).toEqual([...HOSTILE_NAMES].sort());
  for (const name of HOSTILE_NAMES) await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expectNoInjectedMarkup(page, 'checklist');

  // The notices: the recipients list and one notice opened (its text carries the name).
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  await page.getByLabel('リスト', { exact: true }).selectOption({ label: 'マークアップ確認' });
  const recipients = page.locator('li.recipient .recipient-name');
  await expect(recipients).toHaveCount(HOSTILE_NAMES.length);
  expect((await recipients.allTextContents()).sort()).toEqual([...HOSTILE_NAMES].sort());
  const first = HOSTILE_NAMES[0] as string;
  await page.getByRole('button', { name: `${first} さんへのお知らせを開く` }).click();
  const notice = page.locator('section.notice-detail article[lang="ja"]');
  await expect(notice).toContainText(first);
  await expectNoInjectedMarkup(page, 'notice');

  expect(dialogs).toEqual([]);
});
