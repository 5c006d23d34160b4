import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type { Mutation, PullResponse, SignInResponse } from '../../src/api/schemas';
import { PUSH_BATCH } from '../../src/sync/push';
import { CHROMIUM_LAUNCH } from '../../tests/chromium';
import { buildAppOnce } from '../bench-helpers/app-build';
import { startRealServer } from '../bench-helpers/real-server';
import { signInWithPasscode, unlock } from '../bench-helpers/sign-in';

/**
 * End-to-end sync of 10,000 pending changes: the built app in Chromium (its own Dexie database, sync
 * engine and triggers; nothing mocked) holds 10,000 outbox entries made offline; the network comes
 * back and the app pushes them to the real server (its own process, in-memory PGlite) on loopback
 * until its outbox is empty. Floors in the same run: the raw IndexedDB write of those 10,000 entries,
 * and the same 10,000 changes pushed straight from Node to a second fresh server in the app's batch
 * size (network + server apply, no client work).
 */
export const title = 'End-to-end sync of 10,000 pending changes (Chromium → real server)';

const COUNT = Number(process.env.BENCH_OUTBOX_COUNT ?? 10_000);
const PORT = Number(process.env.BENCH_OUTBOX_PORT ?? 4338);
const FLOOR_PORT = Number(process.env.BENCH_OUTBOX_FLOOR_PORT ?? 4339);
const PENDING_NONE = '未送信の変更はありません';

/** Ticks spread over the office's items, every tenth one undone: what a day's offline round leaves. */
function mutations(itemIds: string[]): Mutation[] {
  const base = Date.parse('2026-11-20T00:00:00.000Z');
  return Array.from({ length: COUNT }, (_, k): Mutation => {
    const itemId = itemIds[k % itemIds.length] as string;
    const at = new Date(base + k * 1_000).toISOString();
    return k % 10 === 9
      ? { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } }
      : { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  });
}

