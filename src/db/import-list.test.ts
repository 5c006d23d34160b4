import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRow as row } from '../../tests/fixtures/import-row';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { journalImport, storeImport } from '../../tests/fixtures/store-import';
import { unlocked } from '../../tests/fixtures/unlocked';
import { oldCardKey, rowKey } from '../domain/csv/row-key';
import { RecallDb } from './db';
import { isSealed, openField, sealFieldWith } from './field-encryption';
import {
  importedItems,
  importedList,
  journalChunkKey,
  knownIssueNos,
  newImportedListId,
  openJournalChunk,
  STORE_CHUNK,
  sealImportChunks,
  writeJournal,
} from './import-list';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`import-${crypto.randomUUID()}`));
});
afterEach(() => database.delete());

const manyRows = (count: number) => Array.from({ length: count }, (_, i) => row(i + 2, String(1000 + i), '00'));

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

describe('the journal of an import', () => {
  it('seals items a chunk at a time, each chunk bound to its list and place', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(STORE_CHUNK * 2 + 1));
    const chunks = await sealImportChunks(await database.dataKey.sealingKey(), listId, items);
    expect(chunks).toHaveLength(3);
    const pending = { listId, list: importedList(listId, 'x'), chunks };
    expect([0, 1, 2].flatMap((index) => openJournalChunk(database, pending, index))).toEqual(items);
    // Swapped chunks, or a chunk under another list, do not open.
    const swapped = { ...pending, chunks: [chunks[1], chunks[0], chunks[2]] as typeof chunks };
    expect(() => openJournalChunk(database, swapped, 0)).toThrow();
    expect(() => openJournalChunk(database, { ...pending, listId: newImportedListId() }, 0)).toThrow();
  });

  it('refuses items of another list or two items of one id before sealing anything', async () => {
    const key = await database.dataKey.sealingKey();
    const listId = newImportedListId();
    const [first, second] = importedItems(listId, manyRows(2));
    if (!first || !second) throw new Error('no items');
    await expect(sealImportChunks(key, listId, [first, { ...second, id: first.id }])).rejects.toThrow();
    await expect(sealImportChunks(key, listId, [first, { ...second, listId: 'other' }])).rejects.toThrow();
  });

  it('writes nothing for a chunk in clear or a list of another id', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(2));
    await database.open();
    const connection = database.backendDB();
    const inClear = { listId, list: importedList(listId, 'x'), chunks: [items] } as never;
    await expect(writeJournal(connection, inClear)).rejects.toThrow();
    const chunks = await sealImportChunks(await database.dataKey.sealingKey(), listId, items);
    const otherList = { listId, list: importedList(newImportedListId(), 'x'), chunks };
    await expect(writeJournal(connection, otherList)).rejects.toThrow();
    expect(await database.pendingImports.count()).toBe(0);
  });

  it('holds no personal data in clear', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(3));
    await journalImport(database, listId, items);
    database.close();
    const raw = new Dexie(database.name);
    await raw.open();
    const [record] = await raw.table('pendingImports').toArray();
    raw.close();
    expect(record.chunks.every(isSealed)).toBe(true);
    const text = new TextDecoder().decode(record.chunks[0].sealed);
    for (const clear of ['髙橋', 'タカハシ', '1985-04-01', items[0]?.id ?? '']) expect(text).not.toContain(clear);
    // The same chunk sealed as a field of another table does not open as the journal's.
    const key = await database.dataKey.sealingKey();
    const elsewhere = await sealFieldWith(key, 'items', 'items', journalChunkKey(listId, 0), items);
    expect(() => openJournalChunk(database, { ...record, chunks: [elsewhere] }, 0)).toThrow();
  });
});

describe('storing an import', () => {
  it('stores the list and every item', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, [row(2, '1000', '00'), row(3, '1000', '01')]);
    const list = await storeImport(database, listId, '11月分', items, new Date('2026-11-23T03:00:00Z'));
    expect(list).toMatchObject({ id: listId, title: '11月分', period: '2026-11', source: 'import' });
    expect(await database.lists.get(listId)).toEqual(list);
    expect(await database.items.where('listId').equals(listId).count()).toBe(2);
    expect(await database.pendingImports.count()).toBe(0);
  });

  it('stores a list of many chunks whole, persons sealed at rest and read back in clear', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(STORE_CHUNK * 3 + 7));
    await storeImport(database, listId, 'x', items);
    const stored = await database.items.where('listId').equals(listId).toArray();
    const byId = new Map(stored.map((item) => [item.id, item.person]));
    expect(items.map((item) => byId.get(item.id))).toEqual(items.map((item) => item.person));

    database.close();
    const raw = new Dexie(database.name);
    await raw.open();
    const last = items.at(-1);
    const lastRecord = await raw.table('items').get(last?.id ?? '');
    raw.close();
    expect(isSealed(lastRecord.person)).toBe(true);
    expect(openField(database.dataKey.use(), 'items', 'person', last?.id, lastRecord.person)).toEqual(last?.person);
  });

  it('knows the 発行No. on the tablet without the data key, and of an import not yet moved with it', async () => {
    const listId = newImportedListId();
    await storeImport(database, listId, 'x', importedItems(listId, [row(2, '1000', '00'), row(3, '1000', '01')]));
    await database.items.add(sampleItem('pulled', { issueNo: '' }));
    const locked = new RecallDb(database.name);
    expect((await knownIssueNos(locked)).sort()).toEqual(['200000002', '200000003']);
    locked.close();

    const waitingId = newImportedListId();
    await journalImport(database, waitingId, importedItems(waitingId, [row(4, '1001', '00')]));
    expect((await knownIssueNos(database)).sort()).toEqual(['200000002', '200000003', '200000004']);
  });

  it('knows an old card held without a 発行No. by its 記号・番号・枝番 (never by an empty 発行No.)', async () => {
    const old = {
      ...row(2, '1000', '01'),
      issueNo: '',
      documentKind: 'old_card' as const,
      reason: 'old_card' as const,
    };
    const listId = newImportedListId();
    await storeImport(database, listId, 'x', importedItems(listId, [old]));
    expect(await knownIssueNos(database)).toEqual([rowKey(old)]);
    expect(rowKey(old)).toBe(oldCardKey('7001', '1000', '01'));
  });
});
