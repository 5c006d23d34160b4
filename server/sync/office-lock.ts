import { lockForTransaction } from '../db/advisory-lock';
import type { Queryable } from '../db/database';

/**
 * Takes the office's change lock until the end of the current transaction.
 *
 * Every transaction that stamps an office's rows with `nextval('change_version')` must call this
 * before it draws a version. Pull hands out changes by cursor (`version > cursor`); on a
 * multi-connection PostgreSQL a transaction that drew a lower version could otherwise commit after a
 * reader had already seen a higher one, and that reader's devices would never receive the change.
 * Under the lock an office's versions are drawn and committed one transaction at a time, so what any
 * reader sees of an office is always a prefix of its versions (docs/decisions/010-postgresql.md).
 * Offices never wait for each other.
 *
 * The same lock makes "has this mutation id been recorded?" and the insert that records it one step
 * for concurrent pushes to the same office.
 */
export function lockOfficeChanges(tx: Queryable, officeId: string): Promise<void> {
  noteLocked(tx, [officeId]);
  return lockForTransaction(tx, `office-changes:${officeId}`);
}

/**
 * The offices whose change lock a transaction took: the offices it may have written. Read after the
 * transaction commits (sync/pull-json-filler.ts stores the changed items' pull JSON then).
 */
const lockedBy = new WeakMap<Queryable, Set<string>>();

function noteLocked(tx: Queryable, officeIds: readonly string[]): void {
  const seen = lockedBy.get(tx);
  if (seen) for (const id of officeIds) seen.add(id);
  else lockedBy.set(tx, new Set(officeIds));
}

/** The offices `tx` took the change lock of (none: undefined). */
export function officesLockedBy(tx: Queryable): ReadonlySet<string> | undefined {
  return lockedBy.get(tx);
}

/**
 * Takes the change locks of several offices until the end of the current transaction, in one
 * statement (a publish writes many offices' lists at once: server/insurer/publish.ts). The keys and
 * their hash are lockOfficeChanges's, so every other writer of one of these offices waits for this
 * transaction as it would for a single-office one. Taken in one fixed order (the ids sorted) so two
 * transactions that lock overlapping sets of offices wait for each other instead of deadlocking.
 */
export async function lockOfficesChanges(tx: Queryable, officeIds: readonly string[]): Promise<void> {
  const ids = [...new Set(officeIds)].sort();
  if (ids.length === 0) return;
  noteLocked(tx, ids);
  if (ids.length === 1) return lockOfficeChanges(tx, ids[0] as string);
  // The subquery fixes the order the locks are taken in (the volatile lock function is evaluated
  // row by row as the sorted rows come up; OFFSET 0 keeps the planner from flattening the subquery).
  await tx.query(
    `select count(pg_advisory_xact_lock(hashtextextended('office-changes:' || s.id, 0)))
       from (select id from unnest($1::text[]) with ordinality as u(id, n) order by n offset 0) s`,
    [ids],
  );
}
