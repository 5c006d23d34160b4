import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { markReturned, recordChange, reopen } from './item-changes';
import { countPending, pendingItemIds, pendingOutbox } from './outbox';

describe('outbox append', () => {
  let database: RecallDb;
  beforeEach(async () => {
    database = unlocked(new RecallDb(`test-${crypto.randomUUID()}`));
    await database.items.bulkPut([sampleItem('a'), sampleItem('b')]);
  });
  afterEach(() => database.delete());

  it('a tick changes the item and appends one pending mutation in the same transaction', async () => {
    await markReturned(database, 'a', 'post', new Date('2026-11-20T01:02:03.000Z'));
    const item = await database.items.get('a');
    expect(item).toMatchObject({ status: 'returned', returnedAt: '2026-11-20T01:02:03.000Z', returnMethod: 'post' });
    const [entry] = await pendingOutbox(database, 10);
    expect(entry?.mutation).toMatchObject({
      type: 'item.returned',
      at: '2026-11-20T01:02:03.000Z',
      payload: { itemId: 'a', method: 'post' },
    });
    expect(await countPending(database)).toBe(1);
  });

  it('undo appends a later reopen and keeps the order of changes', async () => {
    await markReturned(database, 'a', 'hand', new Date('2026-11-20T01:00:00.000Z'));
    await markReturned(database, 'b', 'hand', new Date('2026-11-20T01:00:01.000Z'));
    await reopen(database, 'a', new Date('2026-11-20T01:00:02.000Z'));
    const entries = await pendingOutbox(database, 10);
    expect(entries.map((e) => [e.mutation.type, e.itemId])).toEqual([
      ['item.returned', 'a'],
      ['item.returned', 'b'],
      ['item.reopened', 'a'],
    ]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(3);
    expect((await database.items.get('a'))?.status).toBe('to_collect');
  });

  it('a change to an unknown item stores nothing at all', async () => {
    await expect(markReturned(database, 'missing', 'hand')).rejects.toThrow();
    expect(await countPending(database)).toBe(0);
  });

  it('when the outbox write fails, the item change is rolled back too', async () => {
    await markReturned(database, 'a', 'hand');
    const [entry] = await pendingOutbox(database, 1);
    if (!entry) throw new Error('no outbox entry');
    // Re-using a mutation id violates the outbox's unique index inside the transaction.
    const clash = {
      id: entry.id,
      type: 'item.returned' as const,
      at: entry.mutation.at,
      payload: { itemId: 'b', returnedAt: entry.mutation.at, method: 'hand' as const },
    };
    await expect(recordChange(database, clash)).rejects.toThrow();
    expect((await database.items.get('b'))?.status).toBe('to_collect');
    expect(await countPending(database)).toBe(1);
  });
});

describe('pendingItemIds', () => {
  let database: RecallDb;
  beforeEach(async () => {
    database = unlocked(new RecallDb(`test-${crypto.randomUUID()}`));
    await database.items.bulkPut([sampleItem('a'), sampleItem('b'), sampleItem('c')]);
  });
  afterEach(() => database.delete());

  const refuse = async (itemId: string) => {
    const entries = await database.outbox.where('itemId').equals(itemId).toArray();
    await database.outbox.bulkUpdate(
      entries.map((e) => ({
        key: e.seq as number,
        changes: { status: 'rejected' as const, reason: 'item_withdrawn' },
      })),
    );
  };

  it('marks the items with a change waiting, once each, and none once the outbox is empty', async () => {
    expect(await pendingItemIds(database)).toEqual(new Set());
    await markReturned(database, 'a', 'hand', new Date('2026-11-20T01:00:00.000Z'));
    await reopen(database, 'a', new Date('2026-11-20T01:00:01.000Z'));
    await markReturned(database, 'b', 'post', new Date('2026-11-20T01:00:02.000Z'));
    expect(await pendingItemIds(database)).toEqual(new Set(['a', 'b']));
    await database.outbox.clear();
    expect(await pendingItemIds(database)).toEqual(new Set());
  });

  it('leaves out an item whose every change was refused, and keeps one with a refused and a waiting change', async () => {
    await markReturned(database, 'a', 'hand', new Date('2026-11-20T01:00:00.000Z'));
    await markReturned(database, 'b', 'hand', new Date('2026-11-20T01:00:01.000Z'));
    await refuse('a');
    await refuse('b');
    await reopen(database, 'b', new Date('2026-11-20T01:00:02.000Z'));
    await markReturned(database, 'c', 'hand', new Date('2026-11-20T01:00:03.000Z'));
    expect(await pendingItemIds(database)).toEqual(new Set(['b', 'c']));
  });
});
