import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, type RecallItem, StoredReport } from '../src/api/schemas';
import { freshApp, reopened, returned, type TestApp } from './testing/fresh-app';

let t: TestApp;
let tokenA: string;
let tokenB: string;
let items: RecallItem[];
let used = 0;

function report(itemIds: string[], form: 'return_notice' | 'uncollectable' | 'lost' = 'return_notice'): Mutation {
  return {
    id: randomUUID(),
    type: 'report.submitted',
    at: '2026-11-23T09:00:00.000Z',
    payload: {
      reportId: randomUUID(),
      form,
      scope: { kind: 'period', period: '2026-11' },
      itemIds,
      clerk: { name: '佐藤 花子', phone: '03-1234-5678' },
      createdAt: '2026-11-23T09:00:00.000Z',
    },
  };
}
const reportId = (m: Mutation) => (m.type === 'report.submitted' ? m.payload.reportId : '');

/** Open items of DEMO-1 returned through the API, a fresh set per test. */
async function returnedItems(count: number): Promise<string[]> {
  const open = items.filter((i) => i.status === 'to_collect' && !i.withdrawn).slice(used, used + count);
  used += count;
  const results = await t.push(
    tokenA,
    open.map((i) => returned(i.id, '2026-11-20T01:00:00.000Z')),
  );
  expect(results.results.filter((r) => r.status !== 'applied')).toEqual([]);
  return open.map((i) => i.id);
}

async function getReport(token: string, id: string) {
  return t.app.request(`/api/v1/reports/${id}`, { headers: { Authorization: `Bearer ${token}` } });
}

beforeAll(async () => {
  t = await freshApp();
  tokenA = (await t.signIn('DEMO-1')).token;
  tokenB = (await t.signIn('DEMO-2')).token;
  items = (await t.pullAll(tokenA)).items;
});
afterAll(async () => {
  await t.db.close();
});

describe('report.submitted', () => {
  it('stores the report with exactly its items, once', async () => {
    const ids = await returnedItems(3);
    const m = report(ids);
    expect((await t.push(tokenA, [m])).results).toEqual([{ id: m.id, status: 'applied' }]);
    expect((await t.push(tokenA, [m])).results).toEqual([{ id: m.id, status: 'duplicate' }]);
    const res = await getReport(tokenA, reportId(m));
    expect(res.status).toBe(200);
    const stored = StoredReport.parse(await res.json());
    expect(stored.itemIds).toEqual([...ids].sort());
    expect(stored.form).toBe('return_notice');
    expect(stored.period).toBe('2026-11');
  });

  it('never shows a report to another office', async () => {
    const m = report(await returnedItems(1));
    await t.push(tokenA, [m]);
    const res = await getReport(tokenB, reportId(m));
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('not_found');
    expect((await getReport(tokenA, 'not-a-uuid')).status).toBe(404);
  });

  it('rejects items of another office, items not returned and items already reported, storing nothing', async () => {
    const [mine] = await returnedItems(1);
    const other = (await t.pullAll(tokenB)).items.find((i) => i.status === 'returned');
    const open = items.filter((i) => i.status === 'to_collect' && !i.withdrawn)[used++];
    if (!mine || !other || !open) throw new Error('demo data changed');

    const foreign = report([mine, other.id]);
    const notReady = report([mine, open.id]);
    const lostForm = report([mine], 'lost');
    const results = (await t.push(tokenA, [foreign, notReady, lostForm])).results;
    expect(results.map((r) => r.reason)).toEqual([
      'report_item_not_found',
      'report_item_not_ready',
      'report_item_not_ready',
    ]);
    for (const m of [foreign, notReady, lostForm]) expect((await getReport(tokenA, reportId(m))).status).toBe(404);

    const first = report([mine]);
    const second = report([mine]);
    const both = (await t.push(tokenA, [first, second])).results;
    expect(both.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(both[1]?.reason).toBe('report_item_reported');
  });

  it('a report id is used once', async () => {
    const m = report(await returnedItems(1));
    await t.push(tokenA, [m]);
    const again = { ...m, id: randomUUID(), payload: { ...(m.payload as object), itemIds: await returnedItems(1) } };
    expect((await t.push(tokenA, [again as Mutation])).results[0]?.reason).toBe('report_exists');
  });

  it('refuses a malformed report: no items, an item twice', async () => {
    const [id] = await returnedItems(1);
    for (const itemIds of [[], [id, id]]) {
      const res = await t.app.request('/api/v1/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenA}` },
        body: JSON.stringify({ deviceId: randomUUID(), mutations: [report(itemIds as string[])] }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('validation_failed');
    }
  });

  it('an item in a report cannot be reopened or changed; a repeated tick of the same return is fine', async () => {
    const [id] = await returnedItems(1);
    if (!id) throw new Error('no item');
    await t.push(tokenA, [report([id])]);
    const reopen = reopened(id, '2026-11-24T00:00:00.000Z');
    const lost: Mutation = {
      id: randomUUID(),
      type: 'item.unreturnable',
      at: '2026-11-24T00:00:00.000Z',
      payload: { itemId: id, kind: 'lost', reason: '紛失' },
    };
    const again = returned(id, '2026-11-24T00:00:00.000Z');
    const results = (await t.push(tokenA, [reopen, lost, again])).results;
    expect(results.map((r) => r.reason ?? r.status)).toEqual(['item_in_report', 'item_in_report', 'applied']);
    const item = (await t.pullAll(tokenA)).items.find((i) => i.id === id);
    expect(item?.status).toBe('returned');
  });

  it('the database itself refuses an item in two live reports of one form', async () => {
    const [id] = await returnedItems(1);
    const m = report([id as string]);
    await t.push(tokenA, [m]);
    const office = await t.db.query<{ office_id: string }>('select office_id from reports where id = $1', [
      reportId(m),
    ]);
    const officeId = office.rows[0]?.office_id;
    const otherId = randomUUID();
    await t.db.query(
      `insert into reports (office_id, id, mutation_id, form, period, clerk_name, clerk_phone, created_at)
       values ($1, $2, $3, 'return_notice', '2026-11', 'x', 'x', now())`,
      [officeId, otherId, randomUUID()],
    );
    await expect(
      t.db.query(
        `insert into report_items (office_id, report_id, item_id, form) values ($1, $2, $3, 'return_notice')`,
        [officeId, otherId, id],
      ),
    ).rejects.toThrow(/report_items_live|duplicate key/);
  });
});
