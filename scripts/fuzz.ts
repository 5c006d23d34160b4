import { createApp } from '../server/app';
import { runFuzz } from '../server/fuzz/fuzz';
import { openTestDatabase, testDatabaseKind } from '../server/testing/test-database';

/**
 * `npm run fuzz`: the full fuzz run of server/fuzz/fuzz.ts against the real app on a fresh database
 * with the demo data: in-memory PGlite, or with TEST_DATABASE=postgres and TEST_DATABASE_URL a fresh
 * PostgreSQL database. FUZZ_REQUESTS (default 30,000) and FUZZ_SEED (default 1). Exits 1 on any
 * failure; the figures go to docs/security.md by hand.
 */
const requests = Number(process.env.FUZZ_REQUESTS ?? 30_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const db = await openTestDatabase();
const errors: string[] = [];
const app = createApp({ db, logger: { info: () => {}, error: (line) => errors.push(line) } });
console.log(`fuzz: ${requests} requests, seed ${seed}, ${testDatabaseKind()}`);
const report = await runFuzz({
  app,
  db,
  requests,
  seed,
  onProgress: (done, r) => {
    if (done % 5000 === 0)
      console.log(
        `  ${done}: ${r.serverErrors} × 5xx, ${r.contractMismatches} mismatches, ${r.crossOfficeChanges} cross-office`,
      );
  },
});
await db.close();
console.log(
  JSON.stringify({ ...report, failures: report.failures.slice(0, 20), loggedErrors: errors.slice(0, 10) }, null, 2),
);
const failed =
  report.serverErrors + report.contractMismatches + report.crossOfficeChanges + report.crossInsurerReads > 0;
console.log(failed ? 'fuzz: FAILED' : `fuzz: passed (${report.requests} requests in ${report.seconds.toFixed(0)} s)`);
process.exit(failed ? 1 : 0);
