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
  return lockForTransaction(tx, `office-changes:${officeId}`);
}
