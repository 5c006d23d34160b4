import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/**
 * The denominator of the server-throughput bench: a trivial Hono route on the same Node adapter as
 * the real server, in its own process, so "req/s of the mix ÷ req/s of this" says how far the API is
 * from what Node and Hono themselves allow on the same machine in the same run.
 */
const app = new Hono();
app.get('/', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 18_325), hostname: '127.0.0.1' });
