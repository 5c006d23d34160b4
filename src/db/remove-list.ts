import { isReported } from '../domain/reports/build-report';
import type { LocalList, RecallDb } from './db';
import { reportedItemIds } from './reports';

/**
 * What removing an imported list would take with it, shown to the clerk before she confirms (issue
 * 21): the work recorded on it that exists on this tablet only, and its changes (and the import
 * itself) not yet sent.
 */
export type ListRemovalPreview = {
  title: string;
  items: number;
  /** Returned or unreturnable, and in no report yet: the record goes with the list. */
  unreported: number;
  /** Reports built from this list (printed or not): they go too. */
  reports: number;
  /** Outbox entries about its items, and the parts of its import not sent yet. */
  unsent: number;
};

export class NotImportedListError extends Error {
  constructor() {
    super('only a list imported from a file can be removed from the tablet');
  }
}

/** The list is the office's now: the insurer holds (part of) it and the office's tablets pull it. */
export class SharedListError extends Error {
  constructor() {
    super('a list the insurer already holds for the office is not removed from one tablet');
  }
}

/** The outbox entries that send an imported list to the insurer (docs/decisions/025). */
function importEntries(database: RecallDb, listId: string) {
  return database.outbox.filter(
    (entry) => entry.mutation.type === 'list.imported' && entry.mutation.payload.list.id === listId,
  );
}

/**
 * Whether this tablet may remove an imported list (docs/decisions/025): one imported before lists were
 * the office's (on this tablet only), or one none of whose parts has reached the insurer yet (every
 * part still in the outbox, pending or refused). Once the insurer holds any of it, the list is the
 * office's: another tablet may have ticked it or reported it, so one tablet never removes it.
 */
export async function isRemovable(database: RecallDb, list: Pick<LocalList, 'id' | 'source' | 'localOnly'>) {
  if (list.source !== 'import') return false;
  if (list.localOnly) return true;
  const entries = await importEntries(database, list.id).toArray();
  const first = entries.find((entry) => entry.mutation.type === 'list.imported')?.mutation;
  const parts = first?.type === 'list.imported' ? first.payload.parts : 0;
  return parts > 0 && entries.length === parts;
}

async function importedListOrThrow(database: RecallDb, listId: string) {
  const list = await database.lists.get(listId);
  // The insurer's lists come back with the next sync: only a file's list is the tablet's to remove.
  if (list?.source !== 'import') throw new NotImportedListError();
  if (!(await isRemovable(database, list))) throw new SharedListError();
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
  const unsent =
    (await database.outbox
      .where('itemId')
      .anyOf([...ids])
      .count()) + (await importEntries(database, listId).count());
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
      // Its import, not sent yet (isRemovable): the insurer never hears of it.
      await importEntries(database, listId).delete();
      await database.reports.filter((r) => r.scope.kind === 'list' && r.scope.listId === listId).delete();
      await database.items.bulkDelete(ids);
      await database.pendingImports.delete(listId);
      await database.lists.delete(listId);
    },
  );
}
