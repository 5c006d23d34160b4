import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { tourEveryScreen } from './screen-tour';

/** WCAG 2.5.5 (AAA) and the developers' guide: every control at least 44 × 44 CSS px. */
const MIN = 44;

/**
 * Every control on screen that is smaller than 44 × 44 px, as "screen: element (w×h)". A checkbox,
 * radio or file input is operated through its label, so the label's box counts for it (the larger
 * of the two); hidden controls (display none, zero size, clipped away) are no targets.
 */
async function smallTargets(page: Page, screen: string): Promise<string[]> {
  const small = await page.evaluate((min) => {
    const selector =
      'a[href], button, select, textarea, summary, input:not([type="hidden"]), [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
    const labelOf = (el: Element): Element | null => {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement))
        return null;
      return el.labels?.[0] ?? null;
    };
    const out: string[] = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.closest('[hidden], [inert], dialog:not([open])')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let box = el.getBoundingClientRect();
      const label = labelOf(el);
      if (label) {
        const lb = label.getBoundingClientRect();
        if (lb.width * lb.height > box.width * box.height) box = lb;
      }
      // A visually hidden control (1 px, clipped) is reached through its label or not at all.
      if (box.width <= 1 || box.height <= 1) continue;
      // The skip link sits off screen until it has focus; focused, it is 48 px (styles.css).
      if (el.classList.contains('skip-link')) continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name =
          el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30) ?? el.getAttribute('name');
        out.push(
          `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return out;
  }, MIN);
  return small.map((s) => `${screen}: ${s}`);
}

/** The header and status bar hold one row each: nothing wraps onto a second line, no word inside an item either. */
async function wrappedChrome(page: Page, screen: string): Promise<string[]> {
  const wrapped = await page.evaluate(() => {
    const out: string[] = [];
    for (const bar of document.querySelectorAll('.app-header, .status-bar')) {
      const tops = [...bar.children]
        .filter((c) => {
          const b = c.getBoundingClientRect();
          return b.width > 0 && b.height > 0 && getComputedStyle(c).position !== 'absolute';
        })
        .map((c) => c.getBoundingClientRect())
        .map((b) => b.top + b.height / 2);
      if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 8) out.push(bar.className);
      // A word squeezed onto several lines inside its own item is wrapped chrome too (オンライ / ン).
      const range = document.createRange();
      const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(`${bar.className}: "${node.textContent.trim()}" on ${lines.size} lines`);
      }
    }
    return out;
  });
  return wrapped.map((w) => `${screen}: ${w} wraps`);
}

test('the measure finds a small control, and counts a label for its checkbox', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  await page.evaluate(() => {
    const main = document.querySelector('main') as HTMLElement;
    main.insertAdjacentHTML(
      'beforeend',
      '<button type="button" id="tiny">x</button><label id="big-label"><input type="checkbox"> 一行のラベル</label>',
    );
    // CSSOM, not a style attribute: the app's CSP allows no inline styles.
    (document.getElementById('tiny') as HTMLElement).style.cssText = 'width:30px;height:30px;padding:0';
    (document.getElementById('big-label') as HTMLElement).style.cssText =
      'display:inline-flex;min-height:48px;min-width:120px;align-items:center';
  });
  const found = await smallTargets(page, 'probe');
  expect(found).toEqual(['probe: <button#tiny> "x" 30×30']);
});

const VIEWPORTS = [
  ['landscape 1024×768', { width: 1024, height: 768 }],
  ['portrait 820×1180', { width: 820, height: 1180 }],
] as const;

for (const [name, viewport] of VIEWPORTS) {
  test.describe(name, () => {
    test.use({ viewport, hasTouch: true, isMobile: false });

    test(`every screen: touch targets ≥ ${MIN} px, no wrapped chrome, no axe violations`, async ({ page }) => {
      test.setTimeout(180_000);
      const problems: string[] = [];
      const check = async (screen: string) => {
        await expectNoAxeViolations(page, screen);
        problems.push(...(await smallTargets(page, screen)));
        problems.push(...(await wrappedChrome(page, screen)));
        const overflow = await page.evaluate(() => {
          const by = document.documentElement.scrollWidth - window.innerWidth;
          // The innermost elements that stick out, so the message says what to fix.
          const culprits = [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.children.length === 0)
            .slice(0, 3)
            .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}">`);
          return { by, culprits };
        });
        if (overflow.by > 0)
          problems.push(`${screen}: ${overflow.by} px wider than the screen (${overflow.culprits.join(', ')})`);
      };

      await tourEveryScreen(page, check);

      expect(problems, 'controls smaller than 44 × 44 px or wrapped chrome').toEqual([]);
    });
  });
}
