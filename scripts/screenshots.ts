/**
 * `npm run screenshots`: every screen of the app at the two tablet sizes the clerks use (1024×768
 * landscape, 820×1180 portrait, touch), as PNGs in docs/screenshots/, so a reviewer sees the whole app
 * without running it. The built app and the real server with demo data, driven in Debian's Chromium
 * through the same tour as the touch-target check (tests/e2e/screen-tour.ts).
 *
 * SCREENSHOTS_PORT picks the server's port (default 4390).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../tests/chromium';
import { tourEveryScreen } from '../tests/e2e/screen-tour';
import { buildAppOnce, repoRoot } from './bench-helpers/app-build';
import { startRealServer } from './bench-helpers/real-server';

const SIZES = [
  { name: 'landscape-1024x768', viewport: { width: 1024, height: 768 } },
  { name: 'portrait-820x1180', viewport: { width: 820, height: 1180 } },
] as const;

const slug = (screen: string) =>
  screen
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

async function main() {
  const outDir = join(repoRoot, 'docs', 'screenshots');
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith('.png')) rmSync(join(outDir, file));
  buildAppOnce();
  const server = await startRealServer(Number(process.env.SCREENSHOTS_PORT ?? 4390));
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const written: string[] = [];
  try {
    for (const size of SIZES) {
      // A fresh tablet per size: its own IndexedDB and service worker.
      const context = await browser.newContext({
        baseURL: server.base,
        viewport: size.viewport,
        hasTouch: true,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        // Scrolling into view is instant then: the picture shows where it lands, not half way.
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      let n = 0;
      await tourEveryScreen(page, async (screen) => {
        n += 1;
        // Fonts and lazy chunks settled; the caret does not blink into the picture.
        await page.evaluate(() => document.fonts.ready);
        const file = `${size.name}-${String(n).padStart(2, '0')}-${slug(screen)}.png`;
        await page.screenshot({ path: join(outDir, file), caret: 'hide', animations: 'disabled' });
        written.push(file);
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`${written.length} screenshots in docs/screenshots/:\n${written.join('\n')}`);
}

await main();
