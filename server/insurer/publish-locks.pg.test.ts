import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishRow } from '../../src/api/insurer-schemas';
import type { Database } from '../db/database';
import { lockOfficeChanges } from '../sync/office-lock';
import { openTestDatabase } from '../testing/test-database';
import { checkRows, publish } from './publish';
import { publishRow } from './staff-api';
import type { StaffSession } from './staff-auth';

// On PostgreSQL a batch of offices takes every office's change lock (docs/decisions/032): another
// writer of one of them waits for it, or it for them, and two batches over the same offices in any
// order never deadlock.
let db: Database;
const session: StaffSession = { staffId: 'staff-minato', insurerId: 'ins-minato', sessionRef: 'b'.repeat(64) };
const CODES = ['BL-0', 'BL-1', 'BL-2', 'BL-3', 'BL-4'];

beforeEach(async () => {
  db = await openTestDatabase({ poolSize: 6 });
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash, enrolled_at)
     select 'bl-' || g, 'ins-minato', 'BL-' || g, 'ロック株式会社', 'x:y', now() from generate_series(0, 4) g`,
  );
});
afterEach(async () => {
  await db.close();
});

async function send(codes: string[], key: string) {
  const rows: PublishRow[] = codes.map((code, n) => publishRow(code, n, { issueNo: `${key}-${code}` }));
  const request = { period: '2026-11', title: '2026年11月分', rows };
  return publish(db, session, request, await checkRows(db, session, rows), key.padEnd(64, '0'), new Date(), 100);
}

describe('publish batches and the offices’ change locks on PostgreSQL', () => {
  it('a batch waits for a writer holding one of its offices’ locks', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const writer = db.transaction(async (tx) => {
      await lockOfficeChanges(tx, 'bl-3');
      locked();
      await held;
    });
    await isLocked;
    let done = false;
    const publishing = send(CODES, 'wait').then((r) => {
      done = true;
      return r;
    });
    // The batch's lock statement is on the server now; it cannot return while bl-3 is held.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    release();
    await writer;
    expect((await publishing).offices.every((o) => o.published)).toBe(true);
  });

  it('two uploads over the same offices in opposite orders both publish, without a deadlock', async () => {
    const [a, b] = await Promise.all([send(CODES, 'up'), send([...CODES].reverse(), 'down')]);
    expect(a.offices.filter((o) => o.published)).toHaveLength(5);
    expect(b.offices.filter((o) => o.published)).toHaveLength(5);
    const lists = await db.query<{ n: number }>(
      `select count(*)::int as n from recall_lists where office_id like 'bl-%'`,
    );
    expect(lists.rows[0]?.n).toBe(10);
  });
});
