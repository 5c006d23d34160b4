import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../seed/demo-data';
import { seedDemo } from '../seed/insert-demo';
import { pullChanges } from '../sync/pull';
import type { Database } from './database';
import { MIGRATIONS_DIR, migrate } from './migrate';
import { openPglite } from './pglite';

let db: Database;
let before: string;
beforeAll(async () => {
  db = await openPglite();
  // The schema as it was before 007, with the demo data.
  before = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const name of readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('.sql') && n < '007'))
    copyFileSync(join(MIGRATIONS_DIR, name), join(before, name));
  await migrate(db, before);
  // The demo data as far as that schema has columns for it (009 added the insurer kinds' fields, 011 the office's 記号・番号 and address).
  const demo = generateDemoData();
  await seedDemo(
    db,
    {
      ...demo,
      insurers: demo.insurers.map(({ kind: _kind, ...insurer }) => insurer) as typeof demo.insurers,
      offices: demo.offices.map(
        ({ office_symbol: _s, office_number: _n, address: _a, ...office }) => office,
      ) as typeof demo.offices,
      lists: demo.lists.map(({ source: _source, ...list }) => list) as typeof demo.lists,
      items: demo.items
        .filter((i) => i.reason !== 'name_changed')
        .map(({ loss_date: _l, notice_arrived_on: _n, hr_event: _h, ...item }) => item) as typeof demo.items,
    },
    false,
  );
});
afterAll(async () => {
  await db.close();
  rmSync(before, { recursive: true, force: true });
});

describe('migration 007: items reported before it are pulled again, marked', () => {
  it('gives every item in a live report a new version, and no other item', async () => {
    const found = await db.query<{ id: string; office_id: string }>(
      `select id, office_id from recall_items where status = 'to_collect' order by id limit 1`,
    );
    const item = found.rows[0];
    if (!item) throw new Error('no demo item');
    const reportId = '0b6f5c3e-1d2a-4c5b-8e9f-000000000007';
    await db.query(
      `insert into reports (office_id, id, mutation_id, form, period, clerk_name, clerk_phone, created_at)
       values ($1, $2, gen_random_uuid(), 'return_notice', '2026-11', '人事', '03', '2026-11-20T00:00:00Z')`,
      [item.office_id, reportId],
    );
    await db.query(
      `insert into report_items (office_id, report_id, item_id, form) values ($1, $2, $3, 'return_notice')`,
      [item.office_id, reportId, item.id],
    );
    // A tablet that holds every change of the office so far.
    const upToDate = await db.query<{ v: string }>('select max(version)::text as v from recall_items');
    const cursor = upToDate.rows[0]?.v ?? '0';

    // 007 runs first; later migrations may follow it.
    expect((await migrate(db))[0]).toBe('007_report_marks.sql');
    const next = await pullChanges(db, item.office_id, cursor, 1000);
    const marked = next.items.filter((i) => i.inReport);
    expect(marked.map((i) => [i.id, i.inReport?.reportId])).toEqual([[item.id, reportId]]);
    // The only others sent again are those migration 009 gave a recovered 資格喪失日.
    for (const other of next.items.filter((i) => !i.inReport)) expect(other.lossDate, other.id).not.toBeNull();
  });
});
