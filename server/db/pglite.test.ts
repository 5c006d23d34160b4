import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite';

let db: Database;
beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => {
  await db.close();
});

describe('openPglite + migrate', () => {
  it('applies every migration once and records it', async () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url))
      .filter((name) => name.endsWith('.sql'))
      .sort();
    expect(files.slice(0, 3)).toEqual(['001_init.sql', '002_members_household.sql', '003_member_notices.sql']);
    expect(await migrate(db)).toEqual(files);
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.rows.map((r) => r.name)).toEqual(files);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query("insert into insurers values ('a', 'A', '06135784', '0')"));
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into insurers values ('b', 'B', '33120015', '0')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ids = await db.query<{ id: string }>('select id from insurers order by id');
    expect(ids.rows.map((r) => r.id)).toEqual(['a']);
  });

  it('runs concurrent transactions one after another, never interleaved', async () => {
    await db.query('create table counter (n int not null)');
    await db.query('insert into counter values (0)');
    // Read-modify-write with a pause in between: interleaving would lose increments.
    const bump = () =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>('select n from counter');
        await new Promise((resolve) => setTimeout(resolve, 2));
        await tx.query('update counter set n = $1', [(rows[0]?.n ?? 0) + 1]);
      });
    await Promise.all([...Array.from({ length: 20 }, bump), db.query('select 1')]);
    const { rows } = await db.query<{ n: number }>('select n from counter');
    expect(rows[0]?.n).toBe(20);
  });
});
