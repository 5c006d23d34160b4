import { randomUUID } from 'node:crypto';
import { openPostgres } from '../server/db/postgres';
import { createScratchDatabase } from '../server/testing/test-database';
import { seedOffices } from './bench-helpers/seed-offices';

/**
 * `DATABASE_URL=postgres://… npx tsx scripts/explain-queries.ts`: seeds a scratch database with
 * OFFICES × ITEMS items (default 1,000 × 1,000 = 1,000,000, issue 19) and as many applied mutations,
 * then prints EXPLAIN ANALYZE of the hot queries of pull and of the set-based push (quoted in
 * docs/scaling.md). Drops it after.
 */
const OFFICES = Number(process.env.OFFICES ?? 1_000);
const ITEMS = Number(process.env.ITEMS ?? 1_000);
const adminUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) throw new Error('set DATABASE_URL to a PostgreSQL server');

const scratch = await createScratchDatabase(adminUrl, 'recall_explain');
const db = await openPostgres(scratch.url);
try {
  await seedOffices(db, { offices: OFFICES, items: ITEMS, householdSize: 3 });
  await db.query(
    `insert into applied_mutations (office_id, mutation_id, device_id, type, item_id, at, status, payload, state_after)
     select 'o' || o, gen_random_uuid(), gen_random_uuid(), 'item.reopened', 'o' || o || 'i' || g, now(), 'applied',
            jsonb_build_object('itemId', 'o' || o || 'i' || g), '{"status":"to_collect"}'::jsonb
       from generate_series(1, $1::int) o, generate_series(1, $2::int) g`,
    [OFFICES, ITEMS],
  );
  // Half of each office's items are in a live report (one report per office), as the pull marks them.
  await db.query(
    `insert into reports (office_id, id, mutation_id, form, list_id, clerk_name, clerk_phone, created_at)
     select 'o' || o, gen_random_uuid(), gen_random_uuid(), 'return_notice', 'l' || o, 'Clerk', '0', now()
       from generate_series(1, $1::int) o`,
    [OFFICES],
  );
  await db.query(
    `insert into report_items (office_id, report_id, item_id, form)
     select r.office_id, r.id, r.office_id || 'i' || g, 'return_notice'
       from reports r, generate_series(1, $1::int) g where g % 2 = 0`,
    [ITEMS],
  );
  await db.query('analyze');
  const office = `o${Math.ceil(OFFICES / 2)}`;
  const cursor = await db.query<{ v: number }>(
    'select max(version) - 100 as v from recall_items where office_id = $1',
    [office],
  );
  // The office of the plans gets its items' pull JSON stored (as the filler does after writes);
  // another one is left without, to show the plan that builds it.
  await db.query('select * from fill_pull_json($1, 0, $2)', [office, ITEMS]);
  const unfilled = 'o1';
  const unfilledCursor = await db.query<{ v: number }>(
    'select max(version) - 100 as v from recall_items where office_id = $1',
    [unfilled],
  );
  const sliceItems = Array.from({ length: 200 }, (_, k) => `${office}i${k * 5 + 1}`);
  const queries: Array<[string, string, unknown[]]> = [
    [
      // pull_slice's items (migration 020), whose own plan EXPLAIN does not show inside the function:
      // on an office whose items have no stored text yet, each item is built with its lookups.
      'Pull: items after the cursor (page of 500), none stored: built with their lookups and live report',
      'select v.version, v.json from pull_items v where v.office_id = $1 and v.version > $2 order by v.version limit 501',
      [unfilled, unfilledCursor.rows[0]?.v ?? 0],
    ],
    [
      // The same once the filler stored the texts: the lookups are behind a one-time filter, never run.
      'Pull: items after the cursor (page of 500), every item stored (docs/decisions/039)',
      'select v.version, v.json from pull_items v where v.office_id = $1 and v.version > $2 order by v.version limit 501',
      [office, cursor.rows[0]?.v ?? 0],
    ],
    [
      'Pull: lists after the cursor',
      'select id, title, period, received_at, source, version from recall_lists where office_id = $1 and version > $2 order by version limit 501',
      [office, cursor.rows[0]?.v ?? 0],
    ],
    [
      'Push (set-based, 200 changes): which of these mutation ids are recorded?',
      'select mutation_id, status, reason from applied_mutations where office_id = $1 and mutation_id = any($2::uuid[])',
      [office, Array.from({ length: 200 }, () => randomUUID())],
    ],
    [
      "Push (set-based): lock the slice's items",
      `select id, status, base_state, withdrawn from recall_items
        where office_id = $1 and id = any($2::text[]) order by id for update`,
      [office, sliceItems],
    ],
    [
      'Push (set-based): the latest applied change of each item',
      `select i.id as item_id, l.at, l.mutation_id, l.state_after
         from unnest($2::text[]) as i(id)
         cross join lateral (
           select a.at, a.mutation_id, a.state_after from applied_mutations a
            where a.office_id = $1 and a.item_id = i.id and a.status = 'applied' and a.payload is not null
            order by a.at desc, a.mutation_id desc limit 1) l`,
      [office, sliceItems],
    ],
    [
      'Push (set-based): which of the items are in a live report',
      `select distinct item_id from report_items
        where office_id = $1 and item_id = any($2::text[]) and withdrawn_at is null`,
      [office, sliceItems],
    ],
    [
      'Auth: session of a bearer token (full or push)',
      `select office_id, token_hash from sessions
        where (token_hash = $1 or push_token_hash = $1) and revoked_at is null and expires_at > now()`,
      ['0'.repeat(64)],
    ],
  ];
  const counts = await db.query<{ items: number; mutations: number }>(
    'select (select count(*) from recall_items) as items, (select count(*) from applied_mutations) as mutations',
  );
  console.log(`rows: ${JSON.stringify(counts.rows[0])}`);
  // Bytes per row including indexes and TOAST: the storage arithmetic in docs/scaling.md.
  const sizes = await db.query<{ table: string; rows: number; bytes_per_row: number; total: string }>(
    `select c.relname as table, c.reltuples::bigint as rows,
            (pg_total_relation_size(c.oid) / greatest(c.reltuples, 1))::int as bytes_per_row,
            pg_size_pretty(pg_total_relation_size(c.oid)) as total
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.reltuples > 0 order by c.relname`,
  );
  console.table(sizes.rows);
  for (const [name, sql, params] of queries) {
    const rows = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${sql}`, params);
    const plan = rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    console.log(`\n### ${name}\n${plan}`);
  }
} finally {
  await db.close();
  await scratch.drop();
}
