import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium, as the e2e tests and the benchmarks launch it: Playwright cannot download its
 * own browser here, and without the background-networking flags Chromium keeps dialling out.
 */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
