import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Database } from '../../server/db/database';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { PullJsonFiller } from '../../server/sync/pull-json-filler';
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

/**
 * CPU milliseconds the database's server processes of this database have used so far, when they run
 * on this machine (their /proc entries are readable); null otherwise (PGlite runs in this process).
 */
async function serverCpuMs(db: Database): Promise<number | null> {
  const pids = await db
    .query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')
    .catch(() => ({ rows: [] as { pid: number }[] }));
  let ticks = 0;
  for (const { pid } of pids.rows) {
    try {
      // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return pids.rows.length > 0 ? ticks * 10 : null;
}

type Measured = { perSecond: number; seconds: number; perCpuSecond: number | null };

/**
 * Every office pushes PUSHES times, one push after another per office, the offices in parallel.
 * Besides the wall clock, the CPU it cost (this process, plus the PostgreSQL server's processes when
 * they are on this machine): mutations per CPU-second does not move with the other load on a shared
 * machine the way mutations per second does, and times the cores gives the ceiling of a quiet one.
 */
async function measure(
  db: Database,
  batchSize: number | undefined,
  inProcess: boolean,
  pushes = PUSHES,
): Promise<Measured> {
  const serverBefore = await serverCpuMs(db);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let applied = 0;
  await Promise.all(
    Array.from({ length: OFFICES }, async (_, o) => {
      for (let p = 0; p < pushes; p++) {
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
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpuMs(db);
  if (applied !== OFFICES * pushes * PER_PUSH) throw new Error(`applied ${applied} of ${OFFICES * pushes * PER_PUSH}`);
  const cpuMs =
    (cpu.user + cpu.system) / 1000 + (serverBefore !== null && serverAfter !== null ? serverAfter - serverBefore : 0);
  // PGlite's work is in this process's CPU time; PostgreSQL's only when its processes could be read.
  const counted = inProcess || (serverBefore !== null && serverAfter !== null);
  return { perSecond: applied / seconds, seconds, perCpuSecond: counted ? applied / (cpuMs / 1000) : null };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

async function rows(name: string, db: Database, inProcess: boolean): Promise<string[]> {
  // The old way's rate does not depend on the number of pushes and it is slow: one push per office.
  const one = await measure(db, 1, inProcess, 1);
  const slices = await measure(db, 200, inProcess);
  const whole = await measure(db, undefined, inProcess);
  const perCpu = (m: Measured) => (m.perCpuSecond === null ? '—' : fmt(m.perCpuSecond));
  return [
    `| ${name} | one mutation per transaction (before ADR 023) | ${fmt(one.perSecond)} | ${perCpu(one)} | ${one.seconds.toFixed(1)} s |`,
    `| ${name} | set-based, slices of 200 (ADR 023's slice) | ${fmt(slices.perSecond)} | ${perCpu(slices)} | ${slices.seconds.toFixed(1)} s |`,
    `| ${name} | set-based, one slice per push of ${PER_PUSH} (ADR 027, 034) | ${fmt(whole.perSecond)} | ${perCpu(whole)} | ${whole.seconds.toFixed(1)} s |`,
    `| ${name} | ratio one slice ÷ slices of 200 | ${(whole.perSecond / slices.perSecond).toFixed(2)}× | | |`,
    `| ${name} | ratio one slice ÷ one per transaction | ${(whole.perSecond / one.perSecond).toFixed(1)}× | | |`,
  ];
}

/**
 * Items carry their stored pull JSON, as they do once the filler ran (docs/decisions/039): a push's
 * update copies the row with it. The fill after each push is not part of the push (off the request
 * path; scripts/pull-route-cost.ts measures it).
 */
async function storePullJson(db: Database): Promise<void> {
  const filler = new PullJsonFiller(db, { step: 1000 });
  await filler.noteAll();
  await filler.flush();
}

export async function run(): Promise<string> {
  const out: string[] = [];
  const lite = await openPglite();
  try {
    await seedOffices(lite, { offices: OFFICES, items: ITEMS });
    await storePullJson(lite);
    out.push(...(await rows('PGlite (memory)', lite, true)));
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
        await storePullJson(db);
        await db.query('analyze');
        out.push(...(await rows('PostgreSQL', db, false)));
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
    `one after another, the offices in parallel: ${fmt(total)} changes per row (one push per office, ${fmt(OFFICES * PER_PUSH)}, for one mutation per transaction), every one applied. ${pgNote}`,
    '',
    `Mutations per CPU-second: the same changes over the CPU time they cost (this process, and PostgreSQL's server processes for this database when they run on this machine, ${cpus().length} cores); it moves far less with other load than mutations/s, and cores × it is the ceiling of a quiet machine.`,
    '',
    '| Database | Apply | Mutations/s | Mutations per CPU-second | Time |',
    '| --- | --- | --- | --- | --- |',
    ...out,
  ].join('\n');
}
