import { expect, type Page, test } from '@playwright/test';
import { demoListCards, signInThroughUi } from './helpers';

/**
 * Issue 21: "Toasts cover the bottom lines of the notice being read." A toast floats over the bottom
 * of the screen; when it appears, the lines the clerk was reading at the bottom of the screen stay
 * wholly on screen, above it (the page scrolls clear of it: src/ui/toast.tsx). Lines that were below
 * the screen may pass under it, as under the screen's edge. At both tablet sizes and a 390 px phone.
 */

type Line = { text: string; top: number; bottom: number };

/** Lines of text inside `selector` (page coordinates), fully on screen and within the bottom `band` px. */
async function linesNearBottom(page: Page, selector: string, band: number): Promise<Line[]> {
  return page.evaluate(
    ({ selector, band }) => {
      const out: { text: string; top: number; bottom: number }[] = [];
      const range = document.createRange();
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim() || node.parentElement?.closest('.toast-region')) continue;
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            if (r.width === 0 || r.top < 0 || r.bottom > window.innerHeight) continue;
            if (r.bottom < window.innerHeight - band) continue;
            out.push({ text: node.textContent.trim().slice(0, 40), top: r.top + scrollY, bottom: r.bottom + scrollY });
          }
        }
      }
      return out;
    },
    { selector, band },
  );
}

/**
 * Some line sits where a toast lands (its lowest 90 px: 1rem above the edge, 48 px button, padding),
 * so without the fix the toast would cover it and the test would fail.
 */
const wouldBeCovered = (page: Page, lines: Line[]) =>
  page.evaluate(
    (bottoms) => bottoms.some((b) => b - scrollY > window.innerHeight - 90),
    lines.map((l) => l.bottom),
  );

/** The page has stopped scrolling (a smooth scroll into view has landed). */
async function scrollSettled(page: Page) {
  let last = -1;
  await expect
    .poll(async () => {
      const now = await viewTop(page);
      const settled = now === last;
      last = now;
      return settled;
    })
    .toBe(true);
}

/** The toast's top edge and the window's scroll, in page coordinates. */
const toastTop = (page: Page) =>
  page.evaluate(() => (document.querySelector('.toast') as HTMLElement).getBoundingClientRect().top + scrollY);
const viewTop = (page: Page) => page.evaluate(() => scrollY);

/** The lines were on screen before the toast and are still wholly visible, above it. */
async function expectStillAboveToast(page: Page, lines: Line[]) {
  const [top, toast] = [await viewTop(page), await toastTop(page)];
  const hidden = lines.filter((l) => l.top < top || l.bottom > toast).map((l) => l.text);
  expect(hidden, 'lines read before the toast, now off screen or under it').toEqual([]);
}

const SIZES = [
  ['landscape 1024×768', { width: 1024, height: 768 }],
  ['portrait 820×1180', { width: 820, height: 1180 }],
  ['phone 390×844', { width: 390, height: 844 }],
] as const;

for (const [name, viewport] of SIZES) {
  test.describe(name, () => {
    test.use({ viewport, hasTouch: true });

    test('a toast covers no line of the notice being read, nor of the checklist', async ({ page, context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await signInThroughUi(page);

      // お知らせ: the member reads Vietnamese (the notice comes with the Japanese beside it); open it
      // (it comes to the top of the screen) and copy it.
      await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
      const row = page.locator('li.recipient').first();
      const memberId = (await row.getAttribute('data-member-id')) as string;
      const member = page.locator(`li.recipient[data-member-id="${memberId}"]`);
      await member.getByRole('button', { name: /さんのお知らせの言語/ }).click();
      await member.getByLabel(/さんのお知らせの言語/).selectOption('vi');
      await expect(page.locator('.toast')).toContainText('Tiếng Việt');
      await member.getByRole('button', { name: /さんへのお知らせを開く$/ }).click();
      const detail = page.locator('section.notice-detail');
      await expect(detail.locator('article[lang="vi"]')).toBeVisible();
      const heading = detail.getByRole('heading', { level: 2 });
      await expect(heading).toBeFocused();
      await expect(heading).toBeInViewport();
      await scrollSettled(page);
      // The notice runs past the bottom of the screen, where the toast appears: the check means something.
      const reading = await linesNearBottom(page, 'section.notice-detail article', 140);
      expect(reading.length, 'notice lines at the bottom of the screen').toBeGreaterThan(0);
      expect(await wouldBeCovered(page, reading), 'a notice line where the toast appears').toBe(true);
      await detail.getByRole('button', { name: 'テキストをコピー' }).click();
      await expect(page.locator('.toast')).toContainText('コピーしました');
      await expectStillAboveToast(page, reading);

      // The checklist: the clerk has scrolled until a row to tick sits at the bottom of the screen,
      // and ticks it; the undo toast leaves it and the rows above it readable.
      await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
      await demoListCards(page).first().click();
      await expect(page.locator('li.item').first()).toBeVisible();
      const lowest = await page.locator('li.item.to_collect').evaluateAll((items) => {
        const row = items.find(
          (li) =>
            li.getBoundingClientRect().bottom > window.innerHeight &&
            li.querySelector('button[aria-label$="を回収済にする"]'),
        );
        if (!row) return null;
        window.scrollBy({ top: row.getBoundingClientRect().bottom - window.innerHeight + 4, behavior: 'instant' });
        return row.getAttribute('data-item-id');
      });
      expect(lowest, 'a row to tick below the first screen').toBeTruthy();
      await scrollSettled(page);
      await expect(page.locator(`li.item[data-item-id="${lowest}"]`)).toBeInViewport({ ratio: 1 });
      const listLines = await linesNearBottom(page, 'main ul', 140);
      expect(listLines.length, 'list lines at the bottom of the screen').toBeGreaterThan(0);
      expect(await wouldBeCovered(page, listLines), 'a list line where the toast appears').toBe(true);
      await page
        .locator(`li.item[data-item-id="${lowest}"]`)
        .getByRole('button', { name: /を回収済にする$/ })
        .click();
      await expect(page.locator('.toast').getByRole('button', { name: '元に戻す' })).toBeVisible();
      await expectStillAboveToast(page, listLines);
      await expect(page.locator(`li.item[data-item-id="${lowest}"]`)).toBeInViewport({ ratio: 1 });
    });
  });
}
