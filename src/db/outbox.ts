import type { Mutation } from '../api/schemas';
import type { OutboxEntry, RecallDb } from './db';

/**
 * Appends a mutation to the outbox. Call it inside the same Dexie transaction as the change it
 * records, so a change is never stored without its outbox entry nor the other way round.
 */
export async function appendOutbox(database: RecallDb, mutation: Mutation): Promise<void> {
  await database.outbox.add({
    id: mutation.id,
    itemId: 'itemId' in mutation.payload ? mutation.payload.itemId : undefined,
    mutation,
    status: 'pending',
    attempts: 0,
  });
}

/** The oldest pending mutations, in the order they were made. */
export function pendingOutbox(database: RecallDb, limit: number): Promise<OutboxEntry[]> {
  return database.outbox.where('status').equals('pending').limit(limit).sortBy('seq');
}

export function countPending(database: RecallDb): Promise<number> {
  return database.outbox.where('status').equals('pending').count();
}

/**
 * The items with a change not yet sent (the list marks them). Read from the itemId index's distinct
 * keys, so a screen watching it costs a few dozen index steps per outbox write instead of reading
 * every pending entry: a sync of 10,000 entries writes the outbox once per batch (docs/decisions/027).
 * Only when some change was refused does it read the pending entries, as an item whose every change
 * was refused has nothing waiting.
 */
export async function pendingItemIds(database: RecallDb): Promise<Set<string>> {
  const rejected = await database.outbox.where('status').equals('rejected').count();
  if (rejected === 0) return new Set((await database.outbox.orderBy('itemId').uniqueKeys()) as string[]);
  const pending = await database.outbox.where('status').equals('pending').toArray();
  return new Set(pending.flatMap((entry) => (entry.itemId === undefined ? [] : [entry.itemId])));
}
