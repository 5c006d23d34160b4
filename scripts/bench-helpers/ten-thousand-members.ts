import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { createApp } from '../../server/app';
import { migrate } from '../../server/db/migrate';
import { openPglite } from '../../server/db/pglite';
import { seedDemo } from '../../server/seed/insert-demo';
import { CHROMIUM_LAUNCH } from '../../tests/chromium';
import { buildAppOnce } from './app-build';
import { signInWithPasscode, unlock } from './sign-in';

const SURNAMES = ['髙橋', '山﨑', '齋藤', '渡邊', '佐藤', '鈴木', '田中', '伊藤', '中村', '小林', '吉野', '松本'];
const SURNAME_KANA = [
  'タカハシ',
  'ヤマサキ',
  'サイトウ',
  'ワタナベ',
  'サトウ',
  'スズキ',
  'タナカ',
  'イトウ',
  'ナカムラ',
  'コバヤシ',
  'ヨシノ',
  'マツモト',
];
const GIVEN = ['一郎', '花子', '健', '美咲', '翔太', '陽菜', '大輔', '結衣'];
const GIVEN_KANA = ['イチロウ', 'ハナコ', 'ケン', 'ミサキ', 'ショウタ', 'ヒナ', 'ダイスケ', 'ユイ'];

/** A recall list of `rows` members (one item each, distinct 記号・番号・枝番), as a Shift_JIS CSV file. */
export function recallCsv(dir: string, rows: number): string {
  const lines = recallLines(rows);
  return writeShiftJis(dir, lines);
}

/** The CSV lines of that list; `firstIssueNo` keeps two lists' 発行No. apart. */
export function recallLines(rows: number, firstIssueNo = 2_000_000_000): string[] {
  const lines = [
    '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限',
  ];
  for (let i = 0; i < rows; i++) {
    const s = i % SURNAMES.length;
    const g = (i * 7) % GIVEN.length;
    const branch = String(i % 3).padStart(2, '0');
    lines.push(
      [
        String(firstIssueNo + i),
        '7001',
        String(1000 + Math.floor(i / 3)),
        branch,
        `${SURNAMES[s]} ${GIVEN[g]}`,
        `${SURNAME_KANA[s]} ${GIVEN_KANA[g]}`,
        '1985-04-01',
        i % 2 ? '女' : '男',
        branch === '00' ? '本人' : '家族',
        `${SURNAMES[s]} 一郎`,
        '資格確認書',
        'マイナ保険証取得',
        '',
        '2025-11-01',
        '2030-11-30',
        '2026-12-01',
      ].join(','),
    );
  }
  return lines;
}

