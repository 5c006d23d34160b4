import { randomUUID } from 'node:crypto';
import type { Mutation, PullResponse, SignInResponse } from '../../src/api/schemas';
import { percentile } from '../bench-helpers/percentiles';
import { startRealServer } from '../bench-helpers/real-server';

/**
 * Issue 18: the cost of a change must not grow with the item's history, and one office's large push
 * must not hold another office's requests. The real server (`tsx server/main.ts`, in-memory PGlite,
 * demo data) in its own process:
 * 1. 10,000 changes to ONE item in pushes of 100 (return, reopen, return, …, each later than the
 *    last): the time per change of each push, from a fresh item to 10,000 changes.
 * 2. DEMO-2 pulls its first page again and again (one at a time) while DEMO-1 pushes 500 changes to
 *    500 items; the pull's latency during the push against the same pulls when all is quiet.
 * Before issue 18 (its figures): 7.7 ms per change on a fresh item, 68 ms at 4,000 changes; another
 * office's pull waited up to 12.6 s behind four such pushes.
 */
export const title = 'Push cost per change and another office during a large push (PGlite)';

const PORT = Number(process.env.BENCH_PUSH_PORT ?? 4321);
const HISTORY = 10_000;
const BATCH = 500;
const HISTORY_BATCH = 100;

type Client = { base: string; token: string };

async function signIn(base: string, officeCode: string, accessCode: string): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ officeCode, accessCode }),
  });
  if (!res.ok) throw new Error(`sign-in ${officeCode}: HTTP ${res.status}`);
  return { base, token: ((await res.json()) as SignInResponse).token };
}

async function pull(c: Client, query = ''): Promise<PullResponse> {
  const res = await fetch(`${c.base}/api/v1/sync/pull${query}`, { headers: { authorization: `Bearer ${c.token}` } });
  if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
  return (await res.json()) as PullResponse;
}

async function push(c: Client, mutations: Mutation[]): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${c.base}/api/v1/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: randomUUID(), mutations }),
  });
  const body = (await res.json()) as { results?: { status: string }[] };
  if (!res.ok || body.results?.some((r) => r.status !== 'applied')) throw new Error(`push: HTTP ${res.status}`);
  return performance.now() - started;
}

const base = Date.parse('2026-11-20T00:00:00Z');
function change(itemId: string, n: number): Mutation {
  const at = new Date(base + n * 1000).toISOString();
  return n % 2 === 0
    ? { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } }
    : { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } };
}

export async function run(): Promise<string> {
  const server = await startRealServer(PORT);
  try {
    const one = await signIn(server.base, 'DEMO-1', 'demo-pass-1');
    const other = await signIn(server.base, 'DEMO-2', 'demo-pass-2');
    const items = (await pull(one, '?limit=1000')).items.filter((i) => i.status === 'to_collect' && !i.withdrawn);
    const [hot] = items;
    if (!hot || items.length < 2) throw new Error(`DEMO-1 has only ${items.length} open items`);
    const others = items.slice(1);
    // 500 changes over DEMO-1's other open items, each later than the last.
    const spreadFrom = (from: number) =>
      Array.from({ length: BATCH }, (_, k) =>
        change((others[k % others.length] as (typeof others)[number]).id, from + k),
      );

    const f = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);
    // 1. One item, 10,000 changes, in pushes of 100 so each stretch of history has several samples.
    const perChange: { after: number; ms: number }[] = [];
    for (let done = 0; done < HISTORY; done += HISTORY_BATCH) {
      const batch = Array.from({ length: HISTORY_BATCH }, (_, k) => change(hot.id, done + k));
      perChange.push({ after: done, ms: (await push(one, batch)) / HISTORY_BATCH });
    }
    const windows = [0, 2_000, 5_000, 9_500].map((from) => {
      const samples = perChange.filter((p) => p.after >= from && p.after < from + 500).map((p) => p.ms);
      return { from, min: Math.min(...samples), median: percentile(samples, 50) };
    });

    // 2. Another office's pull, quiet and during a 500-change push.
    const pullTimes = async (until: () => boolean, min: number) => {
      const times: number[] = [];
      while (!until() || times.length < min) {
        const started = performance.now();
        await pull(other, '?limit=200');
        times.push(performance.now() - started);
      }
      return times;
    };
    const quiet = await pullTimes(() => true, 50);
    let pushDone = false;
    const pushing = push(one, spreadFrom(HISTORY)).then((ms) => {
      pushDone = true;
      return ms;
    });
    const during = await pullTimes(() => pushDone, 1);
    const pushMs = await pushing;
    const health = async () => {
      const started = performance.now();
      await fetch(`${server.base}/api/v1/health`);
      return performance.now() - started;
    };
    // /health during another such push (not a database request: it shows the event loop alone).
    let secondDone = false;
    const second = push(one, spreadFrom(HISTORY + BATCH)).then(() => {
      secondDone = true;
    });
    const healthTimes: number[] = [];
    while (!secondDone) healthTimes.push(await health());
    await second;

    return [
      `One item, ${HISTORY.toLocaleString('en')} changes in pushes of ${HISTORY_BATCH} (return and reopen in turn, each later than the last); per stretch of 500 changes, the fastest and the median push (the fastest is the least disturbed by other load on the machine):`,
      '',
      '| changes already on the item | fastest ms per change | median ms per change |',
      '| --- | --- | --- |',
      ...windows.map(
        (w) =>
          `| ${w.from.toLocaleString('en')}–${(w.from + 500).toLocaleString('en')} | ${f(w.min)} | ${f(w.median)} |`,
      ),
      '',
      `DEMO-2 pulling a 200-item page while DEMO-1 pushes ${BATCH} changes to its ${others.length} other open items (push took ${f(pushMs)} ms):`,
      '',
      '| pull of another office | n | p50 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- |',
      `| quiet | ${quiet.length} | ${f(percentile(quiet, 50))} | ${f(percentile(quiet, 99))} | ${f(Math.max(...quiet))} |`,
      `| during the push | ${during.length} | ${f(percentile(during, 50))} | ${f(percentile(during, 99))} | ${f(Math.max(...during))} |`,
      `| /health during another such push | ${healthTimes.length} | ${f(percentile(healthTimes, 50))} | ${f(percentile(healthTimes, 99))} | ${f(Math.max(...healthTimes))} |`,
    ].join('\n');
  } finally {
    await server.stop();
  }
}
