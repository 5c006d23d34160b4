import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MAX_PUBLISH_BODY_BYTES } from '../server/insurer/routes';
import { PUBLISH_ROWS_MAX } from '../src/api/insurer-schemas';
import { CsvSplitError, csvParts, planCsvFile } from './insurer-csv-parts';

/**
 * The insurer's batch client for the staff routes (/api/v1/insurer/...), for use from the insurer's
 * own systems:
 *
 *   npm run insurer -- sign-in --login minato-staff          (password from INSURER_PASSWORD; prints a token)
 *   npm run insurer -- publish rows.json [--key upload-2026-11-001]
 *   npm run insurer -- publish file.csv --period 2026-11 --title 2026年11月分 [--key …]
 *        (the monthly file as it is, UTF-8 or Shift_JIS, with an office column: docs/formats.md;
 *        a file of more than 20,000 rows goes as parts of whole offices, read as a stream, so it
 *        must list each office's rows together: scripts/insurer-csv-parts.ts)
 *   npm run insurer -- enrol --code MINATO-42 --symbol 01-イロハ --number 12345 --name 株式会社… --address 東京都…
 *   npm run insurer -- rotate MINATO-42 | disable MINATO-42 | offices
 *   npm run insurer -- summary [--period 2026-11] [--csv out.csv]
 *   npm run insurer -- reports MINATO-42 [--period 2026-11]
 *   npm run insurer -- envelope MINATO-42 <reportId> --count 12
 *   npm run insurer -- mappings | map answers.json   (the insurer's own wordings, answered once:
 *        {"answers":[{"field":"reason","key":"扶養はずれ","value":"lost_eligibility"}]}; docs/decisions/032)
 *
 * INSURER_API (default http://localhost:8080) names the server; INSURER_TOKEN carries the staff token
 * (never a command-line argument, which other users of the machine can read in the process list).
 * A problem answer (e.g. 422 rows_invalid) is printed with its row paths, and the exit code is 1.
 */

const base = (process.env.INSURER_API ?? 'http://localhost:8080').replace(/\/$/, '');

type Translate = { line(line: number): number; path(path: string): string };

