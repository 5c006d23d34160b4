import type { ItemMutation } from '../api/schemas';
import { toStatusChange } from '../api/status-change';
import {
  applyStatusChange,
  type CollectionState,
  stampAfter,
  type UnreturnableKind,
} from '../domain/collection-status';
import type { ReturnMethod } from '../domain/recall';
import type { HistoryEntry, LocalItem, RecallDb } from './db';
import { deviceId } from './device-id';
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

function historyDetail(mutation: ItemMutation): string | undefined {
  if (mutation.type === 'item.returned') return mutation.payload.method;
  if (mutation.type === 'item.unreturnable') return `${mutation.payload.kind}: ${mutation.payload.reason}`;
  return undefined;
}

/**
 * Records status changes: each item, its audit-trail entry and its outbox entry are written in one
 * transaction, so a tick survives the tablet sleeping or the tab closing at any moment, and a
 * household ticked at once is all or nothing. Items imported from a file are never pushed: the
 * insurer's API does not know them. A change's time is never earlier than the state it changes
 * (`stampAfter`): a tablet whose clock is behind still undoes what it shows.
 */
export async function recordChanges(database: RecallDb, mutations: ItemMutation[]): Promise<void> {
  await database.transaction('rw', [database.items, database.outbox, database.history, database.meta], async () => {
    const device = await deviceId(database);
    for (const made of mutations) {
      const item = await database.items.get(made.payload.itemId);
      if (!item) throw new Error('item not found');
      // Made on top of what this tablet shows, so ordered after it everywhere (ADR 006).
      const mutation = { ...made, at: stampAfter(made.at, item.statusChangedAt) };
      await database.items.put({ ...item, ...applyStatusChange(collectionState(item), toStatusChange(mutation)) });
      const entry: HistoryEntry = {
        itemId: item.id,
        mutationId: mutation.id,
        type: mutation.type,
        at: mutation.at,
        deviceId: device,
        detail: historyDetail(mutation),
      };
      await database.history.add(entry);
      if (!item.localOnly) await appendOutbox(database, mutation);
    }
  });
}

export const recordChange = (database: RecallDb, mutation: ItemMutation) => recordChanges(database, [mutation]);

export function returnedMutation(itemId: string, method: ReturnMethod, now = new Date()): ItemMutation {
  const at = now.toISOString();
  return { id: crypto.randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method } };
}

export function markReturned(database: RecallDb, itemId: string, method: ReturnMethod, now = new Date()) {
  return recordChange(database, returnedMutation(itemId, method, now));
}

/** A whole household (世帯) handed back together: one transaction, one timestamp. */
export function markAllReturned(database: RecallDb, itemIds: string[], method: ReturnMethod, now = new Date()) {
  return recordChanges(
    database,
    itemIds.map((itemId) => returnedMutation(itemId, method, now)),
  );
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

/** 滅失 (lost or destroyed) or 回収不能 (cannot be collected), with the reason the report will carry. */
export function markUnreturnable(
  database: RecallDb,
  itemId: string,
  kind: UnreturnableKind,
  reason: string,
  now = new Date(),
) {
  return recordChange(database, {
    id: crypto.randomUUID(),
    type: 'item.unreturnable',
    at: now.toISOString(),
    payload: { itemId, kind, reason: reason.trim() },
  });
}
