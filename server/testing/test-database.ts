import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../db/database';
import { MIGRATIONS_DIR, migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { generateDemoData } from '../seed/demo-data';
import { seedDemo } from '../seed/insert-demo';

/**
 * Test support: a fresh, isolated database with the migrations and the demo seed.
 *
 * In-memory PGlite by default. In the `server-pg` vitest project (`npm run test:pg`, which sets
 * TEST_DATABASE=postgres) it is a new database on the PostgreSQL server at TEST_DATABASE_URL,
 * cloned from a migrated and seeded template; `close()` drops it again.
 */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
}

export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  if (testDatabaseKind() === 'pglite') {
    const db = await openPglite();
    await migrate(db);
    await seedDemo(db);
    return db;
  }
  return cloneInto(await ensureTemplate(), { max: options.poolSize });
}

/** The admin connection string: TEST_DATABASE_URL names a database the tests may create others from. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_DATABASE_URL (postgres://user@host:port/db)');
  return url;
}

function urlFor(database: string, adminUrl = testDatabaseUrl()): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>, adminUrl = testDatabaseUrl()): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A new empty database on the server at `adminUrl` (benchmarks, tests): its connection string, and
 * `drop()` to remove it with whatever is still connected to it.
 */
export async function createScratchDatabase(
  adminUrl: string,
  prefix = 'recall_scratch',
  template = 'template0',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${template}`), adminUrl);
  return {
    url: urlFor(name, adminUrl),
    async drop() {
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`), adminUrl);
    },
  };
}

async function cloneInto(template: string, options: { max?: number } = {}): Promise<Database> {
  const scratch = await createScratchDatabase(testDatabaseUrl(), 'recall_test', template);
  const db = await openPostgres(scratch.url, { max: options.max ?? 5, applicationName: 'shikaku-recall-test' });
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

/**
 * The template is named by a hash of the migrations and the demo data, so it is built once per
 * change and shared by every test file and worker; an advisory lock keeps parallel workers from
 * building it twice, and it only gets its final name when it is complete.
 */
async function ensureTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  hash.update(JSON.stringify(generateDemoData()));
  const template = `recall_template_${hash.digest('hex').slice(0, 16)}`;

  return withAdmin(async (admin) => {
    await admin.query(`select pg_advisory_lock(hashtextextended('recall-test-template', 0))`);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rows.length > 0) return template;
      const building = `${template}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building} template template0`);
      const db = await openPostgres(urlFor(building), { max: 2, applicationName: 'shikaku-recall-test' });
      try {
        await migrate(db);
        await seedDemo(db);
      } finally {
        await db.close();
      }
      await admin.query(`alter database ${building} rename to ${template}`);
      return template;
    } finally {
      await admin.query(`select pg_advisory_unlock(hashtextextended('recall-test-template', 0))`);
    }
  });
}
