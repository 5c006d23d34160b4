import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemMutation, PullResponse, PushResponse, RecallItem, SignInResponse } from '../src/api/schemas';
import { toStatusChange } from '../src/api/status-change';
import { type CollectionState, OPEN_STATE, resolveStatus } from '../src/domain/collection-status';
import { createApp } from './app';
import { toNumber } from './db/convert';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openPostgres } from './db/postgres';
import { seedDemo } from './seed/insert-demo';
import { DEMO_CODES } from './testing/fresh-app';
import { createScratchDatabase, testDatabaseUrl } from './testing/test-database';

/**
 * PostgreSQL only (npm run test:pg): two API instances, each with its own connection pool, on one
 * database, as behind a reverse proxy (docs/scaling.md, docs/decisions/023). A device may reach either
 * instance on any request: the answers must be those of one instance, the sign-in limits must count
 * across both, and the same mutations pushed to both at the same moment must be applied once.
 */
let scratch: { url: string; drop(): Promise<void> };
let dbA: Database;
let dbB: Database;
const clock = { now: new Date('2026-11-23T09:00:00Z') };
type App = ReturnType<typeof createApp>;
let a: App;
let b: App;

beforeAll(async () => {
  scratch = await createScratchDatabase(testDatabaseUrl(), 'recall_multi');
  dbA = await openPostgres(scratch.url, { max: 5, applicationName: 'instance-a' });
  await migrate(dbA);
  await seedDemo(dbA);
  dbB = await openPostgres(scratch.url, { max: 5, applicationName: 'instance-b' });
  a = createApp({ db: dbA, now: () => clock.now });
  b = createApp({ db: dbB, now: () => clock.now });
});
afterAll(async () => {
  await dbA?.close();
  await dbB?.close();
  await scratch?.drop();
});

const signIn = (app: App, officeCode: string, accessCode: string) =>
  app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ officeCode, accessCode }),
  });

async function tokenOf(app: App, officeCode: string): Promise<string> {
  const res = await signIn(app, officeCode, DEMO_CODES[officeCode] ?? '');
  expect(res.status).toBe(200);
  return ((await res.json()) as SignInResponse).token;
}

async function pullAll(app: App, token: string): Promise<{ items: RecallItem[]; cursor: string }> {
  const items: RecallItem[] = [];
  let cursor = '0';
  for (;;) {
    const res = await app.request(`/api/v1/sync/pull?cursor=${cursor}&limit=100`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as PullResponse;
    items.push(...page.items);
    cursor = page.cursor;
    if (!page.hasMore) return { items, cursor };
  }
}

async function push(app: App, token: string, mutations: ItemMutation[]): Promise<PushResponse> {
  const res = await app.request('/api/v1/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ deviceId: randomUUID(), mutations }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PushResponse;
}

/** Returns and reopens over `items`, each later than the one before; every fifth a reopen. */
function changes(items: RecallItem[], count: number, startMinute: number): ItemMutation[] {
  return Array.from({ length: count }, (_, k): ItemMutation => {
    const itemId = (items[(k * 7) % items.length] as RecallItem).id;
    const at = new Date(Date.UTC(2026, 10, 20, 0, startMinute) + k * 1000).toISOString();
    return k % 5 === 4
      ? { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } }
      : { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  });
}

function stateOf(item: RecallItem): CollectionState {
  return {
    status: item.status,
    returnedAt: item.returnedAt,
    returnMethod: item.returnMethod,
    unreturnableKind: item.unreturnableKind,
    unreturnableReason: item.unreturnableReason,
    statusChangedAt: item.statusChangedAt,
  };
}

describe('two API instances on one PostgreSQL', () => {
  it('answer as one instance: a session from either works on both, and both pull the same changes', async () => {
    const token = await tokenOf(a, 'DEMO-1');
    const before = await pullAll(b, token);
    const open = before.items.filter((i) => i.status === 'to_collect' && !i.withdrawn).slice(0, 12);
    expect(open.length).toBeGreaterThan(5);
    const all = changes(open, 120, 0);
    // Interleaved over both instances, at the same time.
    const [ra, rb] = await Promise.all([
      push(
        a,
        token,
        all.filter((_, k) => k % 2 === 0),
      ),
      push(
        b,
        token,
        all.filter((_, k) => k % 2 === 1),
      ),
    ]);
    expect([...ra.results, ...rb.results].every((r) => r.status === 'applied')).toBe(true);

    const [fromA, fromB] = await Promise.all([pullAll(a, token), pullAll(b, token)]);
    expect(fromB).toEqual(fromA);
    for (const item of open) {
      const pulled = fromA.items.filter((i) => i.id === item.id).at(-1) as RecallItem;
      const mine = all.filter((m) => m.payload.itemId === item.id).map((m) => ({ id: m.id, ...toStatusChange(m) }));
      expect(stateOf(pulled)).toEqual(resolveStatus(OPEN_STATE, mine));
    }
  });

  it('apply the same mutations sent to both at the same moment once each', async () => {
    const token = await tokenOf(b, 'DEMO-2');
    const open = (await pullAll(a, token)).items.filter((i) => i.status === 'to_collect' && !i.withdrawn).slice(0, 10);
    const all = changes(open, 300, 600);
    // Each instance gets the whole batch twice (a retry racing the original), all four at once.
    const answers = await Promise.all([
      push(a, token, all),
      push(b, token, all),
      push(a, token, all),
      push(b, token, all),
    ]);
    for (const [k, m] of all.entries()) {
      const statuses = answers.map((r) => r.results[k]?.status);
      expect(
        statuses.filter((s) => s === 'applied'),
        m.id,
      ).toHaveLength(1);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(3);
    }
    const ids = all.map((m) => m.id);
    const recorded = await dbA.query<{ n: unknown }>(
      'select count(*) as n from applied_mutations where mutation_id = any($1::uuid[])',
      [ids],
    );
    expect(toNumber(recorded.rows[0]?.n)).toBe(all.length);
    const audited = await dbB.query<{ n: unknown }>(
      `select count(*) as n from audit_log where mutation_id = any($1::uuid[]) and outcome = 'applied'`,
      [ids],
    );
    expect(toNumber(audited.rows[0]?.n)).toBe(all.length);
    const pulled = await pullAll(b, token);
    for (const item of open) {
      const latest = pulled.items.filter((i) => i.id === item.id).at(-1) as RecallItem;
      const mine = all.filter((m) => m.payload.itemId === item.id).map((m) => ({ id: m.id, ...toStatusChange(m) }));
      expect(stateOf(latest)).toEqual(resolveStatus(OPEN_STATE, mine));
    }
  });

  it('share the sign-in limits: wrong codes on either instance count together', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(a, 'DEMO-3', 'wrong')).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signIn(b, 'DEMO-3', 'wrong')).status).toBe(401);
    // The sixth try from this address is paused on both instances, the right code included.
    expect((await signIn(a, 'DEMO-3', 'wrong')).status).toBe(429);
    expect((await signIn(b, 'DEMO-3', DEMO_CODES['DEMO-3'] ?? '')).status).toBe(429);
    expect((await signIn(a, 'DEMO-3', DEMO_CODES['DEMO-3'] ?? '')).status).toBe(429);
  });
});
