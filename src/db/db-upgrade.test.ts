import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { createAesGcm } from './aes-gcm-keyed';
import { RecallDb } from './db';
import { isSealed, sealField } from './field-encryption';

const key = crypto.getRandomValues(new Uint8Array(32));
let name = '';
afterEach(() => Dexie.delete(name));

/** The items schema of versions 1–3, as tablets hold it before v4. */
function version3(dbName: string): Dexie {
  const old = new Dexie(dbName);
  old.version(1).stores({
    lists: 'id, period',
    items: 'id, listId, status, dueDate, [listId+status]',
    outbox: '++seq, &id, itemId, status',
    meta: 'key',
  });
  old.version(2).stores({ history: '++seq, itemId', memberPrefs: 'memberId', deliveries: 'id, memberId, at' });
  old.version(3).stores({ reports: 'id, status, createdAt' });
  return old;
}

describe('schema v4', () => {
  it('keeps every item, sealed, when the items lose their listId, status and dueDate indexes', async () => {
    name = `upgrade-${crypto.randomUUID()}`;
    const old = version3(name);
    const cipher = createAesGcm(key.slice());
    const stored = [
      sampleItem('a'),
      sampleItem('b', { status: 'returned' }),
      sampleItem('c', { listId: 'list-2', person: { ...sampleItem('c').person, number: '999' } }),
    ].map((item) => ({ ...item, person: sealField(cipher, 'items', 'person', item.id, item.person) }));
    await old.table('items').bulkAdd(stored);
    old.close();

    const database = unlocked(new RecallDb(name), key);
    const list1 = await database.items.where('listId').equals('list-1').toArray();
    expect(list1.map((item) => item.id).sort()).toEqual(['a', 'b']);
    expect(list1.find((item) => item.id === 'b')?.status).toBe('returned');
    expect((await database.items.get('c'))?.person.number).toBe('999');
    expect(database.verno).toBe(8);
    database.close();

    const raw = new Dexie(name);
    await raw.open();
    const items = raw.table('items');
    expect(items.schema.indexes.map((index) => index.name)).toEqual(['[listId+status]']);
    expect((await items.toArray()).every((item) => isSealed(item.person))).toBe(true);
    raw.close();
  });
});

describe('schema v8', () => {
  it('marks lists imported before imported lists were the office’s as on this tablet only (ADR 025)', async () => {
    name = `upgrade-${crypto.randomUUID()}`;
    const old = version3(name);
    await old.table('lists').bulkAdd([
      {
        id: 'import-old',
        title: '取り込んだリスト',
        period: '2026-10',
        receivedAt: '2026-10-01T00:00:00Z',
        source: 'import',
      },
      {
        id: 'list-1',
        title: '保険者のリスト',
        period: '2026-10',
        receivedAt: '2026-10-01T00:00:00Z',
        source: 'insurer',
      },
      { id: 'list-0', title: '昔のリスト', period: '2026-09', receivedAt: '2026-09-01T00:00:00Z' },
    ]);
    old.close();
    const database = new RecallDb(name);
    const lists = await database.lists.toArray();
    expect(Object.fromEntries(lists.map((list) => [list.id, list.localOnly ?? false]))).toEqual({
      'import-old': true,
      'list-1': false,
      'list-0': false,
    });
    database.close();
  });
});