/** A problem answer as lines for the terminal; `translate` names a part's lines and rows as the file's. */
function problemText(status: number, text: string, translate?: Translate): string {
  try {
    const problem = JSON.parse(text) as {
      code?: string;
      title?: string;
      errors?: { path: string; message: string; line?: number }[];
    };
    return [
      `${status} ${problem.code}: ${problem.title}`,
      ...(problem.errors ?? []).map((e) => {
        const line = e.line === undefined ? undefined : (translate?.line(e.line) ?? e.line);
        return `  ${line === undefined ? '' : `line ${line} `}${translate?.path(e.path) ?? e.path}: ${e.message}`;
      }),
    ].join('\n');
  } catch {
    return text;
  }
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = process.env.INSURER_TOKEN;
  const bytes = body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : null;
  return fetch(`${base}/api/v1/insurer${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': bytes ? 'text/csv' : 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: bytes ?? (typeof body === 'string' ? body : JSON.stringify(body)) }),
  });
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await send(method, path, body, headers);
  if (res.status >= 400) {
    console.error(problemText(res.status, await res.text()));
    process.exit(1);
  }
  return res;
}

const print = async (res: Response) => {
  if (res.status !== 204) console.log(JSON.stringify(await res.json(), null, 2));
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    login: { type: 'string' },
    key: { type: 'string' },
    code: { type: 'string' },
    symbol: { type: 'string' },
    number: { type: 'string' },
    name: { type: 'string' },
    address: { type: 'string' },
    period: { type: 'string' },
    csv: { type: 'string' },
    count: { type: 'string' },
    title: { type: 'string' },
  },
});
const [command, ...args] = positionals;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') {
    console.error(`missing ${what} (see the comment at the top of scripts/insurer-cli.ts)`);
    process.exit(2);
  }
  return value;
}

switch (command) {
  case 'sign-in': {
    const password = need(process.env.INSURER_PASSWORD, 'INSURER_PASSWORD');
    const res = await call('POST', '/auth/sign-in', { login: need(values.login, '--login'), password });
    const session = (await res.json()) as { token: string; expiresAt: string };
    console.error(`signed in until ${session.expiresAt}; export INSURER_TOKEN=<the line below>`);
    console.log(session.token);
    break;
  }
  case 'sign-out':
    await call('POST', '/auth/sign-out');
    break;
  case 'publish': {
    // The file is sent as it is: the server validates every row and names the bad ones.
    const file = need(args[0], 'the file to publish');
    const headers: Record<string, string> = values.key ? { 'Idempotency-Key': values.key } : {};
    if (/\.csv$/i.test(file)) {
      const period = need(values.period, '--period');
      const title = need(values.title, '--title');
      const query = new URLSearchParams({ period, title });
      const plan = await planCsvFile(file, period, title).catch((error: unknown) => {
        if (!(error instanceof CsvSplitError)) throw error;
        console.error(`${file}: ${error.message}; nothing was sent`);
        return process.exit(1);
      });
      if (plan.rows <= PUBLISH_ROWS_MAX && (await stat(file)).size <= MAX_PUBLISH_BODY_BYTES) {
        // Bytes, not text: a Shift_JIS file must reach the server undecoded (it detects the encoding).
        await print(await call('POST', `/publish?${query}`, new Uint8Array(await readFile(file)), headers));
        break;
      }
      // Larger than one upload: parts of whole offices, one after another, all under one key, so
      // each office is published once whichever part carries it and a send cut short is completed
      // by sending the same file again (scripts/insurer-csv-parts.ts).
      const key = values.key ?? `csv-parts:${plan.digest}`;
      console.error(
        `${file}: ${plan.rows.toLocaleString('en')} rows of ${plan.offices.toLocaleString('en')} offices (${plan.encoding}), sent in parts of at most ${PUBLISH_ROWS_MAX.toLocaleString('en')} rows`,
      );
      const offices: unknown[][] = [];
      let uploadKey = '';
      let sent = 0;
      let failed = false;
      // Two parts in flight: the server checks the rows of one (its CPU) while its database writes
      // the other. Parts hold different offices, so they never wait for each other's locks.
      const inFlight = new Set<Promise<void>>();
      let index = 0;
      for await (const part of csvParts(file, plan, PUBLISH_ROWS_MAX)) {
        if (failed) break;
        const n = index++;
        const task = (async () => {
          const res = await send('POST', `/publish?${query}`, new TextEncoder().encode(part.body), {
            'Idempotency-Key': key,
          });
          if (res.status >= 400) {
            failed = true;
            console.error(
              problemText(res.status, await res.text(), {
                line: part.fileLine,
                path: (path) => path.replace(/^rows\.(\d+)/, (_, row: string) => `rows.${part.fileRow(Number(row))}`),
              }),
            );
            return;
          }
          const answer = (await res.json()) as { uploadKey: string; offices: unknown[] };
          uploadKey = answer.uploadKey;
          offices[n] = answer.offices;
          sent += part.rows;
          console.error(`  ${sent.toLocaleString('en')} of ${plan.rows.toLocaleString('en')} rows`);
        })();
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
        if (inFlight.size >= 2) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      if (failed) {
        console.error(
          `${sent.toLocaleString('en')} rows of other parts were published. Fix the file and send it again with --key ${key}: the offices already published are skipped.`,
        );
        process.exit(1);
      }
      // The file is never held whole: memory is one part (and the answer's office list).
      console.error(
        `${sent.toLocaleString('en')} rows sent; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
      console.log(JSON.stringify({ uploadKey, offices: offices.flat() }, null, 2));
    } else {
      await print(await call('POST', '/publish', await readFile(file, 'utf8'), headers));
    }
    break;
  }
  case 'enrol':
    await print(
      await call('POST', '/offices', {
        code: need(values.code, '--code'),
        officeSymbol: need(values.symbol, '--symbol'),
        officeNumber: need(values.number, '--number'),
        name: need(values.name, '--name'),
        address: need(values.address, '--address'),
      }),
    );
    break;
  case 'offices':
    await print(await call('GET', '/offices'));
    break;
  case 'rotate':
    await print(await call('POST', `/offices/${encodeURIComponent(need(args[0], 'the office code'))}/access-code`));
    break;
  case 'disable':
    await print(await call('POST', `/offices/${encodeURIComponent(need(args[0], 'the office code'))}/disable`));
    break;
  case 'summary': {
    const query = new URLSearchParams();
    if (values.period) query.set('period', values.period);
    if (values.csv) {
      query.set('format', 'csv');
      await writeFile(values.csv, await (await call('GET', `/summary?${query}`)).text());
      console.error(`written ${values.csv}`);
    } else await print(await call('GET', `/summary?${query}`));
    break;
  }
  case 'reports': {
    const query = values.period ? `?period=${encodeURIComponent(values.period)}` : '';
    await print(await call('GET', `/offices/${encodeURIComponent(need(args[0], 'the office code'))}/reports${query}`));
    break;
  }
  case 'envelope':
    await print(
      await call(
        'POST',
        `/offices/${encodeURIComponent(need(args[0], 'the office code'))}/reports/${encodeURIComponent(need(args[1], 'the report id'))}/envelope`,
        { count: Number(need(values.count, '--count')) },
      ),
    );
    break;
  case 'mappings':
    await print(await call('GET', '/value-mappings'));
    break;
  case 'map':
    await print(await call('PUT', '/value-mappings', await readFile(need(args[0], 'the answers file (JSON)'), 'utf8')));
    break;
  default:
    console.error(
      'commands: sign-in, sign-out, publish, enrol, offices, rotate, disable, summary, reports, envelope, mappings, map',
    );
    process.exit(2);
}
