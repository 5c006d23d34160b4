import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecallItem } from '../src/api/schemas';
import { createApp } from './app';
import type { Database } from './db/database';
import { freshApp, reopened, returned, type TestApp } from './testing/fresh-app';

/**
 * Issue 18: a mutation the database fails on is answered on its own (rejected, server_error) and
 * never turns the batch into a 5xx; and the folded state kept per change (migration 010) gives the
 * same status as folding the whole history.
 */
let t: TestApp;
let token: string;
let open: RecallItem[];

beforeAll(async () => {
  t = await freshApp();
  token = (await t.signIn('DEMO-1')).token;
  open = (await t.pullAll(token)).items.filter((i) => i.status === 'to_collect' && !i.withdrawn);
});
afterAll(async () => {
  await t.db.close();
});

/**
 * The test database, except that any statement carrying `poison` fails like a data error, as a
 * value, inside an array value or inside a JSON document (the set-based push sends a slice's values
 * as JSON documents, docs/decisions/034, 037).
 */
function poisoned(db: Database, poison: string, code: string): Database {
  const fail = (params?: unknown[]) => {
    if (params?.some((p) => (typeof p === 'string' && p.includes(poison)) || (Array.isArray(p) && p.includes(poison))))
      throw Object.assign(new Error('invalid byte sequence'), { code });
  };
  return {
    query: async (sql, params) => {
      fail(params);
      return db.query(sql, params);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => {
            fail(params);
            return tx.query(sql, params);
          },
        }),
      ),
    close: () => db.close(),
  };
}

async function push(app: ReturnType<typeof createApp>, mutations: unknown[]): Promise<Response> {
  return app.request('/api/v1/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ deviceId: randomUUID(), mutations }),
  });
}

describe('one mutation the database fails on', () => {
  it('is rejected with server_error, and the ones before and after it are applied', async () => {
    const [a, b, c] = open.splice(0, 3) as [RecallItem, RecallItem, RecallItem];
    const logged: string[] = [];
    const app = createApp({
      db: poisoned(t.db, b.id, '22021'),
      now: () => t.clock.now,
      logger: { info: () => {}, error: (l) => logged.push(l) },
    });
    const ms = [a, b, c].map((i) => returned(i.id, '2026-11-20T01:00:00.000Z'));
    const res = await push(app, ms);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([
      { id: ms[0]?.id, status: 'applied' },
      { id: ms[1]?.id, status: 'rejected', reason: 'server_error' },
      { id: ms[2]?.id, status: 'applied' },
    ]);
    expect(logged.join('\n')).toContain('(22021)');
    expect(logged.join('\n')).not.toContain(b.id);
    // Not recorded: the same mutation goes through once the fault is gone.
    expect((await t.push(token, [ms[1] as never])).results).toEqual([{ id: ms[1]?.id, status: 'applied' }]);
  });

  it('a failure of the database itself still fails the request, so the device sends it again', async () => {
    const [a] = open.splice(0, 1) as [RecallItem];
    const app = createApp({ db: poisoned(t.db, a.id, '08006'), logger: { info: () => {}, error: () => {} } });
    const res = await push(app, [returned(a.id, '2026-11-20T01:00:00.000Z')]);
    // 503: the client retries it without counting it against the mutation (src/sync/push.ts).
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the state kept after each change', () => {
  it('gives the same status as a full refold, also for history recorded before it was kept', async () => {
    const [a] = open.splice(0, 1) as [RecallItem];
    const r1 = returned(a.id, '2026-11-20T01:00:00.000Z', '2026-11-20T01:00:00.000Z', 'hand');
    const r2 = reopened(a.id, '2026-11-20T03:00:00.000Z');
    await t.push(token, [r1, r2]);
    // As if recorded before migration 010.
    await t.db.query('update applied_mutations set state_after = null where item_id = $1', [a.id]);
    // A return made between the two, arriving late: the later reopen still wins.
    const late = returned(a.id, '2026-11-20T02:00:00.000Z', '2026-11-20T02:00:00.000Z', 'post');
    expect((await t.push(token, [late])).results[0]?.status).toBe('applied');
    const after = (await t.pullAll(token)).items.find((i) => i.id === a.id);
    expect(after?.status).toBe('to_collect');
    const unfolded = await t.db.query('select 1 from applied_mutations where item_id = $1 and state_after is null', [
      a.id,
    ]);
    expect(unfolded.rows).toEqual([]);
    // A return after the reopen, then one that arrives late but is earlier than the reopen: returned stays.
    await t.push(token, [returned(a.id, '2026-11-20T04:00:00.000Z', '2026-11-20T04:00:00.000Z', 'hand')]);
    await t.push(token, [returned(a.id, '2026-11-20T00:30:00.000Z', '2026-11-20T00:30:00.000Z', 'post')]);
    const last = (await t.pullAll(token)).items.find((i) => i.id === a.id);
    expect(last).toMatchObject({ status: 'returned', returnedAt: '2026-11-20T04:00:00.000Z', returnMethod: 'hand' });
  });
});
