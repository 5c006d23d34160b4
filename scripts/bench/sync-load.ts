import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app';
import { hashAccessCode } from '../../server/auth/access-code';
import type { Database, Queryable } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { seedDemo } from '../../server/seed/insert-demo';
import { createScratchDatabase } from '../../server/testing/test-database';
import type { Mutation, PushResponse, SignInResponse } from '../../src/api/schemas';

/**
 * Server load: 50 devices push 1,000 mutations each, all at once, in batches of 500, over HTTP on
 * loopback to the real server (in-process, in-memory PGlite; then on PostgreSQL at BENCH_DATABASE_URL
 * or TEST_DATABASE_URL when set). Checks that every request answered 200, every mutation was answered
 * `applied`, and the database holds exactly the number pushed. BENCH_DEVICES and BENCH_PER_DEVICE
 * shrink it for a quick reproduction (the figures in docs/benchmarks.md are the full 50 × 1,000).
 */
export const title = 'Sync push load: 50 devices × 1,000 mutations';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 50);
const PER_DEVICE = Number(process.env.BENCH_PER_DEVICE ?? 1_000);
const BATCH = 500;
const ITEMS = 5_000;
const OFFICE = 'office-bench';

async function seedBenchOffice(db: Database, accessCode: string) {
  const insurer = await db.query<{ id: string }>('select id from insurers limit 1');
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash) values ($1, $2, 'BENCH', 'Bench', $3)`,
    [OFFICE, insurer.rows[0]?.id, await hashAccessCode(accessCode)],
  );
  await db.query(
    `insert into recall_lists (id, office_id, title, period, received_at) values ('list-bench', $1, 'Bench', '2026-11', now())`,
    [OFFICE],
  );
  await db.query(
    `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
     select 'bm-' || g, $1, 'bh-' || g, 'self', 'Bench', 'ベンチ', '1980-01-01', 'female', '1', g::text, '00'
       from generate_series(1, $2::int) g`,
    [OFFICE, ITEMS],
  );
  await db.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
     select 'bi-' || g, $1, 'list-bench', 'bm-' || g, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'
       from generate_series(1, $2::int) g`,
    [OFFICE, ITEMS],
  );
}

