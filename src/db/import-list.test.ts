import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRow as row } from '../../tests/fixtures/import-row';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { isSealed, openField, type SealedField } from './field-encryption';
import {
  importedItems,
  knownIssueNos,
  newImportedListId,
  STORE_CHUNK,
  sealImportedPersons,
  storeImportedList,
} from './import-list';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`import-${crypto.randomUUID()}`));
});
afterEach(() => database.delete());

describe('imported items', () => {
  it('share one household per 記号・番号 and one member per 枝番, with random ids', () => {
    const items = importedItems('list-1', [row(2, '1000', '00'), row(3, '1000', '01'), row(4, '1001', '00')]);
    expect(items.map((item) => item.listId)).toEqual(['list-1', 'list-1', 'list-1']);
    expect(items[0]?.householdId).toBe(items[1]?.householdId);
    expect(items[2]?.householdId).not.toBe(items[0]?.householdId);
    expect(new Set(items.map((item) => item.memberId)).size).toBe(3);
    for (const item of items) expect(item.id).not.toContain('1000');
  });
});

describe('storing an import', () => {
  it('stores the list and every item in one go', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, [row(2, '1000', '00'), row(3, '1000', '01')]);
    const list = await storeImportedList(database, listId, '11月分', items, { now: new Date('2026-11-23T03:00:00Z') });
    expect(list).toMatchObject({ id: listId, title: '11月分', period: '2026-11', source: 'import' });
    expect(await database.items.where('listId').equals(listId).count()).toBe(2);
  });

  it('stores nothing when one item cannot be stored', async () => {
    const listId = newImportedListId();
    const [first, second] = importedItems(listId, [row(2, '1000', '00'), row(3, '1000', '01')]);
    if (!first || !second) throw new Error('no items');
    await expect(storeImportedList(database, listId, 'x', [first, { ...second, id: first.id }])).rejects.toThrow();
    expect(await database.lists.count()).toBe(0);
    expect(await database.items.count()).toBe(0);
  });

  it('stores a list of many chunks whole, and nothing when a record of a later chunk fails', async () => {
    const rows = Array.from({ length: STORE_CHUNK * 3 + 7 }, (_, i) => row(i + 2, String(1000 + i), '00'));
    const listId = newImportedListId();
    const items = importedItems(listId, rows);
    const last = items.at(-1);
    if (!last) throw new Error('no items');
    const broken = [...items.slice(0, -1), { ...last, id: items[STORE_CHUNK]?.id ?? '' }];
    await expect(storeImportedList(database, listId, 'x', broken)).rejects.toThrow();
    expect(await database.lists.count()).toBe(0);
    expect(await database.items.count()).toBe(0);

    await storeImportedList(database, listId, 'x', items);
    const stored = await database.items.where('listId').equals(listId).toArray();
    expect(stored.length).toBe(items.length);
    expect(stored.find((item) => item.id === last.id)?.person).toEqual(last.person);
  });

  it('stores persons sealed in the worker as they are, seals the rest itself, and all read back in clear', async () => {
    const rows = Array.from({ length: STORE_CHUNK + 3 }, (_, i) => row(i + 2, String(1000 + i), '00'));
    const listId = newImportedListId();
    const items = importedItems(listId, rows);
    const sealedPersons: (SealedField | undefined)[] = await sealImportedPersons(
      await database.dataKey.sealingKey(),
      items,
    );
    await expect(
      storeImportedList(database, listId, 'x', items, { sealedPersons: [...sealedPersons, sealedPersons[0]] }),
    ).rejects.toThrow();
    // The worker had not reached the first one yet.
    sealedPersons[0] = undefined;

    await storeImportedList(database, listId, 'x', items, { sealedPersons });
    const stored = await database.items.where('listId').equals(listId).toArray();
    const byId = new Map(stored.map((item) => [item.id, item.person]));
    expect(items.map((item) => byId.get(item.id))).toEqual(items.map((item) => item.person));
    database.close();
    const raw = new Dexie(database.name);
    await raw.open();
    const [first, last] = [items[0], items.at(-1)];
    const [firstRecord, lastRecord] = await raw.table('items').bulkGet([first?.id ?? '', last?.id ?? '']);
    expect(isSealed(lastRecord.person)).toBe(true);
    expect(Array.from(lastRecord.person.sealed)).toEqual(Array.from(sealedPersons.at(-1)?.sealed ?? []));
    expect(openField(database.dataKey.use(), 'items', 'person', last?.id, lastRecord.person)).toEqual(last?.person);
    expect(isSealed(firstRecord.person)).toBe(true);
    expect(openField(database.dataKey.use(), 'items', 'person', first?.id, firstRecord.person)).toEqual(first?.person);
    raw.close();
  });

  it('knows the 発行No. already on the tablet without the data key', async () => {
    const listId = newImportedListId();
    await storeImportedList(database, listId, 'x', importedItems(listId, [row(2, '1000', '00'), row(3, '1000', '01')]));
    await database.items.add(sampleItem('pulled', { issueNo: '' }));
    database.dataKey.clear();
    expect((await knownIssueNos(database)).sort()).toEqual(['200000002', '200000003']);
  });

  it('refuses items made for another list', async () => {
    const items = importedItems('other', [row(2, '1000', '00')]);
    await expect(storeImportedList(database, newImportedListId(), 'x', items)).rejects.toThrow();
    expect(await database.lists.count()).toBe(0);
  });
});
