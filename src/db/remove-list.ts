import { isReported } from '../domain/reports/build-report';
import type { RecallDb } from './db';
import { reportedItemIds } from './reports';

/**
 * What removing an imported list would take with it, shown to the clerk before she confirms (issue
 * 21): the work recorded on it that exists on this tablet only. An imported list's changes are never
 * pushed (item-changes.ts), so "unsent" means recorded here and not yet in any report.
 */
export type ListRemovalPreview = {
  title: string;
  items: number;
  /** Returned or unreturnable, and in no report yet: the record goes with the list. */
  unreported: number;
  /** Reports built from this list (printed or not): they go too. */
  reports: number;
  /** Outbox entries about its items (none are expected for an imported list; counted to be sure). */
  unsent: number;
};

export class NotImportedListError extends Error {
  constructor() {
    super('only a list imported from a file can be removed from the tablet');
  }
}

async function importedListOrThrow(database: RecallDb, listId: string) {
  const list = await database.lists.get(listId);
  // The insurer's lists come back with the next sync: only a file's list is the tablet's to remove.
  if (list?.source !== 'import') throw new NotImportedListError();
  return list;
}

export async function previewListRemoval(database: RecallDb, listId: string): Promise<ListRemovalPreview> {
  const list = await importedListOrThrow(database, listId);
  const [items, reports, reported] = await Promise.all([
    database.items.where('[listId+status]').between([listId, ''], [listId, '\uffff']).toArray(),
    database.reports.toArray(),
    reportedItemIds(database),
  ]);
  const ids = new Set(items.map((item) => item.id));
  const unsent = await database.outbox
    .where('itemId')
    .anyOf([...ids])
    .count();
  return {
    title: list.title,
    items: items.length,
    unreported: items.filter((item) => item.status !== 'to_collect' && !isReported(item, reported)).length,
    reports: reports.filter((r) => r.scope.kind === 'list' && r.scope.listId === listId).length,
    unsent,
  };
}

/**
 * Removes a list imported by mistake, with everything of it on this tablet: its items, their history
 * and outbox entries, the reports built from it, and a journal still waiting to be moved. One
 * transaction: the lists screen never shows half of it.
 */
export async function removeImportedList(database: RecallDb, listId: string): Promise<void> {
  await database.transaction(
    'rw',
    [database.lists, database.items, database.history, database.outbox, database.reports, database.pendingImports],
    async () => {
      await importedListOrThrow(database, listId);
      const ids = await database.items.where('[listId+status]').between([listId, ''], [listId, '\uffff']).primaryKeys();
      await database.history.where('itemId').anyOf(ids).delete();
      await database.outbox.where('itemId').anyOf(ids).delete();
      await database.reports.filter((r) => r.scope.kind === 'list' && r.scope.listId === listId).delete();
      await database.items.bulkDelete(ids);
      await database.pendingImports.delete(listId);
      await database.lists.delete(listId);
    },
  );
}
