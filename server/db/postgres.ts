import pg from 'pg';
import type { Database, Queryable } from './database';

export type PostgresOptions = {
  /** Connections this process keeps at most (DATABASE_POOL_SIZE in main.ts). */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell the API's connections from others. */
  applicationName?: string;
};

/**
 * Value parsers that make node-postgres return what PGlite returns, so every caller, test and
 * conversion in convert.ts sees the same JavaScript values on either database:
 * - int8 (count(*), versions): a number when it is a safe integer, else a bigint (PGlite does the same);
 * - date: midnight UTC (node-postgres would use the process's local midnight and shift the day east of UTC);
 * - int8[]: numbers, like int8.
 * numeric stays a string, timestamptz a Date and json/jsonb parsed objects: already the same on both.
 */
const int8 = (text: string): number | bigint => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
};
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format !== 'binary') {
      if (oid === pg.types.builtins.INT8) return int8;
      if (oid === pg.types.builtins.DATE) return (text: string) => new Date(`${text}T00:00:00Z`);
      if (oid === INT8_ARRAY) {
        const parseArray = pg.types.getTypeParser(INT8_ARRAY) as (text: string) => string[] | null;
        return (text: string) => parseArray(text)?.map((v) => (v === null ? v : int8(v)));
      }
    }
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
const INT8_ARRAY = 1016 as Parameters<typeof pg.types.getTypeParser>[0];

/**
 * A real PostgreSQL server behind the small Database interface, through a connection pool.
 *
 * Unlike PGlite, statements of different requests run at the same time on different connections;
 * the code that depends on ordering takes its own locks (server/sync/office-lock.ts,
 * docs/decisions/010-postgresql.md).
 */
export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'shikaku-recall',
    // Same session time zone as PGlite, so to_char, ::date and now()-arithmetic agree on both.
    options: '-c TimeZone=UTC',
    types,
  });
  // An idle connection that the server drops (restart, idle timeout) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', (err) =>
    console.error(`postgres: idle connection lost (${(err as { code?: string }).code ?? err.name})`),
  );
  // Fail at start-up, not on the first request, when the server cannot be reached.
  const probe = await pool.connect();
  probe.release();

  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await target.query(sql, params);
      return { rows: result.rows as T[] };
    },
  });
  const direct = wrap(pool);
  let closing: Promise<void> | undefined;

  return {
    query: direct.query,
    connections: options.max ?? 10,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        try {
          const result = await fn(wrap(client));
          await client.query('commit');
          return result;
        } catch (err) {
          try {
            await client.query('rollback');
          } catch (rollbackErr) {
            // The connection is in an unknown state: do not hand it to the next request.
            broken = rollbackErr as Error;
          }
          throw err;
        }
      } finally {
        client.release(broken);
      }
    },
    close() {
      closing ??= endPool(pool);
      return closing;
    },
  };
}

/**
 * pool.end() waits for checked-out clients to be released (running transactions finish) but resolves
 * before the connections have actually closed; wait for those too, so that whoever closes the
 * database next (a test dropping it, a process exiting) finds no session of ours left.
 */
function endPool(pool: pg.Pool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open <= 0) resolve();
    });
  });
  return pool.end().then(() => closed);
}
