import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { runFuzz } from './fuzz/fuzz';
import { freshApp, type TestApp } from './testing/fresh-app';

/**
 * A bounded slice of the fuzz suite (server/fuzz/fuzz.ts; `npm run fuzz` runs 30,000 requests):
 * every route of the OpenAPI document with hostile values, on PGlite and, in `npm run test:pg`, on
 * PostgreSQL. No 5xx, no answer outside the contract, no change to another office's data.
 */
let t: TestApp;
beforeAll(async () => {
  t = await freshApp();
});
afterAll(async () => {
  await t.db.close();
});

describe('fuzz slice', () => {
  it('800 hostile requests, office and staff routes: no 5xx, nothing outside the contract, nothing of office B changed', async () => {
    const logged: string[] = [];
    const app = createApp({ db: t.db, logger: { info: () => {}, error: (line) => logged.push(line) } });
    // A seed per run of the suite, printed on failure, so the slice covers new ground each time.
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const report = await runFuzz({ app, db: t.db, requests: 800, seed });
    expect({ seed, failures: report.failures, logged }).toEqual({ seed, failures: [], logged: [] });
    expect(report.requests).toBe(800);
    // The slice reaches the routes: some requests are applied, some refused.
    expect(report.byStatus['200']).toBeGreaterThan(0);
    expect(report.byStatus['400']).toBeGreaterThan(0);
    // …and the staff routes with a staff token (issue 20), not only their 401.
    const staffAnswered = Object.entries(report.byRoute)
      .filter(([route]) => route.includes(' /insurer/') && !route.includes('/auth/'))
      .reduce((n, [, count]) => n + count, 0);
    expect(staffAnswered).toBeGreaterThan(100);
    expect(report.crossInsurerReads).toBe(0);
  }, 120_000);
});
