import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';

export type SeedShape = {
  offices: number;
  /** Items per office, one member each, ids `o<office>i<n>` (members `o<office>m<n>`). */
  items: number;
  /**
   * Members per household: 1 (every member insured, its own household) or 3 (an insured and two
   * dependants, as the pull's household lookup sees in a real office).
   */
  householdSize?: 1 | 3;
};

/**
 * Migrates an empty database and seeds one insurer, `offices` offices (`o1`…) with one list each
 * (`l1`…) and `items` members and items per office, set-based in a handful of statements: the shared
 * seed of the push bench (scripts/bench/push-apply.ts) and the query plans (scripts/explain-queries.ts).
 */
export async function seedOffices(db: Database, { offices, items, householdSize = 1 }: SeedShape): Promise<void> {
  await migrate(db);
  await db.query(`insert into insurers (id, name, number, phone) values ('ins', 'Insurer', '01130012', '0')`);
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash)
     select 'o' || o, 'ins', 'O' || o, 'Office', 'x:y' from generate_series(1, $1::int) o`,
    [offices],
  );
  await db.query(
    `insert into recall_lists (id, office_id, title, period, received_at)
     select 'l' || o, 'o' || o, 'List', '2026-11', now() from generate_series(1, $1::int) o`,
    [offices],
  );
  await db.query(
    `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
     select 'o' || o || 'm' || g, 'o' || o, 'o' || o || 'h' || (g / $3::int),
            case when g % $3::int = 0 then 'self' else 'dependant' end,
            'Name', 'カナ', '1980-01-01', 'female', '1', g::text, '00'
       from generate_series(1, $1::int) o, generate_series(1, $2::int) g`,
    [offices, items, householdSize],
  );
  await db.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
     select 'o' || o || 'i' || g, 'o' || o, 'l' || o, 'o' || o || 'm' || g, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'
       from generate_series(1, $1::int) o, generate_series(1, $2::int) g`,
    [offices, items],
  );
}
