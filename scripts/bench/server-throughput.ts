import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { hashToken, newToken } from '../../server/auth/access-code';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { seedDemo } from '../../server/seed/insert-demo';
import { createScratchDatabase } from '../../server/testing/test-database';
import type { Mutation } from '../../src/api/schemas';

/**
 * Server throughput: the real server (`tsx server/main.ts`, its own process) on 127.0.0.1, loaded by
 * autocannon with 100 connections = 100 devices of 50 offices (2 tablets each, 1,000 items each).
 * Pull: a first-sync page of 500 items, and an up-to-date check (cursor at the head, empty page).
 * Push: 10 mutations per request. Once on PGlite (file-backed, DATA_DIR) and once on PostgreSQL at
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database there, dropped afterwards).
 */
export const title = 'Server throughput: 100 devices, pull and push, PGlite and PostgreSQL';

const DEVICES = 100;
const OFFICES = 50;
const ITEMS_PER_OFFICE = 1_000;
const PUSH_BATCH = 10;
/** A device coming back online with a full outbox page: what the set-based apply is for (docs/decisions/023). */
const PUSH_LARGE = 500;
const PUSH_LARGE_DEVICES = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 18_324);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

type Office = { id: string; token: string; head: number };

async function seedOffices(db: Database): Promise<Office[]> {
  await migrate(db);
  await seedDemo(db);
  const insurer = (await db.query<{ id: string }>('select id from insurers limit 1')).rows[0]?.id;
  const offices: Office[] = [];
  for (let o = 1; o <= OFFICES; o++) {
    const id = `office-load-${o}`;
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into offices (id, insurer_id, code, name, access_code_hash) values ($1, $2, $3, $3, 'x:y')`,
        [id, insurer, `LOAD-${o}`],
      );
      await tx.query(
        `insert into recall_lists (id, office_id, title, period, received_at) values ($1, $2, 'Load', '2026-11', now())`,
        [`list-${id}`, id],
      );
      await tx.query(
        `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
         select $1 || '-m' || g, $1, $1 || '-h' || g, 'self', '負荷 太郎', 'フカ タロウ', '1980-01-01', 'male', '1', g::text, '00'
           from generate_series(1, $2::int) g`,
        [id, ITEMS_PER_OFFICE],
      );
      await tx.query(
        `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
         select $1 || '-i' || g, $1, $2, $1 || '-m' || g, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'
           from generate_series(1, $3::int) g`,
        [id, `list-${id}`, ITEMS_PER_OFFICE],
      );
    });
    const token = newToken();
    await db.query(`insert into sessions (token_hash, office_id, expires_at) values ($1, $2, '2099-01-01T00:00:00Z')`, [
      hashToken(token),
      id,
    ]);
    const head = await db.query<{ v: number }>(
      `select greatest((select max(version) from recall_items where office_id = $1),
                       (select max(version) from recall_lists where office_id = $1)) as v`,
      [id],
    );
    offices.push({ id, token, head: Number(head.rows[0]?.v ?? 0) });
  }
  return offices;
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(PORT), SEED_DEMO: '0' },
    // The server logs one line per request; it goes nowhere, as behind a log shipper that keeps up.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Device d belongs to office d mod 50: every request goes out as the next device in turn. */
function devices(offices: Office[]) {
  return Array.from({ length: DEVICES }, (_, d) => ({
    office: offices[d % OFFICES] as Office,
    deviceId: randomUUID(),
  }));
}

async function load(
  name: string,
  requests: Parameters<typeof autocannon>[0]['requests'],
  connections = DEVICES,
): Promise<Result> {
  const running = autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: SECONDS,
    timeout: 30,
    requests,
  });
  const kinds = new Set<string>();
  running.on('reqError', (error) => kinds.add((error as { code?: string }).code ?? error.message));
  const result = await running;
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0)
    throw new Error(
      `${name}: ${result.errors} errors (${[...kinds].join(', ')}), ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  await settle();
  return result;
}

/**
 * autocannon stops sending at the end of its time but the server is still working through the
 * requests it had taken; wait until a database round trip answers again, so that the next scenario
 * does not queue behind the last one's tail.
 */
async function settle(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/sync/pull?limit=1`, {
    headers: { authorization: `Bearer ${settleToken}` },
  });
  if (res.status !== 200) throw new Error(`settle: HTTP ${res.status}`);
  await res.arrayBuffer();
}
let settleToken = '';

type Row = { scenario: string; result: Result; perRequest: number; unit: string };

async function measure(offices: Office[]): Promise<Row[]> {
  settleToken = (offices[0] as Office).token;
  const all = devices(offices);
  let turn = 0;
  const next = () => all[turn++ % all.length] as (typeof all)[number];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  const firstPage = await load('pull, first page', [
    {
      method: 'GET',
      setupRequest: (req) => {
        const { office } = next();
        return { ...req, path: '/api/v1/sync/pull?cursor=0&limit=500', headers: auth(office.token) };
      },
    },
  ]);
  const upToDate = await load('pull, up to date', [
    {
      method: 'GET',
      setupRequest: (req) => {
        const { office } = next();
        return { ...req, path: `/api/v1/sync/pull?cursor=${office.head}`, headers: auth(office.token) };
      },
    },
  ]);
  const base = Date.parse('2026-11-20T00:00:00Z');
  const pushOf = (size: number, connections?: number) =>
    load(
      `push ${size}`,
      [
        {
          method: 'POST',
          path: '/api/v1/sync/push',
          setupRequest: (req) => {
            const { office, deviceId } = next();
            const mutations = Array.from({ length: size }, (_, k): Mutation => {
              const itemId = `${office.id}-i${Math.floor(Math.random() * ITEMS_PER_OFFICE) + 1}`;
              const at = new Date(base + turn * 1000 + k).toISOString();
              return k % 5 === 4
                ? { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } }
                : { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
            });
            return {
              ...req,
              headers: { ...auth(office.token), 'content-type': 'application/json' },
              body: JSON.stringify({ deviceId, mutations }),
            };
          },
        },
      ],
      connections,
    );
  const push = await pushOf(PUSH_BATCH);
  // Fewer devices at once: 10 × 500 changes in flight, so a slow apply answers within the timeout.
  const pushLarge = await pushOf(PUSH_LARGE, PUSH_LARGE_DEVICES);
  return [
    { scenario: 'Pull, first sync page (500 items)', result: firstPage, perRequest: 500, unit: 'items/s' },
    { scenario: 'Pull, up to date (empty page)', result: upToDate, perRequest: 0, unit: '' },
    {
      scenario: `Push (${PUSH_BATCH} mutations per request)`,
      result: push,
      perRequest: PUSH_BATCH,
      unit: 'mutations/s',
    },
    {
      scenario: `Push (${PUSH_LARGE} mutations per request, ${PUSH_LARGE_DEVICES} devices)`,
      result: pushLarge,
      perRequest: PUSH_LARGE,
      unit: 'mutations/s',
    },
  ];
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function table(database: string, rows: Row[]): string[] {
  return rows.map(({ scenario, result, perRequest, unit }) => {
    const rps = result.requests.average;
    const work = perRequest > 0 ? `${fmt(rps * perRequest)} ${unit}` : '–';
    return `| ${database} | ${scenario} | ${fmt(result.requests.sent)} | ${fmt(rps)} | ${work} | ${result.latency.p50} ms | ${result.latency.p99} ms |`;
  });
}

async function onPglite(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'recall-bench-pglite-'));
  try {
    const db = await openPglite(dir);
    const offices = await seedOffices(db);
    await db.close();
    const server = await startServer({ DATA_DIR: dir });
    try {
      return table('PGlite (file)', await measure(offices));
    } finally {
      await stopServer(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(adminUrl: string): Promise<string[]> {
  const scratch = await createScratchDatabase(adminUrl, 'recall_bench');
  try {
    const db = await openPostgres(scratch.url);
    const offices = await seedOffices(db);
    await db.query('analyze');
    await db.close();
    const server = await startServer({ DATABASE_URL: scratch.url });
    try {
      return table('PostgreSQL', await measure(offices));
    } finally {
      await stopServer(server);
    }
  } finally {
    await scratch.drop();
  }
}

export async function run(): Promise<string> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const rows = [...(await onPglite())];
  let pgNote: string;
  if (pgUrl) {
    rows.push(...(await onPostgres(pgUrl)));
    const server = new URL(pgUrl);
    pgNote = `PostgreSQL: the server at ${server.hostname}:${server.port || 5432} (scratch database, dropped afterwards), pool of 10 connections (DATABASE_POOL_SIZE default).`;
  } else {
    pgNote = 'PostgreSQL: skipped: no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL).';
  }
  return [
    `The real server (\`tsx server/main.ts\`, one process) on 127.0.0.1; autocannon in the bench process with ${DEVICES}`,
    `connections for ${DEVICES} devices of ${OFFICES} offices (${ITEMS_PER_OFFICE.toLocaleString('en')} items each), ${SECONDS} s per row.`,
    'Client and server share the same CPUs. PGlite: file-backed data directory, one connection.',
    pgNote,
    '',
    '| Database | Scenario | Requests | Requests/s | Work/s | Latency p50 | Latency p99 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
