import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { buildReport } from '../domain/reports/build-report';
import { RecallDb } from './db';
import { listImportedMutations } from './import-list';
import { markReturned } from './item-changes';
import { appendOutbox } from './outbox';
import {
  isRemovable,
  NotImportedListError,
  previewListRemoval,
  removeImportedList,
  SharedListError,
} from './remove-list';
import { reportedItemIds, saveDraft } from './reports';

let database: RecallDb;
const LIST = 'import-1';

beforeEach(async () => {
  database = unlocked(new RecallDb(`remove-list-${crypto.randomUUID()}`), crypto.getRandomValues(new Uint8Array(32)));
  await database.lists.bulkAdd([
    {
      id: LIST,
      title: '取り込んだリスト',
      period: '2026-11',
      receivedAt: '2026-11-20T03:00:00.000Z',
      source: 'import',
      // Imported before lists were the office's (docs/decisions/025): on this tablet only.
      localOnly: true,
    },
    { id: 'list-1', title: '保険者のリスト', period: '2026-11', receivedAt: '2026-11-20T03:00:00.000Z' },
  ] as never);
  await database.items.bulkAdd([
    { ...sampleItem('i1', { listId: LIST }), localOnly: true },
    { ...sampleItem('i2', { listId: LIST }), localOnly: true },
    { ...sampleItem('i3', { listId: LIST }), localOnly: true },
    sampleItem('keep'),
  ]);
  for (const id of ['i1', 'i2']) await markReturned(database, id, 'hand', new Date('2026-11-20T03:00:00Z'));
  await markReturned(database, 'keep', 'hand', new Date('2026-11-20T03:00:00Z'));
});
afterEach(async () => {
  await database.delete();
});

describe('removing an imported list', () => {
  it('shows first what goes with it, then removes the list, its items, history and reports, and nothing else', async () => {
    const built = buildReport({
      office: { code: 'DEMO-1', name: '本社' },
      insurer: { name: 'x', number: '06139999' },
      clerk: { name: '佐藤', phone: '03' },
      form: 'return_notice',
      scope: { kind: 'list', listId: LIST },
      items: (await database.items.bulkGet(['i1'])).flatMap((i) => (i ? [i] : [])),
      reportedItemIds: await reportedItemIds(database),
    });
    if (!built.ok) throw new Error(built.reason);
    await saveDraft(database, built.report, '取り込んだリスト');

    expect(await previewListRemoval(database, LIST)).toEqual({
      title: '取り込んだリスト',
      items: 3,
      unreported: 2, // i1 and i2 returned; a draft is no report yet (reportedItemIds)
      reports: 1,
      unsent: 0,
    });

    await removeImportedList(database, LIST);
    expect(await database.lists.get(LIST)).toBeUndefined();
    expect(await database.items.where('[listId+status]').between([LIST, ''], [LIST, '\uffff']).count()).toBe(0);
    expect(await database.history.where('itemId').anyOf(['i1', 'i2', 'i3']).count()).toBe(0);
    expect(await database.reports.count()).toBe(0);
    // The insurer's list and its pending change stay.
    expect(await database.items.get('keep')).toBeDefined();
    expect(await database.outbox.where('itemId').equals('keep').count()).toBe(1);
    expect(await database.history.where('itemId').equals('keep').count()).toBe(1);
  });

  it("refuses the insurer's list, which would come back with the next sync, and changes nothing", async () => {
    await expect(removeImportedList(database, 'list-1')).rejects.toBeInstanceOf(NotImportedListError);
    await expect(previewListRemoval(database, 'list-1')).rejects.toBeInstanceOf(NotImportedListError);
    expect(await database.lists.count()).toBe(2);
    expect(await database.items.count()).toBe(4);
  });

  describe('an imported list the office shares (docs/decisions/025)', () => {
    const SHARED = 'import-shared';
    beforeEach(async () => {
      const list = {
        id: SHARED,
        title: '12月のリスト',
        period: '2026-12',
        receivedAt: '2026-12-01T03:00:00.000Z',
        source: 'import' as const,
      };
      const items = [sampleItem('s1', { listId: SHARED }), sampleItem('s2', { listId: SHARED })];
      await database.lists.add(list);
      await database.items.bulkAdd(items);
      await database.transaction('rw', database.outbox, async () => {
        for (const m of listImportedMutations(list, [[items[0] as never], [items[1] as never]]))
          await appendOutbox(database, m);
      });
    });

    it('is removed with its import while no part of it has reached the insurer', async () => {
      expect(await isRemovable(database, { id: SHARED, source: 'import' })).toBe(true);
      expect((await previewListRemoval(database, SHARED)).unsent).toBe(2);
      await removeImportedList(database, SHARED);
      expect(await database.lists.get(SHARED)).toBeUndefined();
      expect(await database.outbox.filter((e) => e.mutation.type === 'list.imported').count()).toBe(0);
      expect(await database.items.get('keep')).toBeDefined();
    });

    it('is refused once the insurer holds a part of it, and changes nothing', async () => {
      // The first part was applied: the push dropped its entry.
      const first = await database.outbox.filter((e) => e.mutation.type === 'list.imported').first();
      await database.outbox.delete(first?.seq as number);
      expect(await isRemovable(database, { id: SHARED, source: 'import' })).toBe(false);
      await expect(removeImportedList(database, SHARED)).rejects.toBeInstanceOf(SharedListError);
      expect(await database.lists.get(SHARED)).toBeDefined();
      expect(await database.items.where('[listId+status]').between([SHARED, ''], [SHARED, '\uffff']).count()).toBe(2);
      expect(await database.outbox.filter((e) => e.mutation.type === 'list.imported').count()).toBe(1);
    });

    it('is refused on a tablet that pulled it from the insurer', async () => {
      await database.outbox.clear();
      await expect(previewListRemoval(database, SHARED)).rejects.toBeInstanceOf(SharedListError);
    });
  });
});
