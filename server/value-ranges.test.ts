import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, Problem, PullResponse, type RecallItem } from '../src/api/schemas';
import { freshApp, returned, type TestApp } from './testing/fresh-app';

/**
 * Issue 18, faults 1 and 3: values the schema used to accept but the database cannot store or give
 * back (year 10000 after rounding, year 0000, NUL, a lone surrogate). Each is refused with a 400
 * naming the field, the batch's other mutations still get their results, and the item stays
 * changeable. Runs on PGlite and, in `npm run test:pg`, on PostgreSQL.
 */
let t: TestApp;
let token: string;
let items: RecallItem[];
let used = 0;
const nextOpen = () => {
  const open = items.filter((i) => i.status === 'to_collect' && !i.withdrawn);
  const item = open[used++];
  if (!item) throw new Error('out of open items');
  return item;
};

beforeAll(async () => {
  t = await freshApp();
  token = (await t.signIn('DEMO-1')).token;
  items = (await t.pullAll(token)).items;
});
afterAll(async () => {
  await t.db.close();
});

async function rawPush(mutations: unknown[]): Promise<Response> {
  // Built by hand: JSON.stringify would turn a lone surrogate into an escape, which is what we want.
  return t.app.request('/api/v1/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ deviceId: randomUUID(), mutations }),
  });
}

async function expectRefused(res: Response, field: string): Promise<void> {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = Problem.parse(await res.json());
  expect(problem.code).toBe('validation_failed');
  expect(problem.errors?.map((e) => e.path)).toContain(field);
}

function report(itemIds: string[], clerk: { name: string; phone: string }, createdAt = '2026-11-23T09:00:00.000Z') {
  return {
    id: randomUUID(),
    type: 'report.submitted',
    at: '2026-11-23T09:00:00.000Z',
    payload: {
      reportId: randomUUID(),
      form: 'return_notice',
      scope: { kind: 'period', period: '2026-11' },
      itemIds,
      clerk,
      createdAt,
    },
  };
}

describe('timestamps the database could not give back', () => {
  const outOfRange = [
    ['year 9999 with 7 fractional digits', '9999-12-31T23:59:59.9999999Z'],
    ['7 fractional digits in range', '2026-11-23T09:00:00.1234567Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['before 2000', '1999-12-31T23:59:59.999Z'],
    ['after 2100', '2100-01-01T00:00:00.001Z'],
  ] as const;

  for (const [label, at] of outOfRange) {
    it(`refuses ${label} in at, returnedAt and a report's createdAt, and the item stays changeable`, async () => {
      const item = nextOpen();
      await expectRefused(await rawPush([returned(item.id, at, '2026-11-20T01:00:00.000Z')]), 'mutations.0.at');
      await expectRefused(
        await rawPush([returned(item.id, '2026-11-20T01:00:00.000Z', at)]),
        'mutations.0.payload.returnedAt',
      );
      await expectRefused(
        await rawPush([report([item.id], { name: '佐藤', phone: '03' }, at)]),
        'mutations.0.payload.createdAt',
      );
      const ok = returned(item.id, '2026-11-21T01:00:00.000Z');
      expect((await t.push(token, [ok])).results).toEqual([{ id: ok.id, status: 'applied' }]);
    });
  }

  it('accepts the edges of the range and serves them back unchanged', async () => {
    const item = nextOpen();
    const m = returned(item.id, '2100-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z');
    expect((await t.push(token, [m])).results).toEqual([{ id: m.id, status: 'applied' }]);
    const page = PullResponse.parse(
      await (
        await t.app.request('/api/v1/sync/pull', {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json(),
    );
    const back = page.items.find((i) => i.id === item.id);
    expect(back?.returnedAt).toBe('2000-01-01T00:00:00.000Z');
    expect(back?.statusChangedAt).toBe('2100-01-01T00:00:00.000Z');
  });
});

describe('text the database cannot hold', () => {
  const unreturnable = (itemId: string, reason: string): Mutation => ({
    id: randomUUID(),
    type: 'item.unreturnable',
    at: '2026-11-22T01:00:00.000Z',
    payload: { itemId, kind: 'uncollectable', reason },
  });

  it('refuses NUL and a lone surrogate in reason, naming the field', async () => {
    const item = nextOpen();
    await expectRefused(await rawPush([unreturnable(item.id, 'moved\u0000away')]), 'mutations.0.payload.reason');
    await expectRefused(await rawPush([unreturnable(item.id, 'moved \ud800 away')]), 'mutations.0.payload.reason');
    await expectRefused(await rawPush([unreturnable(item.id, '\udc00')]), 'mutations.0.payload.reason');
    // A whole pair is ordinary text (𠮷 is one).
    const ok = unreturnable(item.id, '𠮷野さん 転居');
    expect((await t.push(token, [ok])).results).toEqual([{ id: ok.id, status: 'applied' }]);
  });

  it('refuses NUL in clerk.name and clerk.phone, naming the field', async () => {
    const item = nextOpen();
    await expectRefused(
      await rawPush([report([item.id], { name: '佐藤\u0000', phone: '03' })]),
      'mutations.0.payload.clerk.name',
    );
    await expectRefused(
      await rawPush([report([item.id], { name: '佐藤', phone: '03\u0000' })]),
      'mutations.0.payload.clerk.phone',
    );
  });

  it('refuses NUL in an access code as a 400, not a 500', async () => {
    const res = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo\u0000' }),
    });
    await expectRefused(res, 'accessCode');
  });
});
