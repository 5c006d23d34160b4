import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { markAllReturned, markReturned, markUnreturnable, reopen } from './item-changes';
import { countPending } from './outbox';

let database: RecallDb;
beforeEach(async () => {
  database = unlocked(new RecallDb(`changes-${crypto.randomUUID()}`));
  await database.items.bulkPut([
    sampleItem('self', { householdId: 'h1' }),
    sampleItem('child', { householdId: 'h1', relation: 'dependant' }),
    sampleItem('imported', { localOnly: true } as never),
  ]);
});
afterEach(() => database.delete());

describe('item changes', () => {
  it('keeps an audit trail of what changed, when and on which device', async () => {
    await markReturned(database, 'self', 'post', new Date('2026-11-20T01:00:00.000Z'));
    await reopen(database, 'self', new Date('2026-11-20T01:05:00.000Z'));
    const trail = await database.history.where('itemId').equals('self').sortBy('seq');
    expect(trail.map((e) => [e.type, e.at, e.detail])).toEqual([
      ['item.returned', '2026-11-20T01:00:00.000Z', 'post'],
      ['item.reopened', '2026-11-20T01:05:00.000Z', undefined],
    ]);
    expect(new Set(trail.map((e) => e.deviceId)).size).toBe(1);
    expect(trail[0]?.deviceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ticks a household at once, or not at all', async () => {
    await markAllReturned(database, ['self', 'child'], 'hand');
    expect((await database.items.bulkGet(['self', 'child'])).map((i) => i?.status)).toEqual(['returned', 'returned']);
    expect(await countPending(database)).toBe(2);

    await reopen(database, 'self');
    await reopen(database, 'child');
    await expect(markAllReturned(database, ['self', 'gone'], 'hand')).rejects.toThrow();
    expect((await database.items.get('self'))?.status).toBe('to_collect');
    expect(await countPending(database)).toBe(4);
  });

  it('records why a certificate cannot come back', async () => {
    await markUnreturnable(database, 'child', 'lost', '  引っ越しの際に紛失  ');
    expect(await database.items.get('child')).toMatchObject({
      status: 'unreturnable',
      unreturnableKind: 'lost',
      unreturnableReason: '引っ越しの際に紛失',
    });
  });

  it('never pushes changes to items imported from a file, but keeps their trail', async () => {
    await markReturned(database, 'imported', 'hand');
    expect((await database.items.get('imported'))?.status).toBe('returned');
    expect(await countPending(database)).toBe(0);
    expect(await database.history.where('itemId').equals('imported').count()).toBe(1);
  });
});
