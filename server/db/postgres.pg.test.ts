import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/insert-demo';
import { pullChanges } from '../sync/pull';
import { openTestDatabase } from '../testing/test-database';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite';

/**
 * PostgreSQL only (npm run test:pg): node-postgres behind openPostgres returns the same JavaScript
 * values as PGlite, so callers and tests cannot tell the two apart.
 */
let lite: Database;
let pg: Database;

beforeAll(async () => {
  lite = await openPglite();
  await migrate(lite);
  await seedDemo(lite);
  pg = await openTestDatabase();
});
afterAll(async () => {
  await lite.close();
  await pg.close();
});

const SAMPLE = `select 1::int8 as small_int8, 9007199254740993::int8 as big_int8, count(*) as counted,
  1.50::numeric as num, 2::int4 as i4, 1.5::float8 as f8, '2026-01-02'::date as day,
  '2026-01-02T03:04:05.678Z'::timestamptz as instant, '{"a":[1,"x"]}'::jsonb as jb, '{"b":2}'::json as j,
  true as yes, 'x'::char(3) as padded, array[1, 9007199254740993]::int8[] as int8s, null::int8 as none,
  to_char('2026-01-02T15:00:00Z'::timestamptz, 'YYYY-MM-DD HH24') as formatted, current_setting('TimeZone') as tz
  from (values (1), (2)) v(x)`;

describe('openPostgres returns what PGlite returns', () => {
  it('for every column type the API uses', async () => {
    const [a, b] = await Promise.all([lite.query(SAMPLE), pg.query(SAMPLE)]);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows[0]?.small_int8).toBe(1);
    expect(b.rows[0]?.big_int8).toBe(9007199254740993n);
    expect(b.rows[0]?.day).toEqual(new Date('2026-01-02T00:00:00Z'));
  });

  it('for a whole pull of the demo office', async () => {
    const office = await lite.query<{ id: string }>(`select id from offices where code = 'DEMO-1'`);
    const id = office.rows[0]?.id as string;
    const [a, b] = await Promise.all([pullChanges(lite, id, '0', 10_000), pullChanges(pg, id, '0', 10_000)]);
    expect(a.items.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('rolls a failed transaction back and keeps the connection usable', async () => {
    await expect(
      pg.transaction(async (tx) => {
        await tx.query(`update offices set name = 'changed' where code = 'DEMO-1'`);
        await tx.query('select 1/0');
      }),
    ).rejects.toThrow();
    const name = await pg.query<{ name: string }>(`select name from offices where code = 'DEMO-1'`);
    expect(name.rows[0]?.name).not.toBe('changed');
    expect((await pg.transaction((tx) => tx.query<{ one: number }>('select 1 as one'))).rows).toEqual([{ one: 1 }]);
  });
});
