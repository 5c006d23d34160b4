import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { waitForServiceWorker } from './helpers';

test('the public notice page (what a QR code opens) works offline in a fresh browser, generic and right to left in Urdu', async ({
  page,
  context,
}) => {
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
  });

  // A member's phone: never signed in, visits once online, so the service worker caches the app.
  await page.goto('/n/vi/return_got_myna');
  const vi = page.locator('article[lang="vi"]');
  await expect(vi.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(vi).toContainText('ngày do nơi làm việc thông báo');
  await expect(page.locator('article[lang="ja"]')).toContainText('事業所から案内された期日までに');
  await expect(page.locator('main')).not.toContainText('{{');
  await expect(page.getByRole('heading', { name: '対象者へのお知らせ' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'public notice (vi)');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(vi).toContainText('ngày do nơi làm việc thông báo');

  // Another language, still offline: its notices are a precached chunk.
  await page.getByRole('link', { name: 'اردو' }).click();
  await expect(page).toHaveURL(/\/n\/ur\/return_got_myna$/);
  const ur = page.locator('article[lang="ur"]');
  await expect(ur).toHaveAttribute('dir', 'rtl');
  await expect(ur).toContainText('دفتر کی بتائی ہوئی تاریخ');
  // Right to left as laid out, not just as declared: the first letter sits at the paragraph's right edge.
  const layout = await ur
    .locator('p')
    .first()
    .evaluate((paragraph) => {
      const range = document.createRange();
      const text = paragraph.firstChild as Text;
      range.setStart(text, 0);
      range.setEnd(text, 1);
      const first = range.getBoundingClientRect();
      const box = paragraph.getBoundingClientRect();
      return { direction: getComputedStyle(paragraph).direction, fromRight: box.right - first.right, width: box.width };
    });
  expect(layout.direction).toBe('rtl');
  expect(layout.fromRight).toBeLessThan(24);
  await expectNoAxeViolations(page, 'public notice (ur, offline)');

  await page.goto('/n/xx/return_got_myna');
  await expect(page.getByRole('heading', { name: 'このお知らせは見つかりません。' })).toBeVisible();

  // The public page needs nothing from the insurer: no personal data can reach it.
  expect(apiCalls).toEqual([]);
});
