import { hashToken, newToken } from '../server/auth/access-code';
import type { Database } from '../server/db/database';
import { openPglite } from '../server/db/pglite';
import { openPostgres } from '../server/db/postgres';
import { createScratchDatabase } from '../server/testing/test-database';
import { seedOffices } from './bench-helpers/seed-offices';

/**
 * `npx tsx scripts/pull-timing.ts` (PGlite; with DATABASE_URL also PostgreSQL): where a pull's time
 * goes inside the database, one statement at a time, in process (no HTTP). Prints the mean time of
 * each statement over many calls: a bare round trip, the session lookup, an up-to-date slice, a
 * first-sync page of 500 as the route reads it (slices of 25 + 100…) and in one statement, and the
 * same 500 rows without their JSON. docs/decisions/033 quotes it.
 */
const OFFICES = 5;
const ITEMS = 1_000;
const ROUNDS = Number(process.env.ROUNDS ?? 40);

async function timed(label: string, rounds: number, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await run();
  const started = performance.now();
  for (let i = 0; i < rounds; i++) await run();
  console.log(`  ${label.padEnd(58)} ${((performance.now() - started) / rounds).toFixed(2)} ms`);
}

async function measure(name: string, db: Database): Promise<void> {
  await seedOffices(db, { offices: OFFICES, items: ITEMS, householdSize: 3 });
  const token = newToken();
  await db.query(`insert into sessions (token_hash, office_id, expires_at) values ($1, 'o1', '2099-01-01')`, [
    hashToken(token),
  ]);
  const head = String(
    (await db.query<{ v: number }>(`select max(version) as v from recall_items where office_id = 'o1'`)).rows[0]?.v,
  );
  const now = new Date().toISOString();
  console.log(`${name} (${OFFICES} offices × ${ITEMS} items, ${ROUNDS} rounds)`);
  await timed('select 1 (a round trip)', ROUNDS * 5, () => db.query('select 1'));
  await timed('session lookup', ROUNDS * 5, () =>
    db.query(
      `select office_id, token_hash from sessions
        where (token_hash = $1 or push_token_hash = $1) and revoked_at is null and expires_at > $2`,
      [hashToken(token), now],
    ),
  );
  await timed('up to date: pull_slice(head, 25)', ROUNDS * 5, () =>
    db.query('select * from pull_slice($1, $2, 25, true)', ['o1', head]),
  );
  await timed('up to date: pull_session_slice(head, 25)', ROUNDS * 5, () =>
    db.query('select * from pull_session_slice($1::bpchar, $2::timestamptz, $3::bigint, 25)', [
      hashToken(token),
      now,
      head,
    ]),
  );
  await timed('first page: slices 25 + 4 × 100 + 75', ROUNDS, async () => {
    let at = '0';
    for (const take of [25, 100, 100, 100, 100, 75]) {
      const { rows } = await db.query<{ page_last: string }>('select * from pull_slice($1, $2, $3, $4)', [
        'o1',
        at,
        take,
        at === '0',
      ]);
      at = rows[0]?.page_last ?? at;
    }
  });
  await timed('first page: one slice of 500', ROUNDS, () =>
    db.query('select * from pull_slice($1, 0, 500, true)', ['o1']),
  );
  await timed('first page: the same 500 rows, lookups only (no JSON)', ROUNDS, () =>
    db.query(
      `select count(*), max(h.name), max(m.name) from (
         select i.* from recall_items i where i.office_id = $1 and i.version > 0 order by i.version limit 501) i
         cross join lateral (select * from members m where m.id = i.member_id limit 1) m
         left join lateral (select h.name from members h where h.office_id = m.office_id
                              and h.household_id = m.household_id and h.relation = 'self' limit 1) h on true
         left join lateral (select ri.report_id from report_items ri
                             where ri.office_id = i.office_id and ri.item_id = i.id and ri.withdrawn_at is null limit 1) rep on true`,
      ['o1'],
    ),
  );
  await timed('first page: 500 item rows, no joins, no JSON', ROUNDS, () =>
    db.query(
      `select count(*) from (select * from recall_items i where i.office_id = $1 and i.version > 0 order by i.version limit 501) x`,
      ['o1'],
    ),
  );
}

const pglite = await openPglite();
try {
  await measure('PGlite (in memory)', pglite);
} finally {
  await pglite.close();
}
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const scratch = await createScratchDatabase(adminUrl, 'recall_pull_timing');
  const db = await openPostgres(scratch.url);
  try {
    await measure('PostgreSQL', db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}
