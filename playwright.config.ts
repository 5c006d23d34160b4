import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/chromium';

const PORT = Number(process.env.E2E_PORT ?? 4310);

// Real parts only: the built PWA served by the real insurer API on a fresh in-memory PGlite with
// demo data, driven in Debian's Chromium (Playwright cannot download its own browsers here).
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'allow',
    trace: 'off',
    launchOptions: CHROMIUM_LAUNCH,
  },
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `http://localhost:${PORT}/api/v1/health`,
    env: { PORT: String(PORT), DATA_DIR: ':memory:' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
  },
});
