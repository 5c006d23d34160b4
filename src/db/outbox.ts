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
