import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';

/**
 * Embedded PostgreSQL (PGlite) behind the small Database interface.
 *
 * PGlite is a single connection. It already runs every `query` and `transaction` under one internal
 * mutex, but we keep our own promise queue as well so that the guarantee does not depend on a
 * library detail: while a transaction is open, nothing else (another transaction, or a plain query
 * from another request) can run its statements inside it.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  // undefined = in-memory, used by tests and by DATA_DIR=:memory:
  const pg = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let waiting = 0;

  /** Runs `task` after everything queued before it, whether that succeeded or failed. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    waiting += 1;
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    void queue.then(() => {
      waiting -= 1;
    });
    return run;
  }

  const toQueryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await target.query<T>(sql, params);
      return { rows: result.rows };
    },
  });
  const direct = toQueryable(pg);

  return {
    queued: () => waiting,
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]) {
      return exclusive(() => direct.query<T>(sql, params));
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      // PGlite's transaction() commits when fn resolves and rolls back when it throws.
      return exclusive(() => pg.transaction((tx) => fn(toQueryable(tx))));
    },
    async close() {
      if (closed) return;
      closed = true;
      // Let queued work finish first so a graceful shutdown does not cut a transaction in half.
      await exclusive(() => pg.close());
    },
  };
}
