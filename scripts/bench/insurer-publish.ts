import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashAccessCode } from '../../server/auth/access-code';
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { seedDemo } from '../../server/seed/insert-demo';
import { createScratchDatabase } from '../../server/testing/test-database';
import type { PublishResponse } from '../../src/api/insurer-schemas';
import type { PullResponse, SignInResponse } from '../../src/api/schemas';
import { repoRoot } from '../bench-helpers/app-build';
import { percentile } from '../bench-helpers/percentiles';

/**
 * The insurer publishes its month (issue 20): 1,000,000 items across 10,000 offices (100 an office)
 * by default, written as the insurer's one CSV file and sent with the CLI (`npm run insurer --
 * publish month.csv`), which reads it as a stream and sends parts of whole offices of at most 20,000
 * rows (the route's cap), two at a time (docs/decisions/032-set-based-publish.md). The server runs in
 * its own process (`server/main.ts`) so its peak RSS (VmHWM) is the server's alone; the CLI reports
 * its own peak. Meanwhile a tablet of an office the upload does not touch pulls every PULL_EVERY_MS,
 * and its pull latency is compared with the same pulls before the publish started. PGlite on disk,
 * then PostgreSQL at BENCH_DATABASE_URL or TEST_DATABASE_URL when set.
 *
 *   BENCH_PUBLISH_ITEMS / BENCH_PUBLISH_OFFICES                 the month on PostgreSQL (1000000 / 10000)
 *   BENCH_PUBLISH_PGLITE_ITEMS / BENCH_PUBLISH_PGLITE_OFFICES   the month on PGlite (1000000 / 10000)
 *   BENCH_PUBLISH_DATABASES   pglite,postgres (default both; PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL)
 *   BENCH_PUBLISH_PORT        the server's port (4396)
 */
export const title = 'Insurer publish: a month’s lists across many offices, pulls meanwhile';

type Size = { items: number; offices: number; perOffice: number; officesPerUpload: number };
const ROWS_PER_UPLOAD = 20_000;
function size(items: number, offices: number): Size {
  const perOffice = Math.max(1, Math.round(items / offices));
  return { items, offices, perOffice, officesPerUpload: Math.max(1, Math.floor(ROWS_PER_UPLOAD / perOffice)) };
}
const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
const PG_SIZE = size(env('BENCH_PUBLISH_ITEMS', 1_000_000), env('BENCH_PUBLISH_OFFICES', 10_000));
const PGLITE_SIZE = size(env('BENCH_PUBLISH_PGLITE_ITEMS', 1_000_000), env('BENCH_PUBLISH_PGLITE_OFFICES', 10_000));
const DATABASES = (process.env.BENCH_PUBLISH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim());
const PULL_EVERY_MS = 100;
const BASELINE_PULLS = 40;
const PORT = Number(process.env.BENCH_PUBLISH_PORT ?? 4396);

const HEADER =
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';
const officeCode = (o: number) => `B${String(o).padStart(5, '0')}`;

const TITLE = '2026年11月分 回収対象者一覧';

/** The month as the insurer's one file (UTF-8 with a BOM), perOffice rows an office, offices in order. */
async function writeMonth(s: Size, path: string): Promise<number> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`\uFEFF${HEADER}\r\n`);
  for (let o = 0; o < s.offices; o++) {
    const code = officeCode(o);
    const lines: string[] = [];
    for (let k = 0; k < s.perOffice; k++) {
      // A household of the insured person and one dependant every other row; both lose eligibility.
      const household = Math.floor(k / 2);
      const branch = k % 2 === 0 ? '00' : '01';
      const holder = `山田 太郎${household}`;
      const name = branch === '00' ? holder : `山田 花子${household}`;
      lines.push(
        `${code},P${o}-${k},${1000 + (o % 9000)},${household + 1},${branch},${name},ヤマダ タロウ,1980/4/1,${branch === '00' ? '男' : '女'},${branch === '00' ? '本人' : '家族'},${holder},資格喪失,2026/11/16,2025/12/2,\r\n`,
      );
    }
    await write(lines.join(''));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return statSync(path).size;
}

async function prepare(db: Database, s: Size) {
  await migrate(db);
  await seedDemo(db);
  // Enrolled straight in the database: 10,000 scrypt hashes through the enrol route would be the
  // bench's whole time, and enrolment is not what is measured. One hash serves every office.
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash, office_symbol, office_number, address, enrolled_at)
     select 'bo-' || g, 'ins-minato', 'B' || lpad(g::text, 5, '0'), 'ベンチ株式会社 ' || g, $1, '01-ベンチ', g::text,
            '東京都港区芝公園1-1-1', now()
       from generate_series(0, $2::int - 1) g`,
    [await hashAccessCode('bench-office-pass'), s.offices],
  );
}

type Server = { base: string; pid: number; stop(): Promise<void> };

async function startServer(env: Record<string, string>): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(PORT), SEED_DEMO: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave the server behind if the bench itself dies.
  process.once('exit', () => child.kill('SIGTERM'));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('server did not start within 120 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** kB of a /proc/<pid>/status field: VmRSS now, VmHWM the peak since the process started. */
function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'));
  return Number(match?.[1] ?? Number.NaN);
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 500)}`);
  return (await res.json()) as T;
}

