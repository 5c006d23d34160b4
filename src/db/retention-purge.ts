import { DEFAULT_RETENTION_DAYS, itemsToPurge, reportsToStrip } from '../domain/retention';
import { getMeta, type RecallDb } from './db';

/**
 * Deletes finished items the insurer has in a report for longer than the retention period (meta
 * `retentionDays`, default 30), with their audit trail, and clears the personal rows of such reports.
 * Items with any outbox entry (pending or refused) stay. Runs after each sync round and on unlock.
 * While locked it does nothing: reading reports and items needs the data key (field-encryption.ts).
 */
export async function purgeExpired(database: RecallDb, now = new Date()): Promise<{ items: number; reports: number }> {
  if (!database.dataKey.loaded) return { items: 0, reports: 0 };
  const tables = [database.items, database.reports, database.outbox, database.history, database.meta];
  return database.transaction('rw', tables, async () => {
    const days = (await getMeta('retentionDays', database)) ?? DEFAULT_RETENTION_DAYS;
    const reports = await database.reports.where('status').anyOf('submitted', 'received').toArray();
    if (reports.length === 0) return { items: 0, reports: 0 };
    const candidates = new Set(reports.flatMap((report) => report.itemIds));
    const items = (await database.items.bulkGet([...candidates])).flatMap((item) =>
      item ? [{ id: item.id, status: item.status }] : [],
    );
    // Through the outbox's itemId index, for the reported items only: this runs after every sync round.
    const withOutbox = new Set(
      (
        await database.outbox
          .where('itemId')
          .anyOf([...candidates])
          .keys()
      ).map((key) => String(key)),
    );
    const purge = itemsToPurge(items, reports, withOutbox, now, days);
    if (purge.length > 0) {
      await database.items.bulkDelete(purge);
      await database.history.where('itemId').anyOf(purge).delete();
    }
    const strip = reportsToStrip(reports, now, days);
    for (const id of strip) await database.reports.update(id, { rows: [], rowsPurged: true });
    return { items: purge.length, reports: strip.length };
  });
}
