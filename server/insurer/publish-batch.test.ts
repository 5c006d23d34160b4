import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishRow } from '../../src/api/insurer-schemas';
import type { Database } from '../db/database';
import { openTestDatabase } from '../testing/test-database';
import { checkRows, publish } from './publish';
import { publishRow } from './staff-api';
import type { StaffSession } from './staff-auth';

// The set-based publish (docs/decisions/032-set-based-publish.md): whole offices in batches, each batch
// one transaction, with the guarantees one transaction an office gave (ADR 020).
let db: Database;
const session: StaffSession = { staffId: 'staff-minato', insurerId: 'ins-minato', sessionRef: 'a'.repeat(64) };
const CODES = ['BT-0', 'BT-1', 'BT-2', 'BT-3', 'BT-4'];

beforeEach(async () => {
  db = await openTestDatabase();
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash, enrolled_at)
     select 'bt-' || g, 'ins-minato', 'BT-' || g, 'バッチ株式会社', 'x:y', now() from generate_series(0, 4) g`,
  );
});
afterEach(async () => {
  await db.close();
});

/** Three rows an office: two documents of one member and a dependant of another household. */
function rowsOf(codes: string[]): PublishRow[] {
  return codes.flatMap((code, o) => [
    publishRow(code, 1, { issueNo: `${code}-1` }),
    publishRow(code, 1, { issueNo: `${code}-2`, documentKind: 'old_card', reason: 'old_card' }),
    publishRow(code, 2 + o, { issueNo: `${code}-3`, branch: '01', relation: 'dependant', name: '扶養 花子' }),
  ]);
}

async function send(rows: PublishRow[], batchRows: number, key = 'k1') {
  const request = { period: '2026-11', title: '2026年11月分', rows };
  const offices = await checkRows(db, session, rows);
  return publish(db, session, request, offices, key.padEnd(64, '0'), new Date('2026-12-05T00:00:00Z'), batchRows);
}

type Versioned = { office: string; kind: string; issue_no: string | null; version: number };
async function versions(): Promise<Versioned[]> {
  const found = await db.query<Versioned>(
    `select o.code as office, 'list' as kind, null as issue_no, l.version::int as version
       from recall_lists l join offices o on o.id = l.office_id where o.code like 'BT-%'
     union all
     select o.code, 'item', i.issue_no, i.version::int
       from recall_items i join offices o on o.id = i.office_id where o.code like 'BT-%'
     order by version`,
  );
  return found.rows;
}

describe('publish in batches of whole offices', () => {
  it('publishes one list an office, the list’s version below its items’, the items in file order; the same upload again publishes once', async () => {
    // Six rows a batch: two offices each, the fifth office alone.
    const first = await send(rowsOf(CODES), 6);
    expect(first.offices.map((o) => [o.officeCode, o.items, o.published])).toEqual(
      CODES.map((code) => [code, 3, true]),
    );
    const seen = await versions();
    for (const code of CODES) {
      const mine = seen.filter((v) => v.office === code);
      expect(mine.map((v) => v.issue_no)).toEqual([null, `${code}-1`, `${code}-2`, `${code}-3`]);
    }
    const members = await db.query<{ n: number }>(`select count(*)::int as n from members where office_id like 'bt-%'`);
    expect(members.rows[0]?.n).toBe(10); // two an office: the second document shares its member

    const again = await send(rowsOf(CODES), 6);
    expect(again.offices.map((o) => [o.officeCode, o.listId, o.items, o.published])).toEqual(
      first.offices.map((o) => [o.officeCode, o.listId, 3, false]),
    );
    expect(await versions()).toHaveLength(seen.length);
  });

  it('skips the offices a cut-short send already published and publishes the rest', async () => {
    await send(rowsOf(['BT-1', 'BT-3']), 100);
    const whole = await send(rowsOf(CODES), 100);
    expect(whole.offices.map((o) => [o.officeCode, o.published])).toEqual([
      ['BT-0', true],
      ['BT-1', false],
      ['BT-2', true],
      ['BT-3', false],
      ['BT-4', true],
    ]);
    const lists = await db.query<{ n: number }>(
      `select count(*)::int as n from recall_lists where office_id like 'bt-%'`,
    );
    expect(lists.rows[0]?.n).toBe(5);
  });

  it('a batch that fails publishes its offices one by one: those before the failing office stay published', async () => {
    await db.query(`create function fail_bt2() returns trigger language plpgsql as $$
      begin if new.office_id = 'bt-2' then raise exception 'boom'; end if; return new; end $$`);
    await db.query('create trigger fail_bt2 before insert on recall_items for each row execute function fail_bt2()');
    // One batch of all five offices.
    await expect(send(rowsOf(CODES), 100)).rejects.toThrow(/boom/);
    const published = await db.query<{ code: string }>(
      `select o.code from recall_lists l join offices o on o.id = l.office_id where o.code like 'BT-%' order by o.code`,
    );
    expect(published.rows.map((r) => r.code)).toEqual(['BT-0', 'BT-1']);
    const orphans = await db.query(`select 1 from members where office_id = 'bt-2'`);
    expect(orphans.rows).toEqual([]);

    await db.query('drop trigger fail_bt2 on recall_items');
    const again = await send(rowsOf(CODES), 100);
    expect(again.offices.filter((o) => o.published).map((o) => o.officeCode)).toEqual(['BT-2', 'BT-3', 'BT-4']);
  });
});
