import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Mutation, PullResponse, PushResponse, RecallItem, SignInResponse } from '../../src/api/schemas';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { openTestDatabase } from './test-database';

/**
 * Test support: the real app on a fresh database with migrations and the demo seed: in-memory PGlite,
 * or a fresh PostgreSQL database in `npm run test:pg` (test-database.ts).
 */
export type TestApp = {
  app: Hono;
  db: Database;
  clock: { now: Date };
  signIn(officeCode: string, accessCode?: string): Promise<SignInResponse>;
  pull(token: string, query?: string): Promise<PullResponse>;
  pullAll(token: string, limit?: number): Promise<{ pages: PullResponse[]; items: RecallItem[] }>;
  push(token: string, mutations: Mutation[], deviceId?: string): Promise<PushResponse>;
};

export const DEMO_CODES: Record<string, string> = {
  'DEMO-1': 'demo-pass-1',
  'DEMO-2': 'demo-pass-2',
  'DEMO-3': 'demo-pass-3',
};

export async function freshApp(options: { staticDir?: string } = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const clock = { now: new Date('2026-11-23T09:00:00Z') };
  const app = createApp({ db, now: () => clock.now, ...options });

  const json = async <T>(res: Response): Promise<T> => {
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const t: TestApp = {
    app,
    db,
    clock,
    async signIn(officeCode, accessCode = DEMO_CODES[officeCode]) {
      const res = await app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ officeCode, accessCode }),
      });
      return json<SignInResponse>(res);
    },
    async pull(token, query = '') {
      const res = await app.request(`/api/v1/sync/pull${query}`, { headers: { Authorization: `Bearer ${token}` } });
      return json<PullResponse>(res);
    },
    async pullAll(token, limit = 1000) {
      const pages: PullResponse[] = [];
      let cursor = '0';
      for (let i = 0; i < 1000; i++) {
        const page = await t.pull(token, `?cursor=${cursor}&limit=${limit}`);
        pages.push(page);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      return { pages, items: pages.flatMap((p) => p.items) };
    },
    async push(token, mutations, deviceId = randomUUID()) {
      const res = await app.request('/api/v1/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ deviceId, mutations }),
      });
      return json<PushResponse>(res);
    },
  };
  return t;
}

export type ReturnedMutation = Extract<Mutation, { type: 'item.returned' }>;

export function returned(
  itemId: string,
  at: string,
  returnedAt = at,
  method: 'hand' | 'post' = 'hand',
): ReturnedMutation {
  return { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt, method } };
}

export function reopened(itemId: string, at: string): Mutation {
  return { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } };
}
