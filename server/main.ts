import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { parseAllowedOrigins } from './http/cors';
import { seedDemo } from './seed/insert-demo';

/**
 * Starts the insurer API and serves the PWA build.
 *   PORT       default 8080
 *   DATA_DIR   PGlite data directory, default data/pglite (git-ignored); ":memory:" = fresh in-memory db
 *   SEED_DEMO  "0" to skip the demo data
 *   ALLOWED_ORIGINS  comma-separated foreign origins allowed by CORS (default none: same origin only)
 *   TRUST_PROXY      "1" when behind one reverse proxy that appends the client to X-Forwarded-For
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const dataDirEnv = process.env.DATA_DIR ?? 'data/pglite';
const inMemory = dataDirEnv === ':memory:';
const dataDir = inMemory ? undefined : resolve(repoRoot, dataDirEnv);

if (dataDir) mkdirSync(dataDir, { recursive: true });
const db = await openPglite(dataDir);
const applied = await migrate(db);
if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
if (process.env.SEED_DEMO !== '0' && (await seedDemo(db))) console.log('demo data inserted');

const app = createApp({
  db,
  staticDir: resolve(repoRoot, 'dist'),
  allowedOrigins: parseAllowedOrigins(process.env.ALLOWED_ORIGINS),
  trustProxy: process.env.TRUST_PROXY === '1',
  logger: { info: (line) => console.log(line), error: (line) => console.error(line) },
});
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`listening on http://localhost:${info.port}${inMemory ? ' (in-memory database)' : ''}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  // Stop taking requests, let running ones finish, then close the database so PGlite flushes to disk.
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