function writeShiftJis(dir: string, lines: string[]): string {
  const utf8 = join(dir, 'list-utf8.csv');
  const sjis = join(dir, 'list-sjis.csv');
  writeFileSync(utf8, `${lines.join('\r\n')}\r\n`);
  writeFileSync(sjis, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP932', utf8], { maxBuffer: 64 * 1024 * 1024 }));
  return sjis;
}

/** The built app against the real server, in a signed-in Chromium page; `dir` is the run's scratch folder. */
export type SignedIn = { page: Page; context: BrowserContext; base: string; dir: string; close(): Promise<void> };

/**
 * The one start-up every screen bench shares: a fresh production build (once per run), the real server
 * (fresh PGlite, demo office) serving it, Chromium with a profile on disk, and the demo office signed
 * in with the bench passcode. A profile on disk, as the clerk's browser has: an incognito context keeps
 * IndexedDB in memory, which in Chromium 150 writes 3-4× slower than on disk and slows down as it fills
 * (measured).
 */
export async function openSignedIn(): Promise<SignedIn> {
  buildAppOnce();
  const dir = mkdtempSync(join(tmpdir(), 'bench-screen-'));
  const db = await openPglite();
  await migrate(db);
  await seedDemo(db);
  const server = serve({ fetch: createApp({ db, staticDir: 'dist' }).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    ...CHROMIUM_LAUNCH,
    args: [...(CHROMIUM_LAUNCH.args ?? []), '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 800 },
    locale: 'ja-JP',
  });
  const close = async () => {
    await context.close();
    server.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const page = await context.newPage();
    await signInWithPasscode(page, base);
    return { page, context, base, dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type TenThousand = SignedIn & { listId: string };

/**
 * openSignedIn with a 10,000-member list imported through the import screen as a clerk does, and
 * moved into `items`.
 */
export async function openWithMembers(rows = 10_000): Promise<TenThousand> {
  const app = await openSignedIn();
  const { page, base } = app;
  try {
    const csv = recallCsv(app.dir, rows);
    await page.goto(`${base}/import`);
    await unlock(page);
    await page.getByLabel('CSVファイル').setInputFiles(csv);
    await page.getByRole('button', { name: `${rows} 件を取り込む` }).click();
    const open = page.getByRole('link', { name: '取り込んだリストを開く' });
    await open.waitFor({ timeout: 120_000 });
    const listId = ((await open.getAttribute('href')) ?? '').split('/').pop() ?? '';
    // Every screen reads `items`: wait for the journal's move into it.
    await page.waitForFunction(
      (count) =>
        new Promise<boolean>((resolve) => {
          const request = indexedDB.open('recall');
          request.onsuccess = () => {
            const connection = request.result;
            const counted = connection.transaction('items').objectStore('items').count();
            counted.onsuccess = () => {
              connection.close();
              resolve(counted.result >= count);
            };
          };
          request.onerror = () => resolve(false);
        }),
      rows,
      { timeout: 120_000, polling: 500 },
    );
    return { ...app, listId };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** JS heap after a full GC, in MB. */
export async function heapAfterGc(page: Page): Promise<number> {
  // What the screen holds, not what the sync is moving: wait (up to 30 s) until the outbox is empty,
  // then take the lowest of three readings a second apart, each after a full GC. A single reading
  // right after a 10,000-row import varied 35–68 MB between runs (a list's pages in flight).
  await page
    .waitForFunction(
      (none) => document.querySelector('[data-testid="pending-count"]')?.textContent?.trim() === none,
      PENDING_NONE,
      { timeout: 30_000 },
    )
    .catch(() => undefined);
  const cdp = await page.context().newCDPSession(page);
  let lowest = Number.POSITIVE_INFINITY;
  for (let reading = 0; reading < 3; reading++) {
    if (reading > 0) await page.waitForTimeout(1_000);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    lowest = Math.min(lowest, heap.usedSize);
  }
  await cdp.detach();
  return lowest / 1024 / 1024;
}

/** The status bar's words for an empty outbox (locales/ja.json status.pendingNone). */
const PENDING_NONE = '未送信の変更はありません';

/**
 * Opens a screen `times` times the way a clerk does: from another screen (`from`, which also waits
 * until that screen is there), a settle of 300 ms, then `act` timed until `ready` (timeInPage).
 * Prints each round as `label n: …`. Returns the times and the longest task of each round.
 */
export async function timeOpens(
  page: Page,
  options: { times: number; from: () => Promise<unknown>; act: string; ready: string; label?: string },
): Promise<{ ms: number[]; longestTasks: number[] }> {
  const ms: number[] = [];
  const longestTasks: number[] = [];
  for (let i = 0; i < options.times; i++) {
    await options.from();
    await page.waitForTimeout(300);
    const round = await timeInPage(page, options.act, options.ready);
    ms.push(round.ms);
    longestTasks.push(round.longestTask);
    console.log(
      `${options.label ?? 'open'} ${i + 1}: ${round.ms.toFixed(0)} ms, longest task ${round.longestTask.toFixed(0)} ms`,
    );
  }
  return { ms, longestTasks };
}

/**
 * In the page: run `act` (source text of a statement), then wait until `done` (source text of an
 * expression) holds, then until the frame is painted and a task posted after it runs (the screen
 * answers input). Returns the milliseconds from just before `act`, and the longest task in between.
 * Source text, not functions: tsx would wrap named functions in a helper the page lacks.
 */
export async function timeInPage(page: Page, act: string, done: string): Promise<{ ms: number; longestTask: number }> {
  return page.evaluate(`
    (async () => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const start = performance.now();
      ${act};
      const deadline = start + 600000;
      while (!(${done})) {
        if (performance.now() > deadline) throw new Error('timed out waiting for ' + ${JSON.stringify(done)});
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      await new Promise((resolve) => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
        channel.port2.postMessage(null);
      }));
      const ms = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 0));
      observer.disconnect();
      return { ms, longestTask: Math.max(0, ...longTasks) };
    })()
  `) as Promise<{ ms: number; longestTask: number }>;
}

/**
 * Marks the list's items straight in IndexedDB, in the store's order: the first `returned` as
 * returned by hand today, the next `unreturnable` as unreturnable (lost and uncollectable in turn,
 * with a reason), the rest left to collect; then reloads and unlocks, so every screen reads them
 * afresh. Only the collection fields change (they are not sealed); the outbox and the audit trail
 * are bypassed: this stands in for weeks of ticking, not for a tick.
 */
export async function markCollected(
  app: TenThousand,
  counts: { returned: number; unreturnable: number },
): Promise<void> {
  await app.page.evaluate(
    ({ listId, returned, unreturnable }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('recall');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const connection = request.result;
          const tx = connection.transaction('items', 'readwrite');
          const now = new Date().toISOString();
          let index = 0;
          const cursor = tx.objectStore('items').openCursor();
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            const item = at.value as Record<string, unknown>;
            if (item.listId === listId) {
              const base = { returnedAt: null, returnMethod: null, unreturnableKind: null, unreturnableReason: null };
              if (index < returned)
                at.update({
                  ...item,
                  ...base,
                  status: 'returned',
                  returnedAt: now,
                  returnMethod: 'hand',
                  statusChangedAt: now,
                });
              else if (index < returned + unreturnable)
                at.update({
                  ...item,
                  ...base,
                  status: 'unreturnable',
                  unreturnableKind: index % 2 ? 'lost' : 'uncollectable',
                  unreturnableReason: index % 2 ? '自宅で紛失' : '連絡がとれない',
                  statusChangedAt: now,
                });
              index += 1;
            }
            at.continue();
          };
          tx.oncomplete = () => {
            connection.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { listId: app.listId, ...counts },
  );
  await app.page.goto(`${app.base}/`);
  await unlock(app.page);
  await app.page.locator('.list-card').first().waitFor({ timeout: 120_000 });
}

/** Source text for timeInPage: clicks the main menu's link with that text. */
export const clickNavLink = (name: string) =>
  `[...document.querySelectorAll('nav a')].find((a) => a.textContent.trim() === ${JSON.stringify(name)}).click()`;

/**
 * Unlocks the app if it locked itself (its idle lock counts only real input; a bench's in-page clicks
 * are not), so a phase starts on the screen it means to measure.
 */
export async function unlockIfLocked(page: Page): Promise<void> {
  if (await page.getByRole('button', { name: 'ロックを解除する' }).isVisible()) {
    await unlock(page);
    await page.getByRole('navigation', { name: 'メニュー' }).waitFor();
  }
}
