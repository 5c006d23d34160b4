import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

/**
 * The insurer's batch client for the staff routes (/api/v1/insurer/...), for use from the insurer's
 * own systems:
 *
 *   npm run insurer -- sign-in --login minato-staff          (password from INSURER_PASSWORD; prints a token)
 *   npm run insurer -- publish rows.json [--key upload-2026-11-001]
 *   npm run insurer -- publish file.csv --period 2026-11 --title 2026年11月分 [--key …]
 *        (the monthly file as it is, UTF-8 or Shift_JIS, with an office column: docs/formats.md)
 *   npm run insurer -- enrol --code MINATO-42 --symbol 01-イロハ --number 12345 --name 株式会社… --address 東京都…
 *   npm run insurer -- rotate MINATO-42 | disable MINATO-42 | offices
 *   npm run insurer -- summary [--period 2026-11] [--csv out.csv]
 *   npm run insurer -- reports MINATO-42 [--period 2026-11]
 *   npm run insurer -- envelope MINATO-42 <reportId> --count 12
 *
 * INSURER_API (default http://localhost:8080) names the server; INSURER_TOKEN carries the staff token
 * (never a command-line argument, which other users of the machine can read in the process list).
 * A problem answer (e.g. 422 rows_invalid) is printed with its row paths, and the exit code is 1.
 */

const base = (process.env.INSURER_API ?? 'http://localhost:8080').replace(/\/$/, '');

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = process.env.INSURER_TOKEN;
  const bytes = body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : null;
  const res = await fetch(`${base}/api/v1/insurer${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': bytes ? 'text/csv' : 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: bytes ?? (typeof body === 'string' ? body : JSON.stringify(body)) }),
  });
  if (res.status >= 400) {
    const text = await res.text();
    let message = text;
    try {
      const problem = JSON.parse(text) as {
        code?: string;
        title?: string;
        errors?: { path: string; message: string; line?: number }[];
      };
      message = [
        `${res.status} ${problem.code}: ${problem.title}`,
        ...(problem.errors ?? []).map(
          (e) => `  ${e.line === undefined ? '' : `line ${e.line} `}${e.path}: ${e.message}`,
        ),
      ].join('\n');
    } catch {}
    console.error(message);
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
      // Bytes, not text: a Shift_JIS file must reach the server undecoded (it detects the encoding).
      const bytes = new Uint8Array(await readFile(file));
      const query = new URLSearchParams({
        period: need(values.period, '--period'),
        title: need(values.title, '--title'),
      });
      await print(await call('POST', `/publish?${query}`, bytes, headers));
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
  default:
    console.error('commands: sign-in, sign-out, publish, enrol, offices, rotate, disable, summary, reports, envelope');
    process.exit(2);
}