/** Device d ticks its own stretch of items; neighbouring devices overlap, and some ticks are undone. */
function mutationsOf(device: number): Mutation[] {
  const base = Date.parse('2026-11-20T00:00:00.000Z');
  return Array.from({ length: PER_DEVICE }, (_, k): Mutation => {
    const itemId = `bi-${((device * 100 + k) % ITEMS) + 1}`;
    const at = new Date(base + device * 1_000 + k * 60_000).toISOString();
    return k % 10 === 9
      ? { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } }
      : { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

type Figures = string[][];

/** How the pushes were applied: set-based slices and one-mutation transactions, counted by their writes. */
type Applies = { slices: number; single: number };

/**
 * The database the server gets, counting the two write paths of the push (server/sync/push.ts): a
 * slice writes its records with one `json_to_recordset` statement, a mutation applied on its own with
 * a one-row `values` insert. Everything else passes through untouched.
 */
function counting(db: Database, applies: Applies): Database {
  const count = (sql: string) => {
    if (!sql.includes('insert into applied_mutations')) return;
    if (sql.includes('json_to_recordset')) applies.slices += 1;
    else applies.single += 1;
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction')
        return <T>(fn: (tx: Queryable) => Promise<T>) =>
          target.transaction((tx) =>
            fn({
              query: (sql, params) => {
                count(sql);
                return tx.query(sql, params);
              },
            }),
          );
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function loadOn(db: Database): Promise<Figures> {
  await migrate(db);
  await seedDemo(db);
  const accessCode = 'bench-pass';
  await seedBenchOffice(db, accessCode);
  const applies: Applies = { slices: 0, single: 0 };
  const app = createApp({ db: counting(db, applies) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  // Requests queue for tens of seconds behind each other (one transaction at a time); keep idle
  // keep-alive connections open longer than that so the client never reuses one the server just
  // closed (that race shows up as ECONNRESET, not as a server error).
  const http = server as unknown as { keepAliveTimeout: number; requestTimeout: number; headersTimeout: number };
  http.keepAliveTimeout = 600_000;
  http.requestTimeout = 0;
  http.headersTimeout = 600_000;
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/v1`;

  try {
    const signIn = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ officeCode: 'BENCH', accessCode }),
    });
    const { token } = (await signIn.json()) as SignInResponse;

    const latencies: number[] = [];
    const errors: string[] = [];
    const answers = { applied: 0, duplicate: 0, rejected: 0 };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: DEVICES }, async (_, device) => {
        const deviceId = randomUUID();
        const all = mutationsOf(device);
        for (let i = 0; i < all.length; i += BATCH) {
          const batch = all.slice(i, i + BATCH);
          const t0 = performance.now();
          const res = await fetch(`${base}/sync/push`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ deviceId, mutations: batch }),
          });
          latencies.push(performance.now() - t0);
          if (res.status !== 200) {
            errors.push(`device ${device}: HTTP ${res.status}`);
            continue;
          }
          const { results } = (await res.json()) as PushResponse;
          if (results.length !== batch.length) errors.push(`device ${device}: ${results.length} answers`);
          for (const r of results) answers[r.status] += 1;
        }
      }),
    );
    const wallMs = performance.now() - started;

    const total = DEVICES * PER_DEVICE;
    const counted = await db.query<{ n: number }>(
      `select count(*)::int as n from applied_mutations where office_id = $1 and status = 'applied'`,
      [OFFICE],
    );
    const inDb = counted.rows[0]?.n ?? 0;
    if (errors.length > 0) throw new Error(`push errors: ${errors.slice(0, 5).join('; ')}`);
    if (answers.applied !== total || inDb !== total)
      throw new Error(`expected ${total} applied, answered ${answers.applied}, in the database ${inDb}`);

    latencies.sort((a, b) => a - b);
    const rows = [
      [
        'Devices × mutations',
        `${DEVICES} × ${PER_DEVICE.toLocaleString('en')} (batches of ${BATCH}, all devices at once)`,
      ],
      ['Items in the office', ITEMS.toLocaleString('en')],
      ['Requests', String(latencies.length)],
      ['Errors', String(errors.length)],
      [
        'Applied (answers / rows in applied_mutations)',
        `${answers.applied.toLocaleString('en')} / ${inDb.toLocaleString('en')}`,
      ],
      [
        'Applied as (set-based slices / one-mutation transactions)',
        `${applies.slices.toLocaleString('en')} / ${applies.single.toLocaleString('en')}`,
      ],
      ['Wall time', `${(wallMs / 1000).toFixed(1)} s`],
      ['Throughput', `${Math.round(total / (wallMs / 1000)).toLocaleString('en')} mutations/s`],
      ['Request latency p50', `${(percentile(latencies, 50) / 1000).toFixed(2)} s`],
      ['Request latency p99', `${(percentile(latencies, 99) / 1000).toFixed(2)} s`],
    ];
    return rows;
  } finally {
    server.close();
    await db.close();
  }
}

export async function run(): Promise<string> {
  const lite = await loadOn(await openPglite());
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let pg: Figures | undefined;
  if (pgUrl) {
    const scratch = await createScratchDatabase(pgUrl, 'recall_bench');
    try {
      pg = await loadOn(await openPostgres(scratch.url));
    } finally {
      await scratch.drop();
    }
  }
  return [
    'Real server (Hono on Node) on 127.0.0.1, driven by `fetch` from the same process; in-memory PGlite,',
    'and PostgreSQL (pool of 10) when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.',
    'Each push of 500 is applied set-based in one transaction (docs/decisions/027): the idempotency',
    "records, the audit rows and the status fold over the items' applied changes. The devices' changes",
    'interleave in time, so most changes go before one already applied to their item; they are folded in',
    'where they fall within the batch (docs/decisions/037), and "Applied as" counts the set-based writes',
    'against mutations applied in a transaction of their own. All devices belong to one office, so on',
    "both databases its pushes are applied one at a time (PGlite: one connection; PostgreSQL: the office's",
    'change lock, docs/decisions/010-postgresql.md); latency is per 500-mutation request, queued behind the',
    'other devices.',
    '',
    pg ? '| Figure | PGlite | PostgreSQL |' : '| Figure | PGlite |',
    pg ? '| --- | --- | --- |' : '| --- | --- |',
    ...lite.map(([k, v], i) => (pg ? `| ${k} | ${v} | ${pg[i]?.[1]} |` : `| ${k} | ${v} |`)),
    ...(pg ? [] : ['', 'PostgreSQL: skipped: no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL).']),
  ].join('\n');
}