type Figures = {
  items: number;
  uploads: number;
  seconds: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  cliPeakMb: number;
  baseline: number[];
  during: number[];
  pullErrors: number;
  inDb: number;
  load: string;
};

async function runOn(
  s: Size,
  file: string,
  env: Record<string, string>,
  count: () => Promise<number>,
): Promise<Figures> {
  const server = await startServer(env);
  try {
    const api = `${server.base}/api/v1`;
    const staff = await json<{ token: string }>(
      await fetch(`${api}/insurer/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'minato-staff', password: 'staff-pass-1' }),
      }),
    );
    // The tablet of an office of the other insurer, which no upload touches: its pulls must not wait.
    const tablet = await json<SignInResponse>(
      await fetch(`${api}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ officeCode: 'DEMO-2', accessCode: 'demo-pass-2' }),
      }),
    );
    let cursor = '0';
    for (let page = 0; page < 100; page++) {
      const res = await json<PullResponse>(
        await fetch(`${api}/sync/pull?cursor=${cursor}&limit=1000`, {
          headers: { authorization: `Bearer ${tablet.token}` },
        }),
      );
      cursor = res.cursor;
      if (!res.hasMore) break;
    }
    let pullErrors = 0;
    const pullOnce = async (): Promise<number> => {
      const t0 = performance.now();
      // One retry: a keep-alive connection the busy server closed as idle just as the pull went out
      // resets (ECONNRESET), which is the client's race, not a refused pull; a second failure counts.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const res = await fetch(`${api}/sync/pull?cursor=${cursor}&limit=1000`, {
            headers: { authorization: `Bearer ${tablet.token}` },
          });
          await res.arrayBuffer();
          if (!res.ok) pullErrors += 1;
          break;
        } catch {
          if (attempt === 1) pullErrors += 1;
        }
      }
      return performance.now() - t0;
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const baseline: number[] = [];
    for (let i = 0; i < BASELINE_PULLS; i++) {
      baseline.push(await pullOnce());
      await sleep(PULL_EVERY_MS);
    }
    const rssBeforeMb = procKb(server.pid, 'VmRSS') / 1024;

    const during: number[] = [];
    let publishing = true;
    const puller = (async () => {
      while (publishing) {
        during.push(await pullOnce());
        await sleep(PULL_EVERY_MS);
      }
    })();
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const started = performance.now();
    let items = 0;
    let uploads = 0;
    let cliPeakMb = Number.NaN;
    try {
      // The month as one file through the CLI, as the insurer's system would send it: the CLI
      // reads it as a stream and sends it in parts of whole offices (scripts/insurer-csv-parts.ts).
      const cli = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/insurer-cli.ts', 'publish', file, '--period', '2026-11', '--title', TITLE],
        {
          cwd: repoRoot,
          env: { ...process.env, INSURER_API: server.base, INSURER_TOKEN: staff.token },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      cli.stdout?.setEncoding('utf8').on('data', (text: string) => {
        out += text;
      });
      cli.stderr?.setEncoding('utf8').on('data', (text: string) => {
        for (const line of text.split('\n')) {
          if (/^\s+[\d,]+ of [\d,]+ rows/.test(line)) {
            uploads += 1;
            if (uploads % 5 === 0)
              console.error(
                `${line} in ${((performance.now() - started) / 1000).toFixed(0)} s, server RSS ${(procKb(server.pid, 'VmRSS') / 1024).toFixed(0)} MB`,
              );
          } else if (line.trim() !== '') console.error(line);
          const peak = line.match(/peak memory (\d+) MB/);
          if (peak) cliPeakMb = Number(peak[1]);
        }
      });
      const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
      if (code !== 0) throw new Error(`the CLI exited with ${code}`);
      const answer = JSON.parse(out) as PublishResponse;
      items = answer.offices.reduce((n, o) => n + o.items, 0);
      if (items !== s.items) throw new Error(`${items} of ${s.items} rows published`);
    } finally {
      publishing = false;
      await puller;
    }
    const seconds = (performance.now() - started) / 1000;
    const rssPeakMb = procKb(server.pid, 'VmHWM') / 1024;
    return {
      items,
      uploads,
      seconds,
      rssBeforeMb,
      rssPeakMb,
      cliPeakMb,
      baseline,
      during,
      pullErrors,
      inDb: await count(),
      load,
    };
  } finally {
    await server.stop();
  }
}

const ms = (samples: number[], p: number) => `${percentile(samples, p).toFixed(0)} ms`;

