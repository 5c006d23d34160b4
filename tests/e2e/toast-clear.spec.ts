import { expect, type Page, test } from '@playwright/test';
import { signInThroughUi } from './helpers';

/**
 * Issue 21: "Toasts cover the bottom lines of the notice being read." A toast floats over the bottom
 * of the screen; when it appears, no line of text on screen may be under it, and the lines the clerk
 * was reading at the bottom stay on screen, above it. At both tablet sizes and on a 390 px phone.
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

/** Lines of text in main that are on screen and under the toast's box (none, when all is well). */
async function linesUnderToast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const toast = document.querySelector('.toast')?.getBoundingClientRect();
    if (!toast) throw new Error('no toast on screen');
    const out: string[] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(document.querySelector('main') as HTMLElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || node.parentElement?.closest('.toast-region')) continue;
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const onScreen = r.width > 0 && r.bottom > 0 && r.top < window.innerHeight;
        const under = r.bottom > toast.top && r.top < toast.bottom && r.right > toast.left && r.left < toast.right;
        if (onScreen && under)
          out.push(`"${node.textContent.trim().slice(0, 30)}" ${Math.round(r.top)}–${Math.round(r.bottom)}`);
      }
    }
    return out;
  });
}

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

      // お知らせ: open a notice (it comes to the top of the screen) and copy it.
      await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
      await page
        .locator('li.recipient')
        .first()
        .getByRole('button', { name: /さんへのお知らせを開く$/ })
        .click();
      const detail = page.locator('section.notice-detail');
      await expect(detail.locator('article').first()).toBeVisible();
      await expect(detail.getByRole('heading', { level: 2 })).toBeFocused();
      await expect(detail.getByRole('heading', { level: 2 })).toBeInViewport();
      await scrollSettled(page);
      // The notice runs past the bottom of the screen, where the toast appears: the check means something.
      const reading = await linesNearBottom(page, 'section.notice-detail article', 140);
      expect(reading.length, 'notice lines at the bottom of the screen').toBeGreaterThan(0);
      await detail.getByRole('button', { name: 'テキストをコピー' }).click();
      await expect(page.locator('.toast')).toContainText('コピーしました');
      expect(await linesUnderToast(page)).toEqual([]);
      await expectStillAboveToast(page, reading);

      // The checklist: tick the lowest row on screen; the undo toast leaves it and its neighbours readable.
      await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
      await page.locator('.list-card').first().click();
      await expect(page.locator('li.item').first()).toBeVisible();
      const rows = await page.locator('li.item.to_collect').evaluateAll((items) =>
        items
          .filter((li) => {
            const b = li.getBoundingClientRect();
            return (
              b.top >= 0 && b.bottom <= window.innerHeight && li.querySelector('button[aria-label$="を回収済にする"]')
            );
          })
          .map((li) => li.getAttribute('data-item-id')),
      );
      const lowest = rows.at(-1);
      expect(lowest, 'a row to tick, wholly on screen').toBeTruthy();
      const listLines = await linesNearBottom(page, 'main ul', 140);
      expect(listLines.length, 'list lines at the bottom of the screen').toBeGreaterThan(0);
      await page
        .locator(`li.item[data-item-id="${lowest}"]`)
        .getByRole('button', { name: /を回収済にする$/ })
        .click();
      await expect(page.locator('.toast').getByRole('button', { name: '元に戻す' })).toBeVisible();
      expect(await linesUnderToast(page)).toEqual([]);
      await expect(page.locator(`li.item[data-item-id="${lowest}"]`)).toBeInViewport({ ratio: 1 });
    });
  });
}
