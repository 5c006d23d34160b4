import type { Mutation } from '../../api/schemas';
import type { RecallDb } from '../../db/db';

export type UnsyncedSummary = {
  /** Changes waiting in the outbox, by kind. */
  pending: number;
  byType: Partial<Record<Mutation['type'], number>>;
  /** Changes the insurer refused and the clerk has not resolved. */
  rejected: number;
  /**
   * Lists imported from a file before imported lists became the office's: they exist only on this
   * tablet. One imported since goes to the insurer (its unsent parts count in `pending`).
   */
  importedLists: Array<{ title: string; items: number }>;
};

/** What a wipe would lose: read from the outbox and the list titles only, so it works while locked. */
export async function unsyncedSummary(database: RecallDb): Promise<UnsyncedSummary> {
  const [outbox, lists] = await Promise.all([database.outbox.toArray(), database.lists.toArray()]);
  const byType: UnsyncedSummary['byType'] = {};
  let pending = 0;
  for (const entry of outbox) {
    if (entry.status !== 'pending') continue;
    pending += 1;
    byType[entry.mutation.type] = (byType[entry.mutation.type] ?? 0) + 1;
  }
  const imported = lists.filter((list) => list.source === 'import' && list.localOnly === true);
  // count() reads the index only: no personal field is decrypted, so this works while locked.
  const counts = await Promise.all(imported.map((list) => database.items.where('listId').equals(list.id).count()));
  return {
    pending,
    byType,
    rejected: outbox.length - pending,
    importedLists: imported.map((list, index) => ({ title: list.title, items: counts[index] ?? 0 })),
  };
}

export const losesNothing = (summary: UnsyncedSummary) =>
  summary.pending === 0 && summary.rejected === 0 && summary.importedLists.length === 0;
