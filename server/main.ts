import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { adapterErrorResponse } from './http/adapter-errors';
import { parseAllowedOrigins } from './http/cors';
import { seedDemo } from './seed/insert-demo';
import { PullJsonFiller } from './sync/pull-json-filler';

/**
 * Starts the insurer API and serves the PWA build.
 *   PORT               default 8080
 *   DATABASE_URL       postgres://user:password@host:port/db: use that PostgreSQL server (production,
 *                      several instances); when unset, embedded PGlite under DATA_DIR
 *   DATABASE_POOL_SIZE connections per instance to PostgreSQL, default 10
 *   DATA_DIR           PGlite data directory, default data/pglite (git-ignored); ":memory:" = fresh in-memory db
 *   SEED_DEMO          "0" to skip the demo data
 *   ALLOWED_ORIGINS    comma-separated foreign origins allowed by CORS (default none: same origin only)
 *   TRUST_PROXY        "1" when behind one reverse proxy that appends the client to X-Forwarded-For
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const databaseUrl = process.env.DATABASE_URL;
const dataDirEnv = process.env.DATA_DIR ?? 'data/pglite';
const inMemory = !databaseUrl && dataDirEnv === ':memory:';

async function openDatabase(): Promise<Database> {
  if (databaseUrl) {
    const db = await openPostgres(databaseUrl, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // Host and database name only: the URL can carry a password.
    const { hostname, port: dbPort, pathname } = new URL(databaseUrl);
    console.log(`database: PostgreSQL at ${hostname}:${dbPort || 5432}${pathname}`);
    return db;
  }
  const dataDir = inMemory ? undefined : resolve(repoRoot, dataDirEnv);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return openPglite(dataDir);
}

const db = await openDatabase();
const applied = await migrate(db);
if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
if (process.env.SEED_DEMO !== '0' && (await seedDemo(db))) console.log('demo data inserted');

// Stores items' pull JSON after writes (docs/decisions/039); at start-up every office once, so items
// written before migration 020 or by a stopped instance get theirs too (off the request path).
const pullJsonFiller = new PullJsonFiller(db, { onError: (line) => console.error(line) });
const app = createApp({
  db,
  pullJsonFiller,
  staticDir: resolve(repoRoot, 'dist'),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
  trustProxy: process.env.TRUST_PROXY === '1',
  logger: { info: (line) => console.log(line), error: (line) => console.error(line) },
});
// Requests still being handled, so that a shutdown can let them finish even when their client has
// already hung up (a push applies its mutations one after another).
let inFlight = 0;
// The adapter's own listener with an error handler: requests it cannot read (a backslash path, a `*`
// target) answer problem+json like every other error (http/adapter-errors.ts).
const listener = getRequestListener(
  // The adapter's env (the Node request and response) passes through: getConnInfo needs it.
  async (...args: Parameters<typeof app.fetch>) => {
    inFlight += 1;
    try {
      return await app.fetch(...args);
    } finally {
      inFlight -= 1;
    }
  },
  { errorHandler: adapterErrorResponse },
);
const server = createServer(listener);
pullJsonFiller.noteAll().catch(() => console.error('pull JSON: offices not queued at start-up'));
server.listen(port, () => {
  console.log(`listening on http://localhost:${port}${inMemory ? ' (in-memory database)' : ''}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  // Stop taking requests, let running ones finish, then close the database (PGlite flushes to disk;
  // the PostgreSQL pool waits for checked-out connections and ends them).
  // Keep-alive connections close when idle; running requests get up to 10 s.
  server.close();
  const deadline = Date.now() + 10_000;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await pullJsonFiller.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
