import type { RecallDb } from './db';

/**
 * Items still to collect on the whole tablet, from the [listId+status] index alone (items have no
 * status index, db.ts v4): the distinct (list, status) keys, then one count per list's to_collect key.
 * Only keys are read, so nothing is decrypted.
 */
export async function countToCollect(database: RecallDb): Promise<number> {
  const keys = (await database.items.orderBy('[listId+status]').uniqueKeys()) as unknown as [string, string][];
  const counts = await Promise.all(
    keys
      .filter(([, status]) => status === 'to_collect')
      .map((key) => database.items.where('[listId+status]').equals(key).count()),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
