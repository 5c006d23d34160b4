import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { percentile } from '../bench-helpers/percentiles';

/**
 * Server throughput: the real server (`tsx server/main.ts`, its own process) on 127.0.0.1, loaded by
 * autocannon with 100 connections = 100 devices of 50 offices (2 tablets each, 1,000 items each).
 * Pull: a first-sync page of 500 items, and an up-to-date check (cursor at the head, empty page).
 * Push: 10 mutations per request. Once on PGlite (file-backed, DATA_DIR) and once on PostgreSQL at
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database there, dropped afterwards).
 *
 * Issue 19's figures: the realistic mix (per 10 requests of a device: 7 cursor pulls, 2 pushes of 3
 * ticks, 1 first-sync page) and, in the same run, a trivial Hono route (scripts/bench-helpers/
 * trivial-server.ts, its own process) as the denominator; and another office's pull latency while
 * 10 devices pull first pages of 1,000 items (does a long pull stall everyone else). Beside them:
 * the machine's busy CPU per request (what a request costs, all processes together), and the mix
 * open loop at fixed offered rates (latency when the devices send what tablets send, not as fast as
 * the server answers).
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
const TRIVIAL_PORT = PORT + 1;
/** Ticks per push in the mix: a clerk ticks a few returned cards, the tablet sends them. */
const MIX_TICKS = 3;
const BIG_PAGE = 1_000;
const BIG_PAGE_DEVICES = 10;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/**
 * BENCH_ONLY=mix (or open, stall, rows; comma-separated) runs only those parts, and BENCH_DATABASES=pglite
 * (or postgres) only that database: quicker runs while working on one figure. The full section (the
 * default) is what docs/benchmarks.md shows.
 */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'rows,stall,mix,open').split(','));
const DATABASES = new Set((process.env.BENCH_DATABASES ?? 'pglite,postgres').split(','));

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

async function startServer(
  env: Record<string, string>,
  script = 'server/main.ts',
  port = PORT,
  health = '/api/v1/health',
): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const nodeArgs =
    script === 'server/main.ts' ? (process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []) : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), SEED_DEMO: '0' },
    // The server logs one line per request; it goes nowhere, as behind a log shipper that keeps up.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}${health}`)).ok) return child;
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

/**
 * Busy CPU time of the whole machine so far, in ms (/proc/stat: every core, every process: the server,
 * PostgreSQL's backends, PGlite inside the server, and autocannon). Divided by the requests answered
 * it gives what one request costs the machine, a figure a loaded or quiet machine changes far less
 * than a request rate; null where /proc/stat is missing.
 */
