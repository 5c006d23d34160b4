import Dexie from 'dexie';
import { type JournalDb, listImportedMutations, openJournalChunk } from './import-list';
import type { LocalItem } from './records';

/** The move of journaled imports: `started` once its transaction exists, `done` once it committed. */
export type ImportMove = { started: Promise<void>; done: Promise<void> };

/** The main thread's next idle moment, or a quarter second at most. */
const idle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 250 });
    else setTimeout(resolve, 0);
  });

/**
 * Moves every journaled import (import-list.ts writeJournal) into `lists` and `items`, queues the
 * mutations that send it to the insurer as the office's list (docs/decisions/025) and drops its
 * journal record, all in one transaction: a list appears with all its items and its outbox entries
 * or not at all, and a move cut short (tab closed, tablet asleep) leaves the journal to be moved at
 * the next open. The outbox entries come before any tick on the list's items (they are written in
 * the same transaction that makes the items appear), so no tick reaches the insurer before its item.
 *
 * IndexedDB runs transactions whose scopes overlap in the order they were created, so a read of
 * `lists` or `items` started after `started` waits for the move and sees the whole list.
 */
export function indexPendingImports(database: JournalDb): ImportMove {
  let markStarted = () => {};
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const tables = [database.pendingImports, database.lists, database.items, database.outbox];
  const done = database.transaction('rw', tables, async () => {
    // Dexie runs this right after creating the IndexedDB transaction. Told from a task of its own:
    // a promise settled in here would carry this transaction's zone to whoever awaits it, and their
    // reads would run inside the move, before its writes.
    setTimeout(markStarted, 0);
    for (const pending of await database.pendingImports.toArray()) {
      await database.lists.add(pending.list);
      // Chunk by chunk, two in flight: IndexedDB writes one while the next is opened and its
      // persons sealed by the field encryption. Each chunk waits for the main thread to be idle
      // (the transaction kept alive meanwhile), so the list the clerk just opened paints first.
      // Locked, the first chunk throws and the transaction stores nothing.
      const inFlight: Promise<unknown>[] = [];
      const chunks: LocalItem[][] = [];
      for (let index = 0; index < pending.chunks.length; index++) {
        if (inFlight.length === 2) await inFlight.shift();
        await Dexie.waitFor(idle());
        const items = openJournalChunk(database, pending, index);
        chunks.push(items);
        inFlight.push(database.items.bulkAdd(items));
      }
      await Promise.all(inFlight);
      // A journal written before imports were the office's (its list marked local-only) stays here.
      if (!pending.list.localOnly && chunks.length > 0) {
        await database.outbox.bulkAdd(
          listImportedMutations(pending.list, chunks).map((mutation) => ({
            id: mutation.id,
            mutation,
            status: 'pending' as const,
            attempts: 0,
          })),
        );
      }
      await database.pendingImports.delete(pending.listId);
    }
  });
  // A transaction that could not even start: whoever waits for `started` hears of it from `done`.
  done.catch(markStarted);
  return { started, done };
}

/**
 * At every open (RecallDb's `ready`, before any other query runs) and unlock: an import whose move
 * was cut short is moved now. Counts first, so an empty journal costs no write transaction; the move
 * needs the data key, so a locked tablet moves it at the unlock.
 */
export async function indexLeftoverImports(database: JournalDb): Promise<void> {
  if (!database.dataKey.loaded || (await database.pendingImports.count()) === 0) return;
  await indexPendingImports(database).done;
}
