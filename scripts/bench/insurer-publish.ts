import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
 * The insurer publishes its month (issue 20): ITEMS items across OFFICES offices, sent as the CSV an
 * insurer's system writes (the route's cap is 20,000 rows an upload, so the month goes as
 * ITEMS / 20,000 uploads one after another, as the CLI would send them). The server runs in its own
 * process (`server/main.ts`) so its peak RSS (VmHWM) is the server's alone; meanwhile a tablet of an
 * office the upload does not touch pulls every PULL_EVERY_MS, and its pull latency is compared with
 * the same pulls before the publish started. In-memory PGlite, then PostgreSQL at BENCH_DATABASE_URL
 * or TEST_DATABASE_URL when set.
 *
 * BENCH_PUBLISH_ITEMS / BENCH_PUBLISH_OFFICES size it. The month is 1,000,000 / 10,000; the
 * default is a tenth of it (100,000 items across 1,000 offices, the same 100 items an office) so that
 * the bench finishes in minutes on a shared machine: the cost is per office and per row, so the rate
 * and the pull latency measured here carry over, and the full size is one variable away.
 */
export const title = 'Insurer publish: a month’s lists across many offices, pulls meanwhile';

const ITEMS = Number(process.env.BENCH_PUBLISH_ITEMS ?? 100_000);
const OFFICES = Number(process.env.BENCH_PUBLISH_OFFICES ?? 1_000);
const PER_OFFICE = Math.max(1, Math.round(ITEMS / OFFICES));
const ROWS_PER_UPLOAD = 20_000;
const OFFICES_PER_UPLOAD = Math.max(1, Math.floor(ROWS_PER_UPLOAD / PER_OFFICE));
const PULL_EVERY_MS = 100;
const BASELINE_PULLS = 40;
const PORT = Number(process.env.BENCH_PUBLISH_PORT ?? 4396);

const HEADER =
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';
const officeCode = (o: number) => `B${String(o).padStart(5, '0')}`;