function machineBusyMs(): number | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const busy = cpu.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
    return (busy * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** A load's result and the machine's busy CPU per answered request over it. */
type Loaded = Result & { cpuMsPerRequest: number | null };

async function load(
  name: string,
  requests: Parameters<typeof autocannon>[0]['requests'],
  connections = DEVICES,
  port = PORT,
  /** Requests per second offered by all connections together (open loop); none: each connection sends its next request as soon as the last is answered (closed loop). */
  overallRate?: number,
): Promise<Loaded> {
  const busy0 = machineBusyMs();
  const running = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: SECONDS,
    timeout: 30,
    requests,
    ...(overallRate ? { overallRate } : {}),
  });
  const kinds = new Set<string>();
  running.on('reqError', (error) => kinds.add((error as { code?: string }).code ?? error.message));
  const result = await running;
  const busy1 = machineBusyMs();
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0)
    throw new Error(
      `${name}: ${result.errors} errors (${[...kinds].join(', ')}), ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  if (port === PORT) await settle();
  const answered = result['2xx'];
  const cpuMsPerRequest = busy0 !== null && busy1 !== null && answered > 0 ? (busy1 - busy0) / answered : null;
  return Object.assign(result, { cpuMsPerRequest });
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

type Row = { scenario: string; result: Loaded; perRequest: number; unit: string };

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

/**
 * The realistic mix: each connection is a device that, per 10 requests, pulls from its cursor 7 times,
 * pushes 3 ticks twice and pulls a first-sync page once (a tablet signing in or re-installing). The
 * cursor is the one its last pull answered, so a cursor pull brings the office's recent changes.
 */
async function measureMix(offices: Office[], overallRate?: number): Promise<Loaded> {
  const all = offices.flatMap((office) => [0, 1].map(() => ({ office, deviceId: randomUUID(), cursor: office.head })));
  let turn = 0;
  type Context = { device?: (typeof all)[number] };
  // autocannon starts each round of the 10 requests with a fresh context: the device of a round is
  // the next in turn, so every device keeps its own cursor across rounds.
  const device = (context: Context) => {
    context.device ??= all[turn++ % all.length] as (typeof all)[number];
    return context.device;
  };
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const base = Date.parse('2026-11-20T00:00:00Z');
  let tick = 0;
  const cursorPull = {
    method: 'GET' as const,
    setupRequest: (req: object, context: Context) => {
      const d = device(context);
      return { ...req, path: `/api/v1/sync/pull?cursor=${d.cursor}`, headers: headers(d.office.token) };
    },
    onResponse: (_status: number, body: string, context: Context) => {
      const cursor = /"cursor":"(\d+)"/.exec(body)?.[1];
      if (cursor && context.device) context.device.cursor = Number(cursor);
    },
  };
  const push = {
    method: 'POST' as const,
    setupRequest: (req: object, context: Context) => {
      const d = device(context);
      const mutations = Array.from({ length: MIX_TICKS }, (): Mutation => {
        const itemId = `${d.office.id}-i${Math.floor(Math.random() * ITEMS_PER_OFFICE) + 1}`;
        const at = new Date(base + tick++).toISOString();
        return { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
      });
      return {
        ...req,
        path: '/api/v1/sync/push',
        headers: headers(d.office.token),
        body: JSON.stringify({ deviceId: d.deviceId, mutations }),
      };
    },
  };
  const firstPage = {
    method: 'GET' as const,
    setupRequest: (req: object, context: Context) => {
      const d = device(context);
      return { ...req, path: '/api/v1/sync/pull?cursor=0&limit=500', headers: headers(d.office.token) };
    },
  };
  // Spread over the round as a tablet would: pull, pull, push, pull, pull, first page, pull, push, pull, pull.
  const round = [
    cursorPull,
    cursorPull,
    push,
    cursorPull,
    cursorPull,
    firstPage,
    cursorPull,
    push,
    cursorPull,
    cursorPull,
  ];
  return load('mix', round as Parameters<typeof autocannon>[0]['requests'], DEVICES, PORT, overallRate);
}

/**
 * Offered rates of the open-loop mix (same 100 devices and round): a tablet that is not being used
 * checks for changes every few seconds, so 100 devices send far fewer than the closed loop's "next
 * request the moment the last is answered". 20/s is every device once in 5 s; 100/s once a second.
 * autocannon corrects for coordinated omission, so a request that had to wait counts from when it
 * was due, not from when it could be sent.
 */
const OPEN_RATES = [20, 100];

type Stall = { probes: number[]; bigPages: Result };

/**
 * Does a long pull stall the others? 10 devices of offices 2–50 pull first pages of 1,000 items
 * without pause while one device of office 1 checks for changes (an up-to-date pull) one request
 * after another: its latency is what the big pages cost everyone else.
 */
async function measureStall(offices: Office[]): Promise<Stall> {
  const probe = offices[0] as Office;
  const others = offices.slice(1);
  let turn = 0;
  const running = load(
    'big first pages',
    [
      {
        method: 'GET',
        setupRequest: (req) => {
          const office = others[turn++ % others.length] as Office;
          return {
            ...req,
            path: `/api/v1/sync/pull?cursor=0&limit=${BIG_PAGE}`,
            headers: { authorization: `Bearer ${office.token}` },
          };
        },
      },
    ],
    BIG_PAGE_DEVICES,
  );
  let done = false;
  void running.finally(() => {
    done = true;
  });
  const probes: number[] = [];
  // Let the big pages get going first.
  await new Promise((r) => setTimeout(r, 500));
  while (!done) {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/sync/pull?cursor=${probe.head}`, {
      headers: { authorization: `Bearer ${probe.token}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`probe: HTTP ${res.status}`);
    if (!done) probes.push(performance.now() - started);
  }
  return { probes, bigPages: await running };
}

type Measured = { rows: Row[]; mix: Loaded | null; open: Array<{ rate: number; result: Result }>; stall: Stall | null };

/** The trivial route, same connections and duration as the mix. */
async function measureTrivial(): Promise<Loaded> {
  const server = await startServer({}, 'scripts/bench-helpers/trivial-server.ts', TRIVIAL_PORT, '/');
  try {
    return await load('trivial route', [{ method: 'GET', path: '/' }], DEVICES, TRIVIAL_PORT);
  } finally {
    await stopServer(server);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

function table(database: string, rows: Row[], trivialCpu: number | null): string[] {
  return rows.map(({ scenario, result, perRequest, unit }) => {
    const rps = result.requests.average;
    const work = perRequest > 0 ? `${fmt(rps * perRequest)} ${unit}` : '–';
    return `| ${database} | ${scenario} | ${fmt(result.requests.sent)} | ${fmt(rps)} | ${work} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${ms(result.cpuMsPerRequest)} | ${times(result.cpuMsPerRequest, trivialCpu)} |`;
  });
}

/** Follows the office's pages to its head now (the push rows moved it), as a device that is up to date. */
async function catchUp(office: Office): Promise<void> {
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/sync/pull?cursor=${office.head}&limit=1000`, {
      headers: { authorization: `Bearer ${office.token}` },
    });
    if (res.status !== 200) throw new Error(`catch up: HTTP ${res.status}`);
    const page = (await res.json()) as { cursor: string; hasMore: boolean };
    office.head = Number(page.cursor);
    if (!page.hasMore) return;
  }
}

