import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createApp } from '../server/app';
import { hashToken, newToken } from '../server/auth/access-code';
import type { Database } from '../server/db/database';
import { openPglite } from '../server/db/pglite';
import { openPostgres } from '../server/db/postgres';
import { PullJsonFiller } from '../server/sync/pull-json-filler';
import { createScratchDatabase } from '../server/testing/test-database';
import { seedOffices } from './bench-helpers/seed-offices';

/**
 * `npx tsx scripts/pull-route-cost.ts` (PGlite; with DATABASE_URL also PostgreSQL on this machine):
 * what one request of issue 19's mix costs, in process through app.request (no sockets), one request
 * at a time: wall time (min and median) and CPU time per request, of this process (Node, and PGlite,
 * which runs inside it) and of the PostgreSQL backend (pool of one connection; /proc/<pid>/stat, so
 * only for a server on this machine). CPU time is what a loaded machine distorts least: compare
 * trees with it (docs/decisions/033).
 *
 * Items' pull JSON (docs/decisions/039) is stored before measuring; the filler's work after a push is
 * measured as a row of its own ("fill after a push of 3", off the request path), and the first page
 * is measured both with every item's text stored and with none (built per request, as before
 * migration 020), side by side. SKIP_PGLITE=1 measures PostgreSQL only.
 */
const ITEMS = 1_000;
const N = Number(process.env.ROUNDS ?? 200);

const ticks = (pid: number | null) => {
  if (pid === null) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
};

async function measure(name: string, db: Database, backendPid: number | null) {
  await seedOffices(db, { offices: 3, items: ITEMS, householdSize: 3 });
  const token = newToken();
  await db.query(`insert into sessions (token_hash, office_id, expires_at) values ($1, 'o1', '2099-01-01')`, [
    hashToken(token),
  ]);
  // Filled only when flushed here (the delay never ends), so no fill runs inside a measured request.
  const filler = new PullJsonFiller(db, { delayMs: 2 ** 30 });
  const app = createApp({ db, pullJsonFiller: filler });
  const auth = { authorization: `Bearer ${token}` };
  const pull = async (query: string) => {
    const res = await app.request(`/api/v1/sync/pull${query}`, { headers: auth });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`pull ${res.status}`);
    return JSON.parse(text) as { cursor: string };
  };
  let at = 0;
  const push = async () => {
    const mutations = Array.from({ length: 3 }, () => {
      const when = new Date(Date.parse('2026-11-20T00:00:00Z') + at++).toISOString();
      const itemId = `o1i${Math.floor(Math.random() * ITEMS) + 1}`;
      return {
        id: randomUUID(),
        type: 'item.returned',
        at: when,
        payload: { itemId, returnedAt: when, method: 'hand' },
      };
    });
    const res = await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: randomUUID(), mutations }),
    });
    if (res.status !== 200) throw new Error(`push ${res.status}`);
    await res.text();
  };
  await filler.noteAll();
  await filler.flush();
  let head = (await pull('?cursor=0&limit=1000')).cursor;
  for (;;) {
    const next = await pull(`?cursor=${head}&limit=1000`);
    if (next.cursor === head) break;
    head = next.cursor;
  }
  const unstore = () => db.query(`delete from item_pull_json where office_id = 'o1'`);
  // [label, rounds, the measured request, work before it, work after it (neither measured)]
  type Kind = [string, number, () => Promise<unknown>, (() => Promise<unknown>)?, (() => Promise<unknown>)?];
  const kinds: Kind[] = [
    ['cursor pull, up to date', N, () => pull(`?cursor=${head}`)],
    [
      'cursor pull after a push of 3 (push, fill not counted)',
      N / 4,
      async () => {
        head = (await pull(`?cursor=${before}`)).cursor;
      },
      async () => {
        before = head;
        await push();
      },
      () => filler.flush(),
    ],
    ['push of 3 (its fill not counted)', N / 4, push, undefined, () => filler.flush()],
    ['fill after a push of 3 (off the request path)', N / 4, () => filler.flush(), push],
    ['first-sync page of 500, every item stored', N / 10, () => pull('?cursor=0&limit=500')],
    ['first-sync page of 500, none stored (as before)', N / 10, () => pull('?cursor=0&limit=500'), unstore],
  ];
  let before = head;
  console.log(`${name}: ${ITEMS} items per office, one request at a time`);
  // ONLY=first (a word of the label) measures only those requests, e.g. under --cpu-prof.
  for (const [label, rounds, run, setup, teardown] of kinds.filter(
    ([l]) => !process.env.ONLY || l.includes(process.env.ONLY),
  )) {
    for (let i = 0; i < 3; i++) {
      await setup?.();
      await run();
      await teardown?.();
    }
    const walls: number[] = [];
    let cpuMicros = 0;
    let dbTicks = 0;
    for (let i = 0; i < rounds; i++) {
      await setup?.();
      const cpu0 = process.cpuUsage();
      const db0 = ticks(backendPid);
      const t0 = performance.now();
      await run();
      walls.push(performance.now() - t0);
      dbTicks += ticks(backendPid) - db0;
      const cpu = process.cpuUsage(cpu0);
      cpuMicros += cpu.user + cpu.system;
      await teardown?.();
    }
    await filler.noteAll();
    await filler.flush();
    walls.sort((a, b) => a - b);
    const node = cpuMicros / 1000 / rounds;
    const pg = backendPid === null ? '' : `, PostgreSQL CPU ${((dbTicks * 10) / rounds).toFixed(2)} ms`;
    console.log(
      `  ${label.padEnd(50)} wall min ${walls[0]?.toFixed(2)} ms, median ${walls[Math.floor(rounds / 2)]?.toFixed(2)} ms; this process's CPU ${node.toFixed(2)} ms${pg}`,
    );
  }
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
if (process.env.SKIP_PGLITE !== '1') {
  const pglite = await openPglite();
  try {
    await measure('PGlite (in memory)', pglite, null);
  } finally {
    await pglite.close();
  }
}
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const scratch = await createScratchDatabase(adminUrl, 'recall_route_cost');
  const db = await openPostgres(scratch.url, { max: 1 });
  try {
    const pid = (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? null;
    await db.query('analyze');
    await measure('PostgreSQL', db, pid);
  } finally {
    await db.close();
    await scratch.drop();
  }
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
