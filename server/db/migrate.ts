import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockForTransaction } from './advisory-lock';
import type { Database } from './database';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies `*.sql` files in file-name order, each at most once, each in its own transaction together
 * with its schema_migrations row: a failing migration leaves no half-applied schema behind and is
 * retried on the next start. Returns the names applied by this call.
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  // Several instances may start at once against one PostgreSQL: each step waits for the others'
  // (even `create table if not exists` can fail when two sessions race on it).
  await db.transaction(async (tx) => {
    await lockForTransaction(tx, 'startup:migrate');
    await tx.query(
      `create table if not exists schema_migrations (
         name text primary key,
         applied_at timestamptz not null default now()
       )`,
    );
  });
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const done = new Set(
    (await db.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const name of files) {
    if (done.has(name)) continue;
    const sql = await readFile(join(dir, name), 'utf8');
    await db.transaction(async (tx) => {
      // Re-check under the lock: two processes starting at once must not both apply it.
      await lockForTransaction(tx, 'startup:migrate');
      const seen = await tx.query('select 1 from schema_migrations where name = $1', [name]);
      if (seen.rows.length > 0) return;
      await execScript(tx, sql);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      applied.push(name);
    });
  }
  return applied;
}

/**
 * Runs a multi-statement script. The Queryable interface only has parameterised `query` (one
 * statement per call in the extended protocol), so split on semicolons at the end of a line; our
 * migrations keep to that style (no functions with `;` inside bodies).
 */
async function execScript(tx: { query: Database['query'] }, sql: string): Promise<void> {
  const withoutComments = sql.replace(/--[^\n]*/g, '');
  for (const statement of withoutComments.split(/;\s*(?:\n|$)/)) {
    if (statement.trim()) await tx.query(statement);
  }
}
