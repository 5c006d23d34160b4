import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { pushMutations } from '../../server/sync/push';
import { createScratchDatabase } from '../../server/testing/test-database';
import type { ItemMutation } from '../../src/api/schemas';
import { seedOffices } from '../bench-helpers/seed-offices';

/**
 * Issue 19: push apply, mutations per second, the set-based apply (docs/decisions/023, 027) against one
 * mutation per transaction (the apply before it; `batchSize: 1` takes exactly that path) and against
 * ADR 023's slices of 200, side by side in one run. Since ADR 027 a slice is three statements under
 * the office lock (recorded ids, items with their latest change, one write). In process (no HTTP),
 * OFFICES offices of ITEMS items; every office receives PUSHES pushes of 500 changes (returns, every
 * fifth a reopen, each later than the last), the offices in parallel. On in-memory PGlite and on PostgreSQL at BENCH_DATABASE_URL or TEST_DATABASE_URL
 * (scratch database, pool of 10).
 */
export const title = 'Push apply: set-based against one mutation per transaction (PGlite and PostgreSQL)';

const OFFICES = 10;
const ITEMS = 1_000;
const PER_PUSH = 500;
const PUSHES = Number(process.env.BENCH_PUSH_APPLY_PUSHES ?? 4);

const base = Date.parse('2026-11-20T00:00:00Z');
let clock = 0;
function pushOf(office: number): ItemMutation[] {
  return Array.from({ length: PER_PUSH }, (_, k): ItemMutation => {
    const itemId = `o${office}i${Math.floor(Math.random() * ITEMS) + 1}`;
    const at = new Date(base + ++clock * 10).toISOString();
    return k % 5 === 4
      ? { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } }
      : { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  });
}

/** Every office pushes PUSHES times, one push after another per office, the offices in parallel. */
async function measure(db: Database, batchSize: number | undefined): Promise<{ perSecond: number; seconds: number }> {
  const started = performance.now();
  let applied = 0;
  await Promise.all(
    Array.from({ length: OFFICES }, async (_, o) => {
      for (let p = 0; p < PUSHES; p++) {
        const results = await pushMutations(
          db,
          { officeId: `o${o + 1}`, sessionRef: 'bench' },
          randomUUID(),
          pushOf(o + 1),
          {
            batchSize,
          },
        );
        applied += results.filter((r) => r.status === 'applied').length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (applied !== OFFICES * PUSHES * PER_PUSH) throw new Error(`applied ${applied} of ${OFFICES * PUSHES * PER_PUSH}`);
  return { perSecond: applied / seconds, seconds };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function rows(name: string, db: Database): Promise<string[]> {
  const one = await measure(db, 1);
  const slices = await measure(db, 200);
  const whole = await measure(db, undefined);
  return [
    `| ${name} | one mutation per transaction (before ADR 023) | ${fmt(one.perSecond)} | ${one.seconds.toFixed(1)} s |`,
    `| ${name} | set-based, slices of 200 (ADR 023's slice) | ${fmt(slices.perSecond)} | ${slices.seconds.toFixed(1)} s |`,
    `| ${name} | set-based, one slice per push of 500 (ADR 027) | ${fmt(whole.perSecond)} | ${whole.seconds.toFixed(1)} s |`,
    `| ${name} | ratio one slice ÷ slices of 200 | ${(whole.perSecond / slices.perSecond).toFixed(2)}× | |`,
    `| ${name} | ratio one slice ÷ one per transaction | ${(whole.perSecond / one.perSecond).toFixed(1)}× | |`,
  ];
}

export async function run(): Promise<string> {
  const out: string[] = [];
  const lite = await openPglite();
  try {
    await seedOffices(lite, { offices: OFFICES, items: ITEMS });
    out.push(...(await rows('PGlite (memory)', lite)));
  } finally {
    await lite.close();
  }
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let pgNote = 'PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).';
  if (pgUrl) {
    const scratch = await createScratchDatabase(pgUrl, 'recall_bench_push');
    try {
      const db = await openPostgres(scratch.url);
      try {
        await seedOffices(db, { offices: OFFICES, items: ITEMS });
        await db.query('analyze');
        out.push(...(await rows('PostgreSQL', db)));
      } finally {
        await db.close();
      }
    } finally {
      await scratch.drop();
    }
    pgNote = `PostgreSQL: ${new URL(pgUrl).hostname} (scratch database), pool of 10.`;
  }
  const total = OFFICES * PUSHES * PER_PUSH;
  return [
    `In process (no HTTP): ${OFFICES} offices × ${fmt(ITEMS)} items, each office ${PUSHES} pushes of ${PER_PUSH} changes`,
    `one after another, the offices in parallel: ${fmt(total)} changes per row, every one applied. ${pgNote}`,
    '',
    '| Database | Apply | Mutations/s | Time |',
    '| --- | --- | --- | --- |',
    ...out,
  ].join('\n');
}
