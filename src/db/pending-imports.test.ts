import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRow as row } from '../../tests/fixtures/import-row';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { journalImport } from '../../tests/fixtures/store-import';
import { unlocked } from '../../tests/fixtures/unlocked';
import { ImportedItem, ListImported } from '../api/schemas';
import { withPersonalData } from '../sync/outbox-personal';
import { RecallDb } from './db';
import { importedItems, newImportedListId, STORE_CHUNK } from './import-list';
import { pendingOutbox } from './outbox';
import { indexPendingImports } from './pending-imports';

const key = crypto.getRandomValues(new Uint8Array(32));
let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`journal-${crypto.randomUUID()}`), key);
});
afterEach(() => database.delete());

const manyRows = (count: number) => Array.from({ length: count }, (_, i) => row(i + 2, String(1000 + i), '00'));

describe('the move of an import into lists and items', () => {
  it('shows a reader started right after the move the whole list, never a part of it', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(STORE_CHUNK * 2 + 3));
    await journalImport(database, listId, items);
    const { started, done } = indexPendingImports(database);
    let committed = false;
    void done.then(() => {
      committed = true;
    });
    await started;
    expect(committed).toBe(false);
    // Started before the move has committed: IndexedDB makes them wait for it.
    const [list, count, journal] = await Promise.all([
      database.lists.get(listId),
      database.items.where('listId').equals(listId).count(),
      database.pendingImports.count(),
    ]);
    expect(list?.title).toBe('x');
    expect(count).toBe(items.length);
    expect(journal).toBe(0);
    await expect(done).resolves.toBeUndefined();
  });

  it('queues the list for the insurer, a part per chunk, with no personal data in the outbox (ADR 025)', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(STORE_CHUNK * 2 + 3));
    await journalImport(database, listId, items);
    await indexPendingImports(database).done;
    const entries = await database.outbox.toArray();
    expect(entries.map((e) => e.mutation.type)).toEqual(['list.imported', 'list.imported', 'list.imported']);
    const parts = entries.map((e) => e.mutation as ListImported);
    expect(parts.map((m) => [m.payload.part, m.payload.parts, m.payload.items.length])).toEqual([
      [1, 3, STORE_CHUNK],
      [2, 3, STORE_CHUNK],
      [3, 3, 3],
    ]);
    expect(parts.flatMap((m) => m.payload.items.map((i) => i.id))).toEqual(items.map((i) => i.id));
    expect(parts.every((m) => m.payload.items.every((i) => i.person === null))).toBe(true);
    // Not a name, birth date or 記号・番号 of the file anywhere in the outbox.
    const text = JSON.stringify(entries);
    for (const item of items.slice(0, 20)) expect(text.includes(item.person.name)).toBe(false);

    // Sent one part per request, the persons read from the sealed items, every part valid for the API.
    const batch = await withPersonalData(database, await pendingOutbox(database, 200));
    expect(batch).toHaveLength(1);
    const sent = batch[0]?.mutation as ListImported;
    expect(ListImported.safeParse(sent).success).toBe(true);
    expect(sent.payload.items[0]?.person).toEqual(items[0]?.person);
    expect(ImportedItem.safeParse(sent.payload.items[STORE_CHUNK - 1]).success).toBe(true);
    // Locked (the service worker pushing), it stops before the part: nothing behind it overtakes it.
    database.dataKey.clear();
    expect(await withPersonalData(database, await pendingOutbox(database, 200))).toEqual([]);
  });

  it('keeps an import whose move failed and moves it at the next open', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(5));
    const clash = items[3];
    if (!clash) throw new Error('no items');
    // An item already holding one of the import's ids makes the move fail: nothing of the list shows.
    await database.items.add(sampleItem(clash.id));
    await journalImport(database, listId, items);
    await expect(indexPendingImports(database).done).rejects.toThrow();
    expect(await database.lists.get(listId)).toBeUndefined();
    expect(await database.items.where('listId').equals(listId).count()).toBe(0);
    expect(await database.pendingImports.count()).toBe(1);

    await database.items.delete(clash.id);
    database.close();
    // Opened again, as the app starts after a reload: the move runs before any read answers.
    const reopened = unlocked(new RecallDb(database.name), key);
    expect(await reopened.items.where('listId').equals(listId).count()).toBe(5);
    expect((await reopened.items.get(clash.id))?.person).toEqual(clash.person);
    expect(await reopened.pendingImports.count()).toBe(0);
    reopened.close();
  });

  it('waits for the unlock when the tablet is locked, then moves the whole list', async () => {
    const listId = newImportedListId();
    const items = importedItems(listId, manyRows(STORE_CHUNK + 1));
    await journalImport(database, listId, items);
    database.dataKey.clear();
    await expect(indexPendingImports(database).done).rejects.toThrow();
    database.close();

    const reopened = new RecallDb(database.name);
    expect(await reopened.lists.count()).toBe(0);
    expect(await reopened.pendingImports.count()).toBe(1);
    unlocked(reopened, key);
    await expect
      .poll(() => reopened.items.where('listId').equals(listId).count(), { timeout: 2000 })
      .toBe(items.length);
    expect(await reopened.pendingImports.count()).toBe(0);
    reopened.close();
  });
});
