import type { OutboxEntry, RecallDb } from '../db/db';
import { setMeta } from '../db/db';

/** Changes the server refused, oldest first: shown to the clerk with the reason. */
export function rejectedChanges(database: RecallDb): Promise<OutboxEntry[]> {
  return database.outbox.where('status').equals('rejected').sortBy('seq');
}

/** Reasons after which the item is not on the insurer's list any more: discarding drops it here too. */
const GONE = new Set(['item_not_found', 'item_withdrawn']);

/**
 * "Send again": the change goes back in the outbox, in its original place and with its original time.
 * It gets a new mutation id: the server keeps its answer for the old one (rejected, never applied)
 * and would only repeat it.
 */
export async function retryChange(database: RecallDb, seq: number): Promise<void> {
  await database.transaction('rw', database.outbox, async () => {
    const entry = await database.outbox.get(seq);
    if (entry?.status !== 'rejected') return;
    const id = crypto.randomUUID();
    await database.outbox.update(seq, {
      id,
      mutation: { ...entry.mutation, id },
      status: 'pending',
      reason: undefined,
      serverErrors: 0,
    });
  });
}

/**
 * "Discard": the change is dropped and the tablet goes back to the insurer's record. The item is
 * fetched again on the next pull (the cursor goes back to the start, and the pull replays the
 * changes still waiting to be sent on top of it); an item the insurer no longer has is removed.
 */
export async function discardChange(database: RecallDb, seq: number): Promise<void> {
  await database.transaction('rw', [database.outbox, database.items, database.meta], async () => {
    const entry = await database.outbox.get(seq);
    if (!entry) return;
    await database.outbox.delete(seq);
    if (entry.itemId && GONE.has(entry.reason ?? '')) await database.items.delete(entry.itemId);
    await setMeta('cursor', '0', database);
  });
}
