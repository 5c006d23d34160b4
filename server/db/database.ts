/**
 * The one small database interface the insurer API talks to. PostgreSQL dialect throughout, so the
 * same SQL and migrations run on embedded PGlite (default) and on a real PostgreSQL server.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Database extends Queryable {
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Connections that can run transactions at the same time: the pool's size on PostgreSQL, unset (one) on PGlite. */
  readonly connections?: number;
  /**
   * Queries and transactions queued or running on the one connection (PGlite); unset on PostgreSQL,
   * where requests have connections of their own. A long batch job lets this drop to zero between
   * its transactions so the requests that arrived meanwhile go first (server/insurer/publish.ts).
   */
  queued?(): number;
}