/** One upload: OFFICES_PER_UPLOAD offices from `firstOffice`, PER_OFFICE rows each (UTF-8 with a BOM). */
function uploadCsv(firstOffice: number): { body: string; rows: number } {
  const lines = [`\uFEFF${HEADER}`];
  for (let o = firstOffice; o < Math.min(firstOffice + OFFICES_PER_UPLOAD, OFFICES); o++) {
    const code = officeCode(o);
    for (let k = 0; k < PER_OFFICE; k++) {
      // A household of the insured person and one dependant every other row; both lose eligibility.
      const household = Math.floor(k / 2);
      const branch = k % 2 === 0 ? '00' : '01';
      const holder = `山田 太郎${household}`;
      const name = branch === '00' ? holder : `山田 花子${household}`;
      lines.push(
        `${code},P${o}-${k},${1000 + (o % 9000)},${household + 1},${branch},${name},ヤマダ タロウ,1980/4/1,${branch === '00' ? '男' : '女'},${branch === '00' ? '本人' : '家族'},${holder},資格喪失,2026/11/16,2025/12/2,`,
      );
    }
  }
  return { body: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}

async function prepare(db: Database) {
  await migrate(db);
  await seedDemo(db);
  // Enrolled straight in the database: 10,000 scrypt hashes through the enrol route would be the
  // bench's whole time, and enrolment is not what is measured. One hash serves every office.
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash, office_symbol, office_number, address, enrolled_at)
     select 'bo-' || g, 'ins-minato', 'B' || lpad(g::text, 5, '0'), 'ベンチ株式会社 ' || g, $1, '01-ベンチ', g::text,
            '東京都港区芝公園1-1-1', now()
       from generate_series(0, $2::int - 1) g`,
    [await hashAccessCode('bench-office-pass'), OFFICES],
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
  baseline: number[];
  during: number[];
  pullErrors: number;
  inDb: number;
  load: string;
};

async function runOn(env: Record<string, string>, count: () => Promise<number>): Promise<Figures> {
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
    try {
      for (let first = 0; first < OFFICES; first += OFFICES_PER_UPLOAD) {
        const { body, rows } = uploadCsv(first);
        const query = new URLSearchParams({ period: '2026-11', title: '2026年11月分 回収対象者一覧' });
        const answer = await json<PublishResponse>(
          await fetch(`${api}/insurer/publish?${query}`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', authorization: `Bearer ${staff.token}` },
            body,
          }),
        );
        const published = answer.offices.reduce((n, o) => n + o.items, 0);
        if (published !== rows) throw new Error(`upload at office ${first}: ${published} of ${rows} rows published`);
        items += published;
        uploads += 1;
        if (uploads % 5 === 0)
          console.error(
            `  ${items.toLocaleString('en')} items in ${((performance.now() - started) / 1000).toFixed(0)} s, server RSS ${(procKb(server.pid, 'VmRSS') / 1024).toFixed(0)} MB`,
          );
      }
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

function table(kind: string, f: Figures): string[] {
  return [
    `| ${kind} | ${f.items.toLocaleString('en')} items, ${OFFICES.toLocaleString('en')} offices, ${f.uploads} uploads | ${f.inDb.toLocaleString('en')} | ${f.seconds.toFixed(1)} s | ${Math.round(f.items / f.seconds).toLocaleString('en')} items/s | ${f.rssBeforeMb.toFixed(0)} → ${f.rssPeakMb.toFixed(0)} MB | ${ms(f.baseline, 50)} / ${ms(f.baseline, 99)} | ${ms(f.during, 50)} / ${ms(f.during, 99)} (${f.during.length} pulls, ${f.pullErrors} errors) | ${f.load} |`,
  ];
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  const itemsOn = (db: Database) => async () => {
    const found = await db.query<{ n: number }>(
      `select count(*)::int as n from recall_items i join offices o on o.id = i.office_id where o.code like 'B%'`,
    );
    return found.rows[0]?.n ?? 0;
  };

  // PGlite on disk: prepared here, then opened by the server process (an in-memory one could not be shared).
  const dir = mkdtempSync(join(tmpdir(), 'recall-publish-bench-'));
  try {
    const db = await openPglite(dir);
    await prepare(db);
    await db.close();
    const figures = await runOn({ DATA_DIR: dir }, async () => {
      const after = await openPglite(dir);
      try {
        return await itemsOn(after)();
      } finally {
        await after.close();
      }
    });
    console.log(`PGlite: ${figures.seconds.toFixed(1)} s`);
    rows.push(...table('PGlite (on disk)', figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let pgNote = 'PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).';
  if (pgUrl) {
    const scratch = await createScratchDatabase(pgUrl, 'recall_publish_bench');
    try {
      const db = await openPostgres(scratch.url, { max: 2 });
      try {
        await prepare(db);
        const figures = await runOn({ DATABASE_URL: scratch.url }, itemsOn(db));
        rows.push(...table('PostgreSQL (pool of 10)', figures));
        pgNote = '';
      } finally {
        await db.close();
      }
    } finally {
      await scratch.drop();
    }
  }

  const full = ITEMS >= 1_000_000 && OFFICES >= 10_000;
  return [
    ...(full
      ? []
      : [
          `Sized down from the issue’s 1,000,000 items across 10,000 offices (BENCH_PUBLISH_ITEMS=1000000 BENCH_PUBLISH_OFFICES=10000 for the full month); at the rate below the full month takes ${(1_000_000 / ITEMS).toFixed(0)}× as long.`,
          '',
        ]),
    `${ITEMS.toLocaleString('en')} items (${PER_OFFICE} per office) across ${OFFICES.toLocaleString('en')} enrolled offices,`,
    `sent as CSV uploads of ${OFFICES_PER_UPLOAD * PER_OFFICE} rows (${OFFICES_PER_UPLOAD} offices each) one after another, to the`,
    'server in its own process. Peak RSS is the server process’s VmHWM. Pulls: an office of the other insurer pulls',
    `its changes every ${PULL_EVERY_MS} ms, ${BASELINE_PULLS} times before the publish (idle) and throughout it.`,
    '',
    '| Database | Published | Items in the database | Time | Rate | Server RSS before → peak | Pull p50 / p99 idle | Pull p50 / p99 while publishing | Load average (1/5/15 min) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(pgNote ? ['', pgNote] : []),
  ].join('\n');
}
