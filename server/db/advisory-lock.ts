import type { Queryable } from './database';

/**
 * Waits for, then holds until the end of the current transaction, a PostgreSQL advisory lock named
 * by `key` (hashed to 64 bits; a collision only makes two unrelated steps wait for each other).
 * Serialises work across connections and server instances; on PGlite (one connection) it is free.
 */
export async function lockForTransaction(tx: Queryable, key: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