type DatabaseRun = { database: string; measured: Measured };

async function measureServer(database: string, env: Record<string, string>, offices: Office[]): Promise<DatabaseRun> {
  const server = await startServer(env);
  settleToken = (offices[0] as Office).token;
  try {
    const rows = ONLY.has('rows') ? await measure(offices) : [];
    for (const office of offices) await catchUp(office);
    const stall = ONLY.has('stall') ? await measureStall(offices) : null;
    for (const office of offices) await catchUp(office);
    const mix = ONLY.has('mix') ? await measureMix(offices) : null;
    const open: Measured['open'] = [];
    if (ONLY.has('open'))
      for (const rate of OPEN_RATES) {
        for (const office of offices) await catchUp(office);
        open.push({ rate, result: await measureMix(offices, rate) });
      }
    return { database, measured: { rows, mix, open, stall } };
  } finally {
    await stopServer(server);
  }
}

async function onPglite(): Promise<DatabaseRun> {
  const dir = mkdtempSync(join(tmpdir(), 'recall-bench-pglite-'));
  try {
    const db = await openPglite(dir);
    const offices = await seedOffices(db);
    await db.close();
    return await measureServer('PGlite (file)', { DATA_DIR: dir }, offices);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(adminUrl: string): Promise<DatabaseRun> {
  const scratch = await createScratchDatabase(adminUrl, 'recall_bench');
  try {
    const db = await openPostgres(scratch.url);
    const offices = await seedOffices(db);
    await db.query('analyze');
    await db.close();
    return await measureServer('PostgreSQL', { DATABASE_URL: scratch.url }, offices);
  } finally {
    await scratch.drop();
  }
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const ms = (n: number | null) => (n === null ? '–' : `${n.toFixed(2)} ms`);
const times = (n: number | null, of: number | null) => (n === null || !of ? '–' : `${(n / of).toFixed(0)}×`);
const mean = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
};

export async function run(): Promise<string> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // The trivial route before and after the databases: the machine's load drifts during a run, the
  // mean of the two is the denominator.
  const trivialBefore = await measureTrivial();
  const runs = DATABASES.has('pglite') ? [await onPglite()] : [];
  let pgNote: string;
  if (pgUrl && DATABASES.has('postgres')) {
    runs.push(await onPostgres(pgUrl));
    const server = new URL(pgUrl);
    pgNote = `PostgreSQL: the server at ${server.hostname}:${server.port || 5432} (scratch database, dropped afterwards), pool of 10 connections (DATABASE_POOL_SIZE default).`;
  } else {
    pgNote = 'PostgreSQL: skipped: no PostgreSQL (set BENCH_DATABASE_URL or TEST_DATABASE_URL).';
  }
  const trivialAfter = await measureTrivial();
  const trivial = (trivialBefore.requests.average + trivialAfter.requests.average) / 2;
  const trivialCpu = mean([trivialBefore.cpuMsPerRequest, trivialAfter.cpuMsPerRequest]);
  return [
    `The real server (\`tsx server/main.ts\`, one process) on 127.0.0.1; autocannon in the bench process with ${DEVICES}`,
    `connections for ${DEVICES} devices of ${OFFICES} offices (${ITEMS_PER_OFFICE.toLocaleString('en')} items each), ${SECONDS} s per row.`,
    'Client and server share the same CPUs. PGlite: file-backed data directory, one connection.',
    pgNote,
    '',
    `**Issue 19's mix** (per 10 requests of a device: 7 cursor pulls, 2 pushes of ${MIX_TICKS} ticks, 1 first-sync page of 500),`,
    `against a trivial Hono route (\`scripts/bench-helpers/trivial-server.ts\`, own process, ${DEVICES} connections) in the same run:`,
    `${fmt(trivialBefore.requests.average)} req/s before the databases, ${fmt(trivialAfter.requests.average)} after, mean ${fmt(trivial)};`,
    `the machine's busy CPU per trivial request (all cores, all processes, autocannon included): ${ms(trivialCpu)}.`,
    'Closed loop: each device sends its next request the moment the last is answered, so the rate is',
    "the machine's limit and, by Little's law, the mean latency is 100 ÷ that rate.",
    '',
    '| Database | Mix requests | Mix req/s | ÷ trivial route | Latency p50 | Latency p99 | Machine CPU per request | ÷ trivial request |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(({ database, measured: { mix } }) =>
      !mix
        ? []
        : [
            `| ${database}`,
            fmt(mix.requests.sent),
            fmt(mix.requests.average),
            `**${pct(mix.requests.average / trivial)}**`,
            `${mix.latency.p50} ms`,
            `**${mix.latency.p99} ms**`,
            ms(mix.cpuMsPerRequest),
            `${times(mix.cpuMsPerRequest, trivialCpu)} |`,
          ].join(' | '),
    ),
    '',
    '**The same mix, open loop**: the 100 devices together offer a fixed rate (every device once in 5 s, and once',
    'a second), latency counted from when each request was due.',
    '',
    '| Database | Offered req/s | Answered req/s | Latency p50 | Latency p99 | Max |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(({ database, measured: { open } }) =>
      open.map(({ rate, result }) =>
        [
          `| ${database}`,
          fmt(rate),
          fmt(result.requests.average),
          `${result.latency.p50} ms`,
          `**${result.latency.p99} ms**`,
          `${result.latency.max} ms |`,
        ].join(' | '),
      ),
    ),
    '',
    `**Another office's pull during big first syncs**: ${BIG_PAGE_DEVICES} devices pull first pages of ${BIG_PAGE.toLocaleString('en')} items`,
    'without pause; one device of another office checks for changes (up-to-date pull), one request after another.',
    '',
    '| Database | Big pages/s | Big page p50 | Probe pulls | Probe p50 | Probe p99 | Probe max |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(({ database, measured: { stall } }) =>
      !stall
        ? []
        : [
            `| ${database}`,
            fmt(stall.bigPages.requests.average),
            `${stall.bigPages.latency.p50} ms`,
            fmt(stall.probes.length),
            `${fmt(percentile(stall.probes, 50))} ms`,
            `${fmt(percentile(stall.probes, 99))} ms`,
            `${fmt(Math.max(...stall.probes))} ms |`,
          ].join(' | '),
    ),
    '',
    'Each kind of request alone, closed loop; the machine CPU per request says what each kind costs against the trivial route:',
    '',
    '| Database | Scenario | Requests | Requests/s | Work/s | Latency p50 | Latency p99 | Machine CPU per request | ÷ trivial request |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.flatMap(({ database, measured }) => table(database, measured.rows, trivialCpu)),
  ].join('\n');
}