async function serverOnlyFloor(): Promise<{ ms: number; answers: string }> {
  const server = await startRealServer(FLOOR_PORT);
  try {
    const api = `${server.base}/api/v1`;
    const signIn = await fetch(`${api}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-1' }),
    });
    const { token } = (await signIn.json()) as SignInResponse;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const itemIds: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = (await (
        await fetch(`${api}/sync/pull?cursor=${cursor}&limit=1000`, { headers })
      ).json()) as PullResponse;
      // Withdrawn items are not on the tablet (the pull removes them), so the app never changes them.
      itemIds.push(...page.items.filter((item) => !item.withdrawn).map((item) => item.id));
      if (!page.hasMore) break;
      cursor = page.cursor;
    }
    // The same item for each change as in the app run, whose keys come from IndexedDB in order.
    const all = mutations(itemIds.sort());
    const deviceId = randomUUID();
    const answers = new Map<string, number>();
    const started = performance.now();
    for (let i = 0; i < all.length; i += PUSH_BATCH) {
      const response = await fetch(`${api}/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ deviceId, mutations: all.slice(i, i + PUSH_BATCH) }),
      });
      const { results } = (await response.json()) as { results: { status: string; reason?: string }[] };
      for (const result of results) {
        const answer = result.reason ? `${result.status} (${result.reason})` : result.status;
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
      }
    }
    return { ms: performance.now() - started, answers: [...answers].map(([k, v]) => `${v} ${k}`).join(', ') };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<string> {
  buildAppOnce();
  const server = await startRealServer(PORT);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  let client: {
    ms: number;
    rawWrite: number;
    items: number;
    left: number;
    idle: number;
    requests: number;
    byWorker: number;
  };
  try {
    const context = await browser.newContext({ locale: 'ja-JP', serviceWorkers: 'allow' });
    const page = await context.newPage();
    await signInWithPasscode(page, server.base);
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
    await page.getByTestId('pending-count').filter({ hasText: PENDING_NONE }).waitFor();

    // Offline, the outbox fills up: entries shaped as src/db/outbox.ts appends them.
    await context.setOffline(true);
    const itemIds = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('recall');
          open.onsuccess = () => {
            const request = open.result.transaction('items').objectStore('items').getAllKeys();
            request.onsuccess = () => {
              resolve(request.result as string[]);
              open.result.close();
            };
            request.onerror = () => reject(request.error);
          };
        }),
    );
    const entries = mutations(itemIds).map((mutation) => ({
      id: mutation.id,
      itemId: 'itemId' in mutation.payload ? mutation.payload.itemId : undefined,
      mutation,
      status: 'pending',
      attempts: 0,
    }));
    const rawWrite = await page.evaluate(
      (rows) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('recall');
          open.onsuccess = () => {
            const started = performance.now();
            const tx = open.result.transaction('outbox', 'readwrite');
            for (const row of rows) tx.objectStore('outbox').add(row);
            tx.oncomplete = () => {
              resolve(performance.now() - started);
              open.result.close();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      entries,
    );
    // The app reads its outbox afresh (Dexie does not see writes made behind its back).
    await page.reload();
    await unlock(page);
    await page
      .getByTestId('pending-count')
      .filter({ hasText: `${COUNT}` })
      .waitFor();

    // BENCH_OUTBOX_PROFILE=<file> writes a CPU profile of the page during the drain (.cpuprofile, opens
    // in Chromium's DevTools), to see where the client's share goes.
    const profiler = process.env.BENCH_OUTBOX_PROFILE ? await context.newCDPSession(page) : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    // Each push request's start and end (the page's network events), so that the time with none in
    // flight, the client's share, is measured rather than inferred from a floor measured separately.
    const pushes: { start: number; end?: number; fromWorker: boolean }[] = [];
    const opened = new Map<object, { start: number; end?: number; fromWorker: boolean }>();
    // The context's events, not the page's: the service worker's background sync may drain the outbox
    // instead of the page (whichever takes the sync lock first), and its requests are the context's.
    context.on('request', (r) => {
      if (!r.url().includes('/sync/push')) return;
      const push = { start: performance.now(), fromWorker: r.serviceWorker() !== null };
      pushes.push(push);
      opened.set(r, push);
    });
    const closed = (r: object) => {
      const push = opened.get(r);
      if (push) push.end = performance.now();
    };
    context.on('requestfinished', closed);
    context.on('requestfailed', closed);
    // BENCH_OUTBOX_TRACE=1 prints each push request's start and end (the client's gaps between them).
    const trace: string[] = [];
    if (process.env.BENCH_OUTBOX_TRACE) {
      context.on('request', (r) => {
        if (r.url().includes('/sync/'))
          trace.push(`${(performance.now() - started).toFixed(0)} start ${r.method()} ${new URL(r.url()).pathname}`);
      });
      context.on('requestfinished', (r) => {
        if (r.url().includes('/sync/'))
          trace.push(
            `${(performance.now() - started).toFixed(0)} end   ${new URL(r.url()).pathname} (server ${r.timing().responseStart.toFixed(0)} ms to first byte)`,
          );
      });
    }
    const started = performance.now();
    // BENCH_OUTBOX_PROGRESS=1 prints the unsent count every second (where does the time go?).
    const progress = process.env.BENCH_OUTBOX_PROGRESS
      ? setInterval(() => {
          void page
            .getByTestId('pending-count')
            .textContent()
            .then((text) => console.error(`${((performance.now() - started) / 1000).toFixed(1)} s: ${text}`))
            .catch(() => {});
        }, 1_000)
      : undefined;
    await context.setOffline(false);
    // Watched in the page (a MutationObserver): a locator's waitFor polls ever more slowly (every 500 ms
    // after the first second), which added up to half a second to the figure, and polling on every
    // animation frame took the page's main thread from the app.
    await page.evaluate(
      (none) =>
        new Promise<void>((resolve, reject) => {
          // No named functions here: tsx would wrap them in a helper the page does not have.
          const timer = setTimeout(() => reject(new Error('the outbox did not empty within 600 s')), 600_000);
          const observer = new MutationObserver(() => {
            if (document.querySelector('[data-testid="pending-count"]')?.textContent !== none) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          if (document.querySelector('[data-testid="pending-count"]')?.textContent === none) {
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          }
        }),
      PENDING_NONE,
    );
    const ms = performance.now() - started;
    clearInterval(progress);
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(process.env.BENCH_OUTBOX_PROFILE as string, JSON.stringify(profile));
    }
    if (trace.length > 0) console.error(trace.join('\n'));
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('recall');
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').count();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    // The time with no push in flight between the network coming back and the empty outbox showing.
    let inFlight = 0;
    let covered = started;
    for (const push of pushes) {
      const end = push.end ?? started + ms;
      if (end > covered) inFlight += end - Math.max(push.start, covered);
      covered = Math.max(covered, end);
    }
    client = {
      ms,
      rawWrite,
      items: itemIds.length,
      left,
      idle: ms - inFlight,
      requests: pushes.length,
      byWorker: pushes.filter((push) => push.fromWorker).length,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
  const floor = await serverOnlyFloor();

  return [
    `${COUNT.toLocaleString('en')} outbox entries over ${client.items} demo items (every tenth an undo), pushed by the app's sync engine in batches of ${PUSH_BATCH}; timed from the network coming back to the app showing no unsent changes.`,
    '',
    '| figure | time | changes/s |',
    '| --- | --- | --- |',
    `| **end-to-end: app outbox → server, until the outbox is empty** | **${(client.ms / 1000).toFixed(2)} s** | **${Math.round(COUNT / (client.ms / 1000))}** |`,
    `| of which no push request in flight (the client's share: outbox reads and writes, request bodies, screen updates; ${client.requests} requests, ${client.byWorker} of them by the service worker's background sync) | ${(client.idle / 1000).toFixed(2)} s | — |`,
    `| floor: the same pushes from Node to a fresh server, no client work | ${(floor.ms / 1000).toFixed(2)} s | ${Math.round(COUNT / (floor.ms / 1000))} |`,
    `| floor: raw IndexedDB write of the ${COUNT.toLocaleString('en')} entries, one transaction | ${(client.rawWrite / 1000).toFixed(2)} s | — |`,
    '',
    `End-to-end ÷ server-only floor: ${(client.ms / floor.ms).toFixed(2)}×. Entries left in the outbox afterwards (pending or rejected): ${client.left}. Server-only floor answers: ${floor.answers}.`,
  ].join('\n');
}
