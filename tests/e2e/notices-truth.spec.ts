import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signInThroughUi } from './helpers';

// Issue 16: the clerk gives the return place as parts; every language words them itself and keeps
// Japanese names only with their reading. NOTICE_SCREENSHOTS=1 also writes what a member sees to
// docs/notices/<language>.png (the screenshots in docs/translations.md).
const LANGUAGES = ['ja', 'ja-easy', 'en', 'vi', 'ne', 'my', 'ur'] as const;

test('a member sees their notice in their language: place in its own words, names with readings, no stray Japanese', async ({
  page,
}) => {
  await signInThroughUi(page);
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  await expect(page.locator('li.recipient').first()).toBeVisible();

  await page.getByText('返却先・問い合わせ先（外国語のお知らせ用）').click();
  await page.getByLabel('部署名（例：総務課）').fill('総務課');
  await page.getByLabel(/部署名の読み方/).fill('Somu-ka');
  await page.getByLabel(/部署名のよみがな/).fill('そうむか');
  await page.getByLabel('階（例：2）').fill('2');
  await page.getByLabel('場所の種類').selectOption('reception');
  await page.getByLabel('受付時間（から）').fill('09:00');
  await page.getByLabel('受付時間（まで）').fill('17:00');
  await page.getByLabel('担当者名（例：山田）').fill('山田');
  await page.getByLabel(/担当者名の読み方/).fill('Yamada');
  await page.getByLabel(/担当者名のよみがな/).fill('やまだ');
  await page.getByLabel('内線番号').fill('123');
  await page.getByLabel('保険者名の読み方（ローマ字）').fill('Minato Rengo Kenko Hoken Kumiai');
  await page.getByLabel('保険者名のよみがな').fill('みなとれんごうけんこうほけんくみあい');
  await page.getByRole('button', { name: '返却先・問い合わせ先を保存' }).click();
  await expect(page.locator('.toast-region')).toContainText('返却先・問い合わせ先を保存しました。');
  await expectNoAxeViolations(page, 'notices, return place form open');

  const row = page.locator('li.recipient').first();
  const name = (await row.locator('.recipient-name').textContent()) as string;
  await row.getByRole('button', { name: `${name} さんへのお知らせを開く` }).click();
  const detail = page.locator('section.notice-detail');

  for (const code of LANGUAGES) {
    // One language control on the screen, opened on demand (issue 19).
    // 開く scrolled the notice into view (issue 21); the list is virtualised (issue 19): back to the row.
    // The notice shown is held at the top while the page settles (src/ui/use-reveal.ts); the clerk's own
    // wheel ends the hold, as it would on a tablet.
    await page.mouse.wheel(0, -1);
    await page.evaluate(() => window.scrollTo(0, 0));
    // Choosing the language already shown changes nothing, so the control may still be open.
    if ((await row.locator('select').count()) === 0)
      await row.getByRole('button', { name: `${name} さんのお知らせの言語` }).click();
    await row.locator('select').selectOption(code);
    const notice = detail.locator(`article[data-notice-language="${code}"]`);
    await expect(notice).toBeVisible();
    await expect(detail.locator('.notices-warning')).toHaveCount(0);
    if (code === 'ja' || code === 'ja-easy') await expect(notice).toContainText('総務課');
    else {
      await expect(notice).toContainText('総務課 (Somu-ka)');
      await expect(notice).toContainText('山田 (Yamada)');
      await expect(notice).not.toContainText('2階');
    }
    if (code === 'ja-easy') await expect(notice.locator('ruby').first()).toBeVisible();
    if (process.env.NOTICE_SCREENSHOTS) {
      // The toast about the language change would cover part of the notice (CSP forbids a style tag).
      await page.evaluate(() => {
        for (const region of document.querySelectorAll<HTMLElement>('.toast-region'))
          region.style.visibility = 'hidden';
      });
      await notice.screenshot({ path: `docs/notices/${code}.png` });
    }
  }
  await expectNoAxeViolations(page, 'notices, Urdu notice open');
});
