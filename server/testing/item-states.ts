import type { CollectionState } from '../../src/domain/collection-status';
import { toInstant } from '../db/convert';
import type { Queryable } from '../db/database';

/** The stored collection state of each item, ordered by id: what push tests compare after applying. */
export async function itemStates(db: Queryable, ids: string[]): Promise<CollectionState[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select status, returned_at, return_method, unreturnable_kind, unreturnable_reason, status_changed_at
       from recall_items where id = any($1::text[]) order by id`,
    [ids],
  );
  return rows.rows.map((r) => ({
    status: r.status as CollectionState['status'],
    returnedAt: toInstant(r.returned_at),
    returnMethod: r.return_method as CollectionState['returnMethod'],
    unreturnableKind: r.unreturnable_kind as CollectionState['unreturnableKind'],
    unreturnableReason: r.unreturnable_reason as string | null,
    statusChangedAt: toInstant(r.status_changed_at),
  }));
}
