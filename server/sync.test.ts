import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, type RecallItem } from '../src/api/schemas';
import { freshApp, reopened, returned, type TestApp } from './testing/fresh-app';

let t: TestApp;
let tokenA: string;
let tokenB: string;
let officeAItems: RecallItem[];
let officeBItems: RecallItem[];
let used = 0;

/** A distinct open item of office A for each test, so tests do not depend on each other's pushes. */
function nextOpenItem(): RecallItem {
  const open = officeAItems.filter((i) => i.status === 'to_collect' && !i.withdrawn);
  const item = open[used++];
  if (!item) throw new Error('ran out of open demo items');
  return item;
}

async function currentItem(token: string, id: string): Promise<RecallItem> {
  const { items } = await t.pullAll(token);
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`item ${id} not pulled`);
  return item;
}

beforeAll(async () => {
  t = await freshApp();
  tokenA = (await t.signIn('DEMO-1')).token;
  tokenB = (await t.signIn('DEMO-2')).token;
  officeAItems = (await t.pullAll(tokenA)).items;
  officeBItems = (await t.pullAll(tokenB)).items;
});
afterAll(async () => {
  await t.db.close();
});

describe('pull', () => {
  it('pages through every item of the office exactly once, with increasing cursors', async () => {
    // DEMO-1 has about 90 lists and items: pages of 20 make five pages.
    const { pages } = await t.pullAll(tokenA, 20);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(PullResponse.safeParse(page).success).toBe(true);

    const cursors = pages.map((p) => Number(p.cursor));
    for (let i = 1; i < cursors.length; i++) expect(cursors[i]).toBeGreaterThan(cursors[i - 1] as number);
    for (const page of pages.slice(0, -1)) {
      expect(page.hasMore).toBe(true);
      expect(page.lists.length + page.items.length).toBe(20);
    }
    expect(pages.at(-1)?.hasMore).toBe(false);

    // Versions inside a page never go backwards and never exceed the page's cursor.
    for (const page of pages) {
      const versions = [...page.lists, ...page.items].map((r) => r.version);
      expect(Math.max(...versions)).toBe(Number(page.cursor));
    }

    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(officeAItems.map((i) => i.id)));
    const listIds = pages.flatMap((p) => p.lists.map((l) => l.id));
    expect(listIds).toEqual(['list-1-2026-09', 'list-1-2026-10', 'list-1-2026-11']);

    // The demo's office DEMO-1 has dozens of items; all carry the office's own 記号.
    expect(officeAItems.length).toBeGreaterThan(40);
    expect(new Set(officeAItems.map((i) => i.person.symbol))).toEqual(new Set(['1201']));
  });

  it('returns nothing new from the final cursor, keeping that cursor', async () => {
    const { pages } = await t.pullAll(tokenA, 50);
    const final = pages.at(-1)?.cursor as string;
    const again = await t.pull(tokenA, `?cursor=${final}`);
    const insurer = { name: 'みなと連合健康保険組合', number: '06135784', phone: '0570-012-345', kind: 'kumiai' };
    // The office profile comes only when it changed since the cursor (migration 019; office-profile.test.ts).
    expect(again).toEqual({ lists: [], items: [], cursor: final, hasMore: false, insurer });
    const far = await t.pull(tokenA, '?cursor=999999999999999999');
    expect(far).toEqual({ lists: [], items: [], cursor: '999999999999999999', hasMore: false, insurer });
  });

  it('sends a pushed item again in the next pull, with a higher version', async () => {
    const { pages } = await t.pullAll(tokenA, 1000);
    const cursor = pages.at(-1)?.cursor as string;
    const item = nextOpenItem();
    const result = await t.push(tokenA, [returned(item.id, '2026-11-20T01:00:00.000Z')]);
    expect(result.results[0]?.status).toBe('applied');

    const next = await t.pull(tokenA, `?cursor=${cursor}`);
    expect(next.items.map((i) => i.id)).toEqual([item.id]);
    expect(next.items[0]?.status).toBe('returned');
    expect(next.items[0]?.version).toBeGreaterThan(Number(cursor));
    expect(next.cursor).toBe(String(next.items[0]?.version));
  });

  it('shapes items as the contract says: dates, instants, person', async () => {
    const done = officeAItems.find((i) => i.status === 'returned');
    expect(done?.returnedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const item = officeAItems[0] as RecallItem;
    expect(item.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof item.version).toBe('number');
    // 被保険者氏名 of a dependant is the household's insured person.
    const dependant = officeAItems.find((i) => i.relation === 'dependant');
    const self = await t.db.query<{ name: string }>(
      "select name from members where household_id = $1 and relation = 'self'",
      [dependant?.householdId],
    );
    expect(dependant?.person.insuredName).toBe(self.rows[0]?.name);
  });

  it('rejects a malformed cursor or limit with a 400 problem', async () => {
    for (const query of ['?cursor=abc', '?limit=0', '?limit=5000', '?cursor=-1', '?name=x']) {
      const res = await t.app.request(`/api/v1/sync/pull${query}`, { headers: { Authorization: `Bearer ${tokenA}` } });
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const body = (await res.json()) as { code: string; errors: unknown[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.length).toBeGreaterThan(0);
    }
  });
});

describe('push', () => {
  it('applies a mutation once: the same id again is a duplicate and changes nothing', async () => {
    const item = nextOpenItem();
    const mutation = returned(item.id, '2026-11-21T02:00:00.000Z');
    const first = await t.push(tokenA, [mutation]);
    expect(first.results).toEqual([{ id: mutation.id, status: 'applied' }]);
    const afterFirst = await currentItem(tokenA, item.id);
    expect(afterFirst.status).toBe('returned');
    expect(afterFirst.version).toBeGreaterThan(item.version);

    const second = await t.push(tokenA, [mutation]);
    expect(second.results).toEqual([{ id: mutation.id, status: 'duplicate' }]);
    const afterSecond = await currentItem(tokenA, item.id);
    expect(afterSecond.version).toBe(afterFirst.version);

    const recorded = await t.db.query<{ n: number }>(
      'select count(*)::int as n from applied_mutations where mutation_id = $1',
      [mutation.id],
    );
    expect(recorded.rows[0]?.n).toBe(1);
  });

  it('applies the same mutation sent twice at once exactly once', async () => {
    const item = nextOpenItem();
    const mutation = returned(item.id, '2026-11-21T02:30:00.000Z');
    const [a, b] = await Promise.all([t.push(tokenA, [mutation]), t.push(tokenA, [mutation])]);
    const statuses = [a.results[0]?.status, b.results[0]?.status].sort();
    expect(statuses).toEqual(['applied', 'duplicate']);
    const after = await currentItem(tokenA, item.id);
    expect(after.returnedAt).toBe('2026-11-21T02:30:00.000Z');
  });

  it('converges two returns of one item from two devices to the earliest return time', async () => {
    const item = nextOpenItem();
    const later = returned(item.id, '2026-11-21T05:00:00.000Z', '2026-11-21T05:00:00.000Z', 'post');
    const earlier = returned(item.id, '2026-11-21T06:00:00.000Z', '2026-11-21T03:00:00.000Z', 'hand');
    await t.push(tokenA, [later], randomUUID());
    const res = await t.push(tokenA, [earlier], randomUUID());
    expect(res.results[0]?.status).toBe('applied');
    const after = await currentItem(tokenA, item.id);
    expect(after.status).toBe('returned');
    expect(after.returnedAt).toBe('2026-11-21T03:00:00.000Z');
    expect(after.returnMethod).toBe('hand');

    // The same two in the other order end in the same state.
    const other = nextOpenItem();
    await t.push(tokenA, [{ ...earlier, id: randomUUID(), payload: { ...earlier.payload, itemId: other.id } }]);
    await t.push(tokenA, [{ ...later, id: randomUUID(), payload: { ...later.payload, itemId: other.id } }]);
    const otherAfter = await currentItem(tokenA, other.id);
    expect(otherAfter.returnedAt).toBe('2026-11-21T03:00:00.000Z');
    expect(otherAfter.returnMethod).toBe('hand');
  });

  it('reopens a returned item with a later reopen, and ignores an older one', async () => {
    const item = nextOpenItem();
    await t.push(tokenA, [returned(item.id, '2026-11-21T07:00:00.000Z')]);
    const stale = await t.push(tokenA, [reopened(item.id, '2026-11-21T06:00:00.000Z')]);
    expect(stale.results[0]?.status).toBe('applied');
    const stillReturned = await currentItem(tokenA, item.id);
    expect(stillReturned.status).toBe('returned');

    await t.push(tokenA, [reopened(item.id, '2026-11-21T08:00:00.000Z')]);
    const after = await currentItem(tokenA, item.id);
    expect(after.status).toBe('to_collect');
    expect(after.returnedAt).toBeNull();
    expect(after.statusChangedAt).toBe('2026-11-21T08:00:00.000Z');
    expect(after.version).toBeGreaterThan(stillReturned.version);
  });

  it('records unreturnable with its kind and reason', async () => {
    const item = nextOpenItem();
    const res = await t.push(tokenA, [
      {
        id: randomUUID(),
        type: 'item.unreturnable',
        at: '2026-11-21T09:00:00.000Z',
        payload: { itemId: item.id, kind: 'lost', reason: '本人が紛失' },
      },
    ]);
    expect(res.results[0]?.status).toBe('applied');
    const after = await currentItem(tokenA, item.id);
    expect(after).toMatchObject({ status: 'unreturnable', unreturnableKind: 'lost', unreturnableReason: '本人が紛失' });
  });

  it('answers each mutation of a batch in order; a rejected one does not block the rest', async () => {
    const a = nextOpenItem();
    const b = nextOpenItem();
    const batch = [
      returned(a.id, '2026-11-21T10:00:00.000Z'),
      returned('no-such-item', '2026-11-21T10:00:00.000Z'),
      returned(b.id, '2026-11-21T10:00:00.000Z'),
    ];
    const res = await t.push(tokenA, batch);
    expect(res.results).toEqual([
      { id: batch[0]?.id, status: 'applied' },
      { id: batch[1]?.id, status: 'rejected', reason: 'item_not_found' },
      { id: batch[2]?.id, status: 'applied' },
    ]);
    expect((await currentItem(tokenA, b.id)).status).toBe('returned');
    // A retry of the rejected one gives the same answer.
    const retry = await t.push(tokenA, [batch[1] as (typeof batch)[number]]);
    expect(retry.results).toEqual([{ id: batch[1]?.id, status: 'rejected', reason: 'item_not_found' }]);
  });

  it('rejects changes to an item the insurer withdrew', async () => {
    const withdrawn = officeAItems.find((i) => i.withdrawn);
    expect(withdrawn).toBeDefined();
    const res = await t.push(tokenA, [returned(withdrawn?.id as string, '2026-11-21T11:00:00.000Z')]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'item_withdrawn' });
  });
});

describe('office isolation', () => {
  it('never shows another office its items or lists', async () => {
    const bIds = new Set(officeBItems.map((i) => i.id));
    expect(bIds.size).toBeGreaterThan(0);
    expect(officeAItems.some((i) => bIds.has(i.id))).toBe(false);
    const { pages } = await t.pullAll(tokenA, 50);
    expect(pages.flatMap((p) => p.lists).every((l) => l.id.startsWith('list-1-'))).toBe(true);
    const memberOffices = await t.db.query<{ office_id: string }>(
      'select distinct m.office_id from members m where m.id = any($1)',
      [officeAItems.map((i) => i.memberId)],
    );
    expect(memberOffices.rows).toEqual([{ office_id: 'office-demo-1' }]);
  });

  it("rejects office A's change to office B's item as not found and leaves B's item alone", async () => {
    const target = officeBItems.find((i) => i.status === 'to_collect' && !i.withdrawn) as RecallItem;
    const res = await t.push(tokenA, [returned(target.id, '2026-11-21T12:00:00.000Z')]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', reason: 'item_not_found' });
    const seenByB = await currentItem(tokenB, target.id);
    expect(seenByB.status).toBe('to_collect');
    expect(seenByB.version).toBe(target.version);
  });
});
