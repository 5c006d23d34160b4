import { hashAccessCode } from '../auth/access-code';
import { lockForTransaction } from '../db/advisory-lock';
import type { Database, Queryable } from '../db/database';
import { seedDemoStaff } from '../insurer/staff-auth';
import { type DemoData, generateDemoData } from './demo-data';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for our widest table (17 columns). */
const CHUNK = 500;

/**
 * Inserts the demo data in one transaction; does nothing when the demo insurer already exists, so
 * it is safe to run on every start. Returns whether it inserted anything.
 */
export async function seedDemo(
  db: Database,
  data: DemoData = generateDemoData(),
  /** False on a schema from before staff accounts (migration tests). */
  withStaff = true,
): Promise<boolean> {
  const inserted = await seedDemoData(db, data);
  // Also on a database seeded before staff accounts existed (issue 20).
  if (withStaff) await seedDemoStaff(db);
  return inserted;
}

async function seedDemoData(db: Database, data: DemoData): Promise<boolean> {
  const insurer = data.insurers[0];
  if (!insurer) throw new Error('demo data without an insurer');
  const exists = await db.query('select 1 from insurers where id = $1', [insurer.id]);
  if (exists.rows.length > 0) return false;

  // Hash before the transaction: scrypt is slow on purpose and need not hold the database.
  const offices = await Promise.all(
    data.offices.map(async (o) => {
      const code = data.accessCodes[o.code];
      if (!code) throw new Error(`no demo access code for ${o.code}`);
      return { ...o, access_code_hash: await hashAccessCode(code) };
    }),
  );

  return db.transaction(async (tx) => {
    // Re-check under the lock in case two processes seed at once.
    await lockForTransaction(tx, 'startup:seed');
    const again = await tx.query('select 1 from insurers where id = $1', [insurer.id]);
    if (again.rows.length > 0) return false;
    await insertRows(tx, 'insurers', data.insurers);
    await insertRows(tx, 'offices', offices);
    await insertRows(tx, 'members', data.members);
    // Lists and items take their version from the change_version sequence (column default),
    // in insert order: oldest list first.
    await insertRows(tx, 'recall_lists', data.lists);
    await insertRows(tx, 'recall_items', data.items);
    return true;
  });
}

/**
 * Multi-row parameterised INSERT of plain objects whose keys are column names. Table and column
 * names come from our own code (never from a request), values always go through parameters.
 */
async function insertRows(tx: Queryable, table: string, rows: readonly object[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const record = row as Record<string, unknown>;
      const slots = columns.map((column) => {
        params.push(record[column]);
        return `$${params.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await tx.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
  }
}
