import { median, percentile } from '../bench-helpers/percentiles';
import { unlock } from '../bench-helpers/sign-in';
import { heapAfterGc, openWithMembers, timeInPage } from '../bench-helpers/ten-thousand-members';

/**
 * The sync-issues panel with 10,000 refused changes (written straight into the outbox as the server's
 * refusals leave them, each about an item of a 10,000-item imported list), in Chromium against the
 * real server and the built app: the status bar's button → the panel painted, "show more" → painted,
 * and the JS heap. The panel has no filter or selection.
 */
export const title = 'Sync-issues panel with 10,000 refused changes (Chromium)';

const ISSUES = 10_000;
const OPENS = 5;
const f = (value: number) => `${value.toFixed(0)} ms`;
const issuesButton = `[...document.querySelectorAll('button')].find((b) => /^送れなかった変更 \\S+ 件$/.test(b.textContent.trim()))`;

export async function run(): Promise<string> {
  const app = await openWithMembers(ISSUES);
  const { page } = app;
  try {
    await page.evaluate(async (count) => {
      const connection = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('recall');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const itemIds = await new Promise<string[]>((resolve, reject) => {
        const request = connection.transaction('items').objectStore('items').getAllKeys();
        request.onsuccess = () => resolve(request.result as string[]);
        request.onerror = () => reject(request.error);
      });
      const tx = connection.transaction('outbox', 'readwrite');
      const store = tx.objectStore('outbox');
      for (let i = 0; i < count; i++) {
        const id = crypto.randomUUID();
        store.add({
          id,
          itemId: itemIds[i % itemIds.length],
          mutation: { id, type: 'item.returned', itemId: itemIds[i % itemIds.length], at: new Date().toISOString() },
          status: 'rejected',
          attempts: 1,
          reason: 'item_not_found',
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      connection.close();
    }, ISSUES);
    // Written behind Dexie's back, so no live query saw it: load again (every load starts locked).
    await page.reload();
    await unlock(page);
    await page.getByRole('button', { name: `送れなかった変更 ${ISSUES} 件` }).waitFor({ timeout: 120_000 });

    const opens: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const { ms, longestTask } = await timeInPage(
        page,
        `${issuesButton}.click()`,
        `document.querySelectorAll('.sync-issues li .actions button').length > 0`,
      );
      opens.push(ms);
      tasks.push(longestTask);
      console.log(`open ${i + 1}: ${f(ms)}, longest task ${f(longestTask)}`);
      const more = await timeInPage(
        page,
        `[...document.querySelectorAll('.sync-issues button')].find((b) => b.textContent.startsWith('次の')).click()`,
        `document.querySelectorAll('.sync-issues li').length > 50`,
      );
      if (i === 0) console.log(`more: ${f(more.ms)}`);
      await page.getByRole('button', { name: '閉じる' }).last().click();
      await page.keyboard.press('Shift');
      await page.waitForTimeout(300);
    }
    await page.getByRole('button', { name: `送れなかった変更 ${ISSUES} 件` }).click();
    await page.locator('.sync-issues li').first().waitFor();
    const rows = await page.locator('.sync-issues li').count();
    const heap = await heapAfterGc(page);
    return [
      `${ISSUES.toLocaleString('en')} refused changes in the outbox, about the items of a 10,000-item imported list; viewport 1280×800. Before: one row, each with its own live query of its item, per refused change.`,
      '',
      '| figure | result |',
      '| --- | --- |',
      `| open (status bar button → first issue's buttons painted, the next task runs), median of ${OPENS} | **${f(median(opens))}** (p95 ${f(percentile(opens, 95))}) |`,
      `| longest main-thread task while opening, median | ${f(median(tasks))} |`,
      `| issues in the DOM once open (50 at a time) | ${rows} |`,
      `| JS heap, panel open, after GC | ${heap.toFixed(1)} MB |`,
      '| filter keystroke, select-all | no filter or selection in this panel |',
    ].join('\n');
  } finally {
    await app.close();
  }
}
