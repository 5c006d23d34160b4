import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../../tests/chromium';
import { tourEveryScreen } from '../../tests/e2e/screen-tour';

/**
 * Lighthouse's accessibility audit of every screen a clerk sees, signed in and unlocked.
 *
 * Lighthouse's navigation mode (the CLI, even with `--port` and `--disable-storage-reset`) loads the
 * page itself, and every page load of a signed-in tablet starts locked: the data key lives only in
 * the page's memory (docs/security.md), so it would audit the lock screen each time. Its snapshot
 * mode audits the page as it is, without loading it. So one Chromium, with a remote-debugging port,
 * is driven by Playwright through the same tour as the touch-target check and `npm run screenshots`
 * (tests/e2e/screen-tour.ts), and on each screen Lighthouse (its Node API, from the npx cache: never
 * a dependency of the app) connects to the same browser over CDP with Puppeteer and takes a snapshot.
 */
export const LIGHTHOUSE_VERSION = '12.8.2';

export type ScreenAudit = {
  size: string;
  screen: string;
  path: string;
  score: number;
  /** Audits below full marks, with the elements they name. */
  failing: string[];
};

type LhAudit = {
  score: number | null;
  title: string;
  details?: { items?: { node?: { snippet?: string } }[] };
};
type LhResult = {
  lhr: {
    categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
    audits: Record<string, LhAudit>;
  };
};
type PuppeteerPage = { url(): string };
type PuppeteerBrowser = { pages(): Promise<PuppeteerPage[]>; disconnect(): Promise<void> };
type LighthouseApi = {
  snapshot(page: PuppeteerPage, options: { config: unknown }): Promise<LhResult | undefined>;
};
type PuppeteerApi = { connect(options: { browserURL: string; defaultViewport: null }): Promise<PuppeteerBrowser> };

const run$ = promisify(execFile);

/** Lighthouse's Node API and its Puppeteer, from the npx cache (fetched there once if missing). */
async function loadLighthouse(): Promise<{ lighthouse: LighthouseApi; puppeteer: PuppeteerApi }> {
  const { stdout } = await run$(
    'npx',
    ['-y', '-p', `lighthouse@${LIGHTHOUSE_VERSION}`, '-c', 'readlink -f "$(command -v lighthouse)"'],
    { timeout: 300_000 },
  );
  // …/node_modules/lighthouse/cli/index.js
  const packageDir = dirname(dirname(realpathSync(stdout.trim())));
  const lighthouse = (await import(pathToFileURL(join(packageDir, 'core', 'index.js')).href)) as LighthouseApi;
  const require = createRequire(join(packageDir, 'package.json'));
  const puppeteerModule = (await import(pathToFileURL(require.resolve('puppeteer-core')).href)) as {
    default?: PuppeteerApi;
  } & PuppeteerApi;
  return { lighthouse, puppeteer: puppeteerModule.default ?? puppeteerModule };
}

/** Screens of the tour outside the signed-in app (the navigation runs above audit sign-in and lock). */
const SIGNED_OUT = new Set(['sign-in', 'lock', 'public notice (ur)']);

const CONFIG = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: ['accessibility'],
    // The page as the tablet shows it: Playwright sets the viewport, Lighthouse emulates nothing.
    formFactor: 'desktop',
    screenEmulation: { disabled: true },
    emulatedUserAgent: false,
  },
};

function failingAudits(result: LhResult): string[] {
  const out: string[] = [];
  for (const ref of result.lhr.categories.accessibility?.auditRefs ?? []) {
    const audit = result.lhr.audits[ref.id];
    if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
    const nodes = (audit.details?.items ?? [])
      .map((item) => item.node?.snippet)
      .filter((s): s is string => Boolean(s))
      .slice(0, 3);
    out.push(`${audit.title}${nodes.length > 0 ? `: ${nodes.join(' ')}` : ''}`);
  }
  return out;
}

/** The tour at each size (a fresh tablet each), one Lighthouse snapshot per screen. */
export async function auditSignedInScreens(
  base: string,
  sizes: readonly { name: string; viewport: { width: number; height: number } }[],
  cdpPort: number,
): Promise<ScreenAudit[]> {
  const { lighthouse, puppeteer } = await loadLighthouse();
  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
    args: [...(CHROMIUM_LAUNCH.args ?? []), `--remote-debugging-port=${cdpPort}`],
  });
  const results: ScreenAudit[] = [];
  try {
    for (const size of sizes) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: size.viewport,
        hasTouch: true,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      // Connected once the context exists, so Puppeteer knows it (it lists the contexts at connect).
      const remote = await puppeteer.connect({ browserURL: `http://127.0.0.1:${cdpPort}`, defaultViewport: null });
      try {
        await tourEveryScreen(page, async (screen) => {
          // Not signed-in screens: sign-in and lock are the navigation runs' pages (scripts/bench/lighthouse.ts).
          if (SIGNED_OUT.has(screen)) return;
          await page.evaluate(() => document.fonts.ready);
          const url = page.url();
          const target = (await remote.pages()).find((p) => p.url() === url);
          if (!target) throw new Error(`Lighthouse: no page at ${url} over CDP`);
          const result = await lighthouse.snapshot(target, { config: CONFIG });
          if (!result) throw new Error(`Lighthouse: no result on ${screen}`);
          const audit: ScreenAudit = {
            size: size.name,
            screen,
            path: new URL(url).pathname.replace(/\/(lists|reports)\/[0-9a-f-]{36}$/, '/$1/…'),
            score: Math.round((result.lhr.categories.accessibility?.score ?? 0) * 100),
            failing: failingAudits(result),
          };
          console.log(`lighthouse ${audit.size} ${screen}: ${audit.score} ${audit.failing.join(' | ')}`);
          results.push(audit);
        });
      } finally {
        await remote.disconnect();
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
