import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PullResponse, type RecallItem, StoredReport } from '../src/api/schemas';
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

describe('the pull marks reported items for every tablet of the office', () => {
  /** Everything so far, then what a tablet that is up to date pulls next. */
  async function cursorNow(token: string): Promise<string> {
    const { pages } = await t.pullAll(token);
    return pages.at(-1)?.cursor ?? '0';
  }

  it('an item entering a report comes again in the next pull with the report id, form and date', async () => {
    const ids = await returnedItems(2);
    const [lone] = await returnedItems(1);
    const cursor = await cursorNow(tokenA);
    const m = report(ids);
    expect((await t.push(tokenA, [m])).results[0]?.status).toBe('applied');

    const next = PullResponse.parse(await t.pull(tokenA, `?cursor=${cursor}`));
    expect(next.items.map((i) => i.id).sort()).toEqual([...ids].sort());
    for (const item of next.items)
      expect(item.inReport).toEqual({
        reportId: reportId(m),
        form: 'return_notice',
        createdAt: '2026-11-23T09:00:00.000Z',
      });
    const all = (await t.pullAll(tokenA)).items;
    expect(all.find((i) => i.id === lone)?.inReport).toBeNull();
    expect(
      all
        .filter((i) => i.inReport?.reportId === reportId(m))
        .map((i) => i.id)
        .sort(),
    ).toEqual([...ids].sort());
    // Ids, form and date only: nothing personal rides on the mark.
    expect(Object.keys(next.items[0]?.inReport ?? {}).sort()).toEqual(['createdAt', 'form', 'reportId']);
  });

  it('a refused report marks nothing and moves no version; its items go in the next report', async () => {
    const [mine] = await returnedItems(1);
    const open = items.filter((i) => i.status === 'to_collect' && !i.withdrawn)[used++];
    if (!mine || !open) throw new Error('demo data changed');
    const cursor = await cursorNow(tokenA);

    const refused = report([mine, open.id]);
    expect((await t.push(tokenA, [refused])).results[0]?.reason).toBe('report_item_not_ready');
    expect((await t.pull(tokenA, `?cursor=${cursor}`)).items).toEqual([]);
    expect((await t.pullAll(tokenA)).items.find((i) => i.id === mine)?.inReport).toBeNull();

    const accepted = report([mine]);
    expect((await t.push(tokenA, [accepted])).results[0]?.status).toBe('applied');
    const next = await t.pull(tokenA, `?cursor=${cursor}`);
    expect(next.items.map((i) => [i.id, i.inReport?.reportId])).toEqual([[mine, reportId(accepted)]]);
  });

  it('an item taken back out of its report (withdrawn_at, set by a correcting report) is unmarked', async () => {
    const [id] = await returnedItems(1);
    const m = report([id as string]);
    await t.push(tokenA, [m]);
    await t.db.query(`update report_items set withdrawn_at = now() where report_id = $1`, [reportId(m)]);
    await t.db.query(`update recall_items set version = nextval('change_version') where id = $1`, [id]);
    expect((await t.pullAll(tokenA)).items.find((i) => i.id === id)?.inReport).toBeNull();
    expect((await t.push(tokenA, [report([id as string])])).results[0]?.status).toBe('applied');
  });
});
