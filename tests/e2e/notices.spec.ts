import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signInThroughUi } from './helpers';

// The share sheet does not exist in desktop Chromium on Linux: a stand-in records what the app hands it.
const fakeShareSheet = () => {
  const shared: unknown[] = [];
  Object.assign(window, { __shared: shared, __printed: 0 });
  Object.defineProperty(navigator, 'canShare', { configurable: true, value: () => true });
  Object.defineProperty(navigator, 'share', {
    configurable: true,
    value: async (data: { title?: string; text?: string; files?: File[] }) => {
      shared.push({
        title: data.title,
        text: data.text,
        files: (data.files ?? []).map((file) => ({ name: file.name, type: file.type, size: file.size })),
      });
    },
  });
};

test('choose recipients, set languages, share, copy, QR, print bilingual handouts; every delivery reaches the insurer', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(fakeShareSheet);
  await signInThroughUi(page);

  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  await expect(page).toHaveURL(/\/notices$/);
  await expect(page.getByRole('heading', { name: '対象者へのお知らせ', level: 1 })).toBeVisible();
  await expect(page.locator('li.recipient').first()).toBeVisible();
  await expectNoAxeViolations(page, 'notices');

  // The settings: where to return, whom to ask; the insurer's line comes from the session.
  await page.getByText('返却先・連絡先の設定').click();
  await page.getByLabel('返却先（例：総務課 2階受付）').fill('総務課 2階受付');
  await page.getByLabel('問い合わせ先（例：総務課 山田 内線123）').fill('総務課 山田 内線123');
  await expect(page.getByLabel('保険者の多言語対応窓口（電話番号）')).not.toHaveValue('');
  await page.getByRole('button', { name: '設定を保存' }).click();
  await expect(page.locator('.toast-region')).toContainText('設定を保存しました。');
  await expectNoAxeViolations(page, 'notices, settings open');

  // Recipients: the first list, still to collect; two members, one reads Vietnamese, one Urdu.
  const list = page.getByLabel('リスト', { exact: true });
  const firstList = await list.locator('option').nth(1).getAttribute('value');
  await list.selectOption(firstList as string);
  const rows = page.locator('li.recipient');
  // By member, not by place: the list is virtualised, so the first row in the DOM changes as the page scrolls.
  const memberRow = async (index: number) =>
    page.locator(`li.recipient[data-member-id="${await rows.nth(index).getAttribute('data-member-id')}"]`);
  const [first, second] = [await memberRow(0), await memberRow(1)];
  const firstName = (await first.locator('.recipient-name').textContent()) as string;
  const secondName = (await second.locator('.recipient-name').textContent()) as string;
  // The language is one list, opened from the member's button (not a list in every row).
  await expect(page.locator('li.recipient select')).toHaveCount(0);
  await first.getByRole('button', { name: `${firstName} さんのお知らせの言語` }).click();
  await expect(page.locator('li.recipient select')).toHaveCount(1);
  await first.getByLabel(`${firstName} さんのお知らせの言語`).selectOption('vi');
  await expect(page.locator('.toast-region')).toContainText(`${firstName} さんの言語を Tiếng Việt`);
  await expect(first.getByRole('button', { name: `${firstName} さんのお知らせの言語：Tiếng Việt` })).toBeFocused();
  await second.getByRole('button', { name: `${secondName} さんのお知らせの言語` }).click();
  await second.getByLabel(`${secondName} さんのお知らせの言語`).selectOption('ur');
  await first.getByRole('checkbox').check();
  await second.getByRole('checkbox').check();
  await expect(page.getByTestId('recipients-count')).toContainText('2 人を選択中');

  // Preview: Vietnamese beside Japanese, name and return-by date filled in, no placeholder left.
  await first.getByRole('button', { name: `${firstName} さんへのお知らせを開く` }).click();
  const detail = page.locator('section.notice-detail');
  const vi = detail.locator('article[lang="vi"]');
  await expect(vi).toContainText(firstName);
  await expect(vi).toContainText('Nơi nộp lại: 総務課 2階受付');
  await expect(detail.locator('article[lang="ja"]')).toContainText(/令和\d+年\d+月\d+日までに/);
  await expect(detail).not.toContainText('{{');
  await expectNoAxeViolations(page, 'notices, one notice open');

  // Share: the text and a picture of the notice.
  await detail.getByRole('button', { name: '共有' }).click();
  await expect(page.locator('.toast-region')).toContainText(`${firstName} さんへのお知らせを共有しました。`);
  const shared = (await page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared)) as {
    text: string;
    files: { name: string; type: string; size: number }[];
  }[];
  expect(shared[0]?.text).toContain(firstName);
  expect(shared[0]?.files[0]).toMatchObject({ name: 'notice-vi.png', type: 'image/png' });
  expect(shared[0]?.files[0]?.size).toBeGreaterThan(10_000);

  // Copy.
  await detail.getByRole('button', { name: 'テキストをコピー' }).click();
  await expect(page.locator('.toast-region')).toContainText('コピーしました');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(firstName);
  expect(copied).toContain('Nơi nộp lại: 総務課 2階受付');

  // QR: the public page in Vietnamese; nothing personal in it.
  await detail.getByRole('button', { name: 'QRコードを表示' }).click();
  const qr = detail.getByRole('img', { name: /Tiếng Việt.*のお知らせを開くQRコード/ });
  await expect(qr).toBeVisible();
  const qrValue = (await qr.getAttribute('data-qr-value')) as string;
  expect(new URL(qrValue).pathname).toBe('/n/vi/return_got_myna');
  expect(qrValue).not.toContain(encodeURIComponent(firstName));
  await expectNoAxeViolations(page, 'notices, QR shown');

  // Print both: one bilingual page each, the target language beside the Japanese.
  await page.evaluate(() => {
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  await page.getByRole('button', { name: '選択した 2 人分を印刷（日本語併記）' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  await expect(page.locator('.toast-region')).toContainText('2 人分の印刷を記録しました。');

  await page.emulateMedia({ media: 'print' });
  const handouts = page.locator('.print-area .handout');
  await expect(handouts).toHaveCount(2);
  await expect(page.locator('.notices-screen')).toBeHidden();
  await expect(page.locator('.app-header')).toBeHidden();
  const viHandout = handouts.filter({ has: page.locator('article[lang="vi"]') });
  await expect(viHandout.locator('article[lang="vi"]')).toContainText(firstName);
  await expect(viHandout.locator('article[lang="ja"]')).toContainText(`${firstName} 様`);
  const urHandout = handouts.filter({ has: page.locator('article[lang="ur"]') });
  await expect(urHandout.locator('article[lang="ur"]')).toHaveAttribute('dir', 'rtl');
  await expect(urHandout.locator('article[lang="ur"]')).toContainText(secondName);
  expect(await urHandout.locator('article[lang="ur"]').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(urHandout.locator('article[lang="ja"]')).toContainText('返却先：総務課 2階受付');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(2);
  await page.emulateMedia({ media: 'screen' });

  // Who has been told what, when, in which language; sent to the insurer once online.
  const history = page.locator('.notices-table tbody tr');
  await expect(history).toHaveCount(5);
  await expect(history.filter({ hasText: 'QRコード' })).toContainText('Tiếng Việt');
  await expect(history.filter({ hasText: '印刷' }).filter({ hasText: 'اردو' })).toContainText(secondName);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(first.getByTestId('told')).toContainText(/案内済 .*印刷・Tiếng Việt/);
  await expect(page.locator('.notices-table')).not.toContainText('未送信', { timeout: 20_000 });
  await expect(page.getByTestId('pending-count')).toHaveText('未送信の変更はありません', { timeout: 20_000 });
  await expectNoAxeViolations(page, 'notices, after deliveries');

  // English UI.
  await page.getByLabel('Language / 言語').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Notices to members', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page, 'notices (English)');
});