function table(kind: string, s: Size, f: Figures, bytes: number): string[] {
  return [
    `| ${kind} | ${f.items.toLocaleString('en')} items, ${s.offices.toLocaleString('en')} offices: one ${(bytes / 2 ** 20).toFixed(0)} MiB file, ${f.uploads} parts | ${f.inDb.toLocaleString('en')} | ${f.seconds.toFixed(1)} s | ${Math.round(f.items / f.seconds).toLocaleString('en')} items/s | ${f.rssBeforeMb.toFixed(0)} → ${f.rssPeakMb.toFixed(0)} MB | ${f.cliPeakMb.toFixed(0)} MB | ${ms(f.baseline, 50)} / ${ms(f.baseline, 99)} | ${ms(f.during, 50)} / ${ms(f.during, 99)} (${f.during.length} pulls, ${f.pullErrors} errors) | ${f.load} |`,
  ];
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  const notes: string[] = [];
  const itemsOn = (db: Database) => async () => {
    const found = await db.query<{ n: number }>(
      `select count(*)::int as n from recall_items i join offices o on o.id = i.office_id where o.code like 'B%'`,
    );
    return found.rows[0]?.n ?? 0;
  };
  const sized = (s: Size) =>
    `${s.items.toLocaleString('en')} items (${s.perOffice} an office, uploads of ${(s.officesPerUpload * s.perOffice).toLocaleString('en')} rows)`;

  if (DATABASES.includes('pglite')) {
    // PGlite on disk: prepared here, then opened by the server process (an in-memory one could not be shared).
    const dir = mkdtempSync(join(tmpdir(), 'recall-publish-bench-'));
    try {
      const db = await openPglite(join(dir, 'db'));
      await prepare(db, PGLITE_SIZE);
      await db.close();
      const file = join(dir, 'month.csv');
      const bytes = await writeMonth(PGLITE_SIZE, file);
      const figures = await runOn(PGLITE_SIZE, file, { DATA_DIR: join(dir, 'db') }, async () => {
        const after = await openPglite(join(dir, 'db'));
        try {
          return await itemsOn(after)();
        } finally {
          await after.close();
        }
      });
      console.log(`PGlite: ${figures.seconds.toFixed(1)} s`);
      rows.push(...table('PGlite (on disk)', PGLITE_SIZE, figures, bytes));
      if (PGLITE_SIZE.items < 1_000_000)
        notes.push(
          `PGlite published ${sized(PGLITE_SIZE)}, not the whole month (BENCH_PUBLISH_PGLITE_ITEMS=1000000 BENCH_PUBLISH_PGLITE_OFFICES=10000, the default): at its rate the month takes ${((1_000_000 / figures.items) * figures.seconds).toFixed(0)} s.`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (DATABASES.includes('postgres') && !pgUrl)
    notes.push('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).');
  if (DATABASES.includes('postgres') && pgUrl) {
    const scratch = await createScratchDatabase(pgUrl, 'recall_publish_bench');
    const dir = mkdtempSync(join(tmpdir(), 'recall-publish-bench-'));
    try {
      const file = join(dir, 'month.csv');
      const bytes = await writeMonth(PG_SIZE, file);
      const db = await openPostgres(scratch.url, { max: 2 });
      try {
        await prepare(db, PG_SIZE);
        const figures = await runOn(PG_SIZE, file, { DATABASE_URL: scratch.url }, itemsOn(db));
        console.log(`PostgreSQL: ${figures.seconds.toFixed(1)} s`);
        rows.push(...table('PostgreSQL (pool of 10)', PG_SIZE, figures, bytes));
        if (PG_SIZE.items < 1_000_000)
          notes.push(
            `PostgreSQL published ${sized(PG_SIZE)}, not the whole month (BENCH_PUBLISH_ITEMS=1000000 BENCH_PUBLISH_OFFICES=10000, the default).`,
          );
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    }
  }

  return [
    'The issue’s month: 1,000,000 items across 10,000 enrolled offices (100 an office), written as the insurer’s one',
    'CSV file and sent with the CLI (`npm run insurer -- publish month.csv`), which reads it as a stream and sends',
    'parts of at most 20,000 rows (200 whole offices) one after another, to the server in its own process. Time is',
    'the CLI’s, from start to exit. Peak RSS: the server process’s VmHWM, the CLI’s maxRSS. Pulls: an office of the',
    'other insurer pulls its changes every',
    `${PULL_EVERY_MS} ms, ${BASELINE_PULLS} times before the publish (idle) and throughout it. Re-run with`,
    '`npx tsx scripts/bench.ts insurer-publish` (PostgreSQL at BENCH_DATABASE_URL or TEST_DATABASE_URL); sizes:',
    'BENCH_PUBLISH_ITEMS / BENCH_PUBLISH_OFFICES (PostgreSQL, default 1000000 / 10000),',
    'BENCH_PUBLISH_PGLITE_ITEMS / BENCH_PUBLISH_PGLITE_OFFICES (PGlite, default 1000000 / 10000),',
    'BENCH_PUBLISH_DATABASES=pglite,postgres (default both).',
    '',
    '| Database | Published | Items in the database | Time | Rate | Server RSS before → peak | CLI peak RSS | Pull p50 / p99 idle | Pull p50 / p99 while publishing | Load average (1/5/15 min) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}
