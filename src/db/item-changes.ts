import type { ItemMutation } from '../api/schemas';
import { toStatusChange } from '../api/status-change';
import { applyStatusChange, type CollectionState } from '../domain/collection-status';
import type { ReturnMethod } from '../domain/recall';
import type { LocalItem, RecallDb } from './db';
import { appendOutbox } from './outbox';

export function collectionState(item: LocalItem): CollectionState {
  return {
    status: item.status,
    returnedAt: item.returnedAt,
    returnMethod: item.returnMethod,
    unreturnableKind: item.unreturnableKind,
    unreturnableReason: item.unreturnableReason,
    statusChangedAt: item.statusChangedAt,
  };
}

/**
 * Records one status change: the item and its outbox entry are written in one transaction, so a
 * tick survives the tablet sleeping or the tab closing at any moment.
 */
export async function recordChange(database: RecallDb, mutation: ItemMutation): Promise<void> {
  await database.transaction('rw', database.items, database.outbox, async () => {
    const item = await database.items.get(mutation.payload.itemId);
    if (!item) throw new Error('item not found');
    await database.items.put({ ...item, ...applyStatusChange(collectionState(item), toStatusChange(mutation)) });
    await appendOutbox(database, mutation);
  });
}

export function markReturned(database: RecallDb, itemId: string, method: ReturnMethod, now = new Date()) {
  const at = now.toISOString();
  return recordChange(database, {
    id: crypto.randomUUID(),
    type: 'item.returned',
    at,
    payload: { itemId, returnedAt: at, method },
  });
}

/** Undo of a tick: an explicit, later reopen, so every tablet and the insurer agree on the order. */
export function reopen(database: RecallDb, itemId: string, now = new Date()) {
  return recordChange(database, {
    id: crypto.randomUUID(),
    type: 'item.reopened',
    at: now.toISOString(),
    payload: { itemId },
  });
}
