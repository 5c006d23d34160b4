import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mutation, type PullResponse } from '../src/api/schemas';
import { publishRow, staffClient } from './insurer/staff-api';
import { freshApp, returned, type TestApp } from './testing/fresh-app';

/**
 * A curious other office: with office A's token, every route of the API is tried on office B's ids.
 * Each must be refused or answer nothing of B's, and B's data must be unchanged afterwards.
 *
 * The tables below must name every route and every mutation type: the suite fails when one is added
 * without a case. Adding one is one entry (e.g. `'GET /api/v1/reports/:id': async (x) => ...`).
 */

const A = 'DEMO-1';
const B = 'DEMO-2';
const B_OFFICE_ID = 'office-demo-2';

type OfficeB = {
  itemIds: string[];
  openItemId: string;
  returnedItemId: string;
  memberIds: string[];
  listIds: string[];
  /** A mutation id B has used. */
  mutationId: string;
  /** A report B has submitted (with B's returned item). */
  reportId: string;
};
type Ctx = {
  t: TestApp;
  /** A fresh token of office A (a case may revoke its own). */
  aToken(): Promise<string>;
  b: OfficeB;
  bToken: string;
  /** Every id of B, and its office name: none may appear in an answer to A. */
  bIds: string[];
  bOfficeName: string;
};

const AT = '2026-11-22T01:00:00.000Z';
/** A wording only office B has mapped. */
const B_WORDING = 'bだけの表記';

/**
 * One mutation per type, aimed at office B's item or member, and the rejection it must get; null for
 * a mutation that names nothing of another office (it is applied in A's own scope, B unchanged). The
 * office profile edit names no id: it is always the pushing office's own (checked below: B never sees it).
 */
const MUTATION_CASES: {
  [K in Exclude<Mutation['type'], 'office_profile.updated'>]: (b: OfficeB) => {
    mutation: Mutation;
    reason: string | null;
  };
} = {
  'item.returned': (b) => ({ mutation: returned(b.openItemId, AT), reason: 'item_not_found' }),
  'item.reopened': (b) => ({
    mutation: { id: randomUUID(), type: 'item.reopened', at: AT, payload: { itemId: b.returnedItemId } },
    reason: 'item_not_found',
  }),
  'item.unreturnable': (b) => ({
    mutation: {
      id: randomUUID(),
      type: 'item.unreturnable',
      at: AT,
      payload: { itemId: b.openItemId, kind: 'lost', reason: 'なくした' },
    },
    reason: 'item_not_found',
  }),
  'member.language_set': (b) => ({
    mutation: {
      id: randomUUID(),
      type: 'member.language_set',
      at: AT,
      payload: { memberId: b.memberIds[0] as string, language: 'vi' },
    },
    reason: 'member_not_found',
  }),
  'notice.delivered': (b) => ({
    mutation: {
      id: randomUUID(),
      type: 'notice.delivered',
      at: AT,
      payload: { memberId: b.memberIds[0] as string, noticeKey: 'return_got_myna', language: 'ja', channel: 'print' },
    },
    reason: 'member_not_found',
  }),
  'hr_event.recorded': (b) => ({
    // A's own list, but B's member: B's member looks exactly like one that does not exist.
    mutation: {
      id: randomUUID(),
      type: 'hr_event.recorded',
      at: AT,
      payload: {
        event: 'retired',
        eventDate: '2026-11-20',
        list: { id: 'ol-office-demo-1-2026-11', title: '2026年11月 資格喪失・異動（事業所で登録）', period: '2026-11' },
        items: [
          {
            id: `oe-${randomUUID()}`,
            memberId: b.memberIds[0] as string,
            householdId: 'hh-unknown',
            relation: 'self',
            documentKind: 'certificate',
            reason: 'lost_eligibility',
            issueNo: '1234567890',
            issuedOn: '2025-11-05',
            expiresOn: '2029-12-01',
            lossDate: '2026-11-21',
            dueDate: '2026-11-25',
            person: null,
          },
        ],
      },
    },
    reason: 'member_not_found',
  }),
  'list.imported': (b) => ({
    // A's own new imported list, but B's member: it looks exactly like a member of another household.
    mutation: {
      id: randomUUID(),
      type: 'list.imported',
      at: AT,
      payload: {
        list: { id: `import-${randomUUID()}`, title: '取り込み', period: '2026-11', receivedAt: AT },
        part: 1,
        parts: 1,
        items: [
          {
            id: `import-${randomUUID()}`,
            memberId: b.memberIds[0] as string,
            householdId: 'hh-unknown',
            relation: 'self',
            documentKind: 'certificate',
            reason: 'got_myna',
            issueNo: '1234567890',
            issuedOn: '2025-11-05',
            expiresOn: '2029-12-01',
            lossDate: null,
            dueDate: '2026-11-25',
            person: null,
          },
        ],
      },
    },
    reason: 'member_not_found',
  }),
  'value_mapping.set': () => ({
    // Only ever the pushing office's answers: there is no office id in it to aim at B.
    mutation: {
      id: randomUUID(),
      type: 'value_mapping.set',
      at: AT,
      payload: { answers: [{ field: 'reason', key: 'aだけの表記', value: 'got_myna' }] },
    },
    reason: null,
  }),
  'report.submitted': (b) => ({
    // By month, so that B's list id does not answer first: B's item alone must be refused.
    mutation: reportOf([b.returnedItemId], null),
    reason: 'report_item_not_found',
  }),
};

function reportOf(itemIds: string[], listId: string | null, reportId: string = randomUUID()): Mutation {
  return {
    id: randomUUID(),
    type: 'report.submitted',
    at: AT,
    payload: {
      reportId,
      form: 'return_notice',
      scope: listId ? { kind: 'list', listId } : { kind: 'period', period: AT.slice(0, 7) },
      itemIds,
      clerk: { name: '人事 花子', phone: '03-0000-0000' },
      createdAt: AT,
    },
  };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function expectNothingOfB(text: string, ctx: Ctx) {
  // Ids as whole JSON strings: B's "m-20" must not match A's "m-201".
  for (const id of ctx.bIds) expect(text.includes(JSON.stringify(id)), `answer leaks ${id}`).toBe(false);
  expect(text.includes(ctx.bOfficeName), 'answer leaks B’s office name').toBe(false);
}

/** Every route of the app (method and path as Hono registered them) and how A tries it on B. */
const ROUTE_CASES: Record<string, (ctx: Ctx) => Promise<void>> = {
  'GET /api/v1/health': async (ctx) => {
    const res = await ctx.t.app.request('/api/v1/health', { headers: bearer(await ctx.aToken()) });
    expectNothingOfB(await res.text(), ctx);
  },
  'GET /api/v1/openapi.json': async (ctx) => {
    const res = await ctx.t.app.request('/api/v1/openapi.json', { headers: bearer(await ctx.aToken()) });
    expectNothingOfB(await res.text(), ctx);
  },
  'POST /api/v1/auth/sign-in': async (ctx) => {
    // A's token and A's access code do not open B.
    const res = await ctx.t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(await ctx.aToken()) },
      body: JSON.stringify({ officeCode: B, accessCode: 'demo-pass-1' }),
    });
    expect(res.status).toBe(401);
    expectNothingOfB(await res.text(), ctx);
  },
  'POST /api/v1/auth/sign-out': async (ctx) => {
    // A signing out revokes A's token only; B's session stays live.
    const res = await ctx.t.app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: bearer(await ctx.aToken()),
    });
    expect(res.status).toBe(204);
    const bPull = await ctx.t.app.request('/api/v1/sync/pull?limit=1', { headers: bearer(ctx.bToken) });
    expect(bPull.status).toBe(200);
  },
  'GET /api/v1/sync/pull': async (ctx) => {
    const token = await ctx.aToken();
    let cursor = '0';
    for (;;) {
      const res = await ctx.t.app.request(`/api/v1/sync/pull?cursor=${cursor}&limit=1000`, { headers: bearer(token) });
      expect(res.status).toBe(200);
      const text = await res.text();
      expectNothingOfB(text, ctx);
      const page = JSON.parse(text) as PullResponse;
      if (!page.hasMore) break;
      cursor = page.cursor;
    }
  },
  'POST /api/v1/sync/push': async (ctx) => {
    const token = await ctx.aToken();
    for (const [type, make] of Object.entries(MUTATION_CASES)) {
      const { mutation, reason } = make(ctx.b);
      const results = await ctx.t.push(token, [mutation]);
      expect(results.results, type).toEqual([
        reason === null ? { id: mutation.id, status: 'applied' } : { id: mutation.id, status: 'rejected', reason },
      ]);
    }
    // A's edit of its office profile lands on A only: B's pull never carries it.
    const edit: Mutation = {
      id: randomUUID(),
      type: 'office_profile.updated',
      at: AT,
      payload: { fields: { ownerName: 'A社の事業主' } },
    };
    expect((await ctx.t.push(token, [edit])).results).toEqual([{ id: edit.id, status: 'applied' }]);
    expect((await ctx.t.pull(token, '?limit=1')).officeProfile?.edits.ownerName?.value).toBe('A社の事業主');
    const bPull = await ctx.t.app.request('/api/v1/sync/pull?limit=1', { headers: bearer(ctx.bToken) });
    expect(await bPull.text()).not.toContain('A社の事業主');
    // B's mutation ids are B's: A reusing one is applied in A's own scope, not answered with B's result.
    const aItem = (await ctx.t.pullAll(token)).items.find((i) => i.status === 'to_collect');
    const reused = { ...returned(aItem?.id as string, AT), id: ctx.b.mutationId };
    expect((await ctx.t.push(token, [reused])).results).toEqual([{ id: ctx.b.mutationId, status: 'applied' }]);
  },
  'GET /api/v1/value-mappings': async (ctx) => {
    // B's own answer (beforeAll), which B reads back (so the check can fail) and A never sees.
    const wording = B_WORDING;
    const own = await ctx.t.app.request('/api/v1/value-mappings', { headers: bearer(ctx.bToken) });
    expect(await own.text()).toContain(wording);
    const res = await ctx.t.app.request('/api/v1/value-mappings', { headers: bearer(await ctx.aToken()) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(wording);
    expectNothingOfB(text, ctx);
  },
  'GET /api/v1/reports/:id': async (ctx) => {
    // B's report id is a 404 for A, exactly like an id no one has used.
    const res = await ctx.t.app.request(`/api/v1/reports/${ctx.b.reportId}`, { headers: bearer(await ctx.aToken()) });
    expect(res.status).toBe(404);
    expectNothingOfB(await res.text(), ctx);
    const own = await ctx.t.app.request(`/api/v1/reports/${ctx.b.reportId}`, { headers: bearer(ctx.bToken) });
    expect(own.status).toBe(200);
  },
};

/**
 * The insurer staff's routes (issue 20): office A's token (full) is refused on each, and the staff of
 * A's insurer (健康保険組合) aimed at B (an office of 協会けんぽ) get a 404 or nothing of B's.
 */
const B_STAFF_PATHS: Record<string, (b: OfficeB) => string> = {
  'POST /api/v1/insurer/auth/sign-out': () => '/auth/sign-out',
  'GET /api/v1/insurer/offices': () => '/offices',
  'POST /api/v1/insurer/offices': () => '/offices',
  'GET /api/v1/insurer/offices/:code': () => `/offices/${B}`,
  'POST /api/v1/insurer/offices/:code/access-code': () => `/offices/${B}/access-code`,
  'POST /api/v1/insurer/offices/:code/disable': () => `/offices/${B}/disable`,
  'POST /api/v1/insurer/publish': () => '/publish',
  'GET /api/v1/insurer/summary': () => '/summary',
  'GET /api/v1/insurer/value-mappings': () => '/value-mappings',
  'PUT /api/v1/insurer/value-mappings': () => '/value-mappings',
  'GET /api/v1/insurer/offices/:code/reports': () => `/offices/${B}/reports`,
  'POST /api/v1/insurer/offices/:code/reports/:reportId/envelope': (b) =>
    `/offices/${B}/reports/${b.reportId}/envelope`,
};
const B_STAFF_BODIES: Record<string, unknown> = {
  '/offices': { code: B, officeSymbol: '01', officeNumber: '1', name: '乗っ取り', address: '不明' },
  '/publish': { period: '2026-11', title: 'x', rows: [publishRow(B, 1)] },
  // The insurer's own answers reach only its own offices (B is another insurer's).
  '/value-mappings': { answers: [{ field: 'sex', key: 'おとこ', value: 'male' }] },
};
for (const [route, pathOf] of Object.entries(B_STAFF_PATHS)) {
  ROUTE_CASES[route] = async (ctx) => {
    const method = route.split(' ')[0] as string;
    const path = pathOf(ctx.b);
    const body = method === 'GET' ? undefined : path.endsWith('/envelope') ? { count: 1 } : B_STAFF_BODIES[path];
    const staff = staffClient(ctx.t.app);
    const asOffice = await staff.call(method, path, await ctx.aToken(), body);
    expect(asOffice.status).toBe(401);
    const res = await staff.call(method, path, await staff.signIn('minato'), body);
    expect(res.status === 404 || res.status === 409 || res.status === 422 || res.status < 300, route).toBe(true);
    if (path.includes(B)) expect(res.status, route).toBe(404);
    expectNothingOfB(await res.text(), ctx);
  };
}
ROUTE_CASES['POST /api/v1/insurer/auth/sign-in'] = async (ctx) => {
  const res = await staffClient(ctx.t.app).call('POST', '/auth/sign-in', null, {
    login: 'minato-staff',
    password: 'staff-pass-1',
  });
  expect(res.status).toBe(200);
  expectNothingOfB(await res.text(), ctx);
};

let t: TestApp;
let ctx: Ctx;

async function snapshotOfB(): Promise<string> {
  const tables = [
    'recall_lists',
    'recall_items',
    'members',
    'notice_deliveries',
    'applied_mutations',
    'sessions',
    'reports',
    'report_items',
    'value_mappings',
  ];
  const parts: unknown[] = [];
  for (const table of tables) {
    const rows = await t.db.query(`select * from ${table} where office_id = $1 order by 1, 2`, [B_OFFICE_ID]);
    parts.push(rows.rows);
  }
  return JSON.stringify(parts);
}

beforeAll(async () => {
  t = await freshApp();
  const bToken = (await t.signIn(B)).token;
  const { items, pages } = await t.pullAll(bToken);
  // One of B's items is returned already, so "reopen" has something to try on.
  const open = items.filter((i) => i.status === 'to_collect');
  const [openItem, toReturn] = open;
  if (!openItem || !toReturn) throw new Error('demo office B has no open items');
  const bReturn = returned(toReturn.id, AT);
  await t.push(bToken, [bReturn]);
  const bReport = reportOf([toReturn.id], toReturn.listId);
  const reported = await t.push(bToken, [bReport]);
  if (reported.results[0]?.status !== 'applied')
    throw new Error(`B's report was not stored: ${JSON.stringify(reported)}`);
  await t.push(bToken, [
    {
      id: randomUUID(),
      type: 'value_mapping.set',
      at: AT,
      payload: { answers: [{ field: 'reason', key: B_WORDING, value: 'lost_eligibility' }] },
    },
  ]);
  const b: OfficeB = {
    itemIds: items.map((i) => i.id),
    openItemId: openItem.id,
    returnedItemId: toReturn.id,
    memberIds: [...new Set(items.map((i) => i.memberId))],
    listIds: pages.flatMap((p) => p.lists.map((l) => l.id)),
    mutationId: bReturn.id,
    reportId: bReport.type === 'report.submitted' ? bReport.payload.reportId : '',
  };
  const name = await t.db.query<{ name: string }>('select name from offices where id = $1', [B_OFFICE_ID]);
  ctx = {
    t,
    aToken: async () => (await t.signIn(A)).token,
    b,
    bToken,
    // B's report id too: the pull marks B's reported item with it, for B's tablets only.
    bIds: [B_OFFICE_ID, ...b.itemIds, ...b.memberIds, ...b.listIds, b.reportId],
    bOfficeName: name.rows[0]?.name as string,
  };
});
afterAll(async () => {
  await t.db.close();
});

describe('office A cannot reach office B', () => {
  it('has a case for every route of the app and every mutation type of the contract', () => {
    const routes = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
    expect(routes.sort()).toEqual(Object.keys(ROUTE_CASES).sort());
    const types = Mutation.options.map((option) => option.shape.type.value);
    // The office profile edit is checked in the push case: it names no id of another office.
    expect(types.sort()).toEqual([...Object.keys(MUTATION_CASES), 'office_profile.updated'].sort());
  });

  it('B’s ids are all different from A’s (the suite would prove nothing otherwise)', async () => {
    const { items } = await t.pullAll(await ctx.aToken());
    expect(items.length).toBeGreaterThan(0);
    const aIds = new Set(items.flatMap((i) => [i.id, i.memberId, i.listId]));
    expect(ctx.b.itemIds.filter((id) => aIds.has(id))).toEqual([]);
  });

  it.each(Object.keys(ROUTE_CASES))(
    '%s with A’s token on B’s ids is refused or answers nothing of B’s',
    async (route) => {
      const before = await snapshotOfB();
      await ROUTE_CASES[route]?.(ctx);
      expect(await snapshotOfB()).toBe(before);
    },
  );

  it('B’s pull carries B’s report mark (so the pull check above can fail), A’s pull marks only A’s reports', async () => {
    const bItem = (await t.pullAll(ctx.bToken)).items.find((i) => i.id === ctx.b.returnedItemId);
    expect(bItem?.inReport?.reportId).toBe(ctx.b.reportId);
    // A reports its own item: the mark A's tablets pull names A's report, and B's item keeps B's.
    const aToken = await ctx.aToken();
    const aItem = (await t.pullAll(aToken)).items.find((i) => i.status === 'returned' && !i.inReport);
    if (!aItem) throw new Error('A has no returned item to report');
    const aReport = reportOf([aItem.id], null);
    expect((await t.push(aToken, [aReport])).results[0]?.status).toBe('applied');
    const aItems = (await t.pullAll(aToken)).items;
    const aReportId = aReport.type === 'report.submitted' ? aReport.payload.reportId : '';
    expect(aItems.filter((i) => i.inReport).every((i) => i.inReport?.reportId !== ctx.b.reportId)).toBe(true);
    expect(aItems.find((i) => i.id === aItem.id)?.inReport?.reportId).toBe(aReportId);
    expect((await t.pullAll(ctx.bToken)).items.some((i) => i.inReport?.reportId === aReportId)).toBe(false);
  });

  it('the snapshot of B would show a change (so the checks above can fail)', async () => {
    const before = await snapshotOfB();
    await t.push(ctx.bToken, [{ ...MUTATION_CASES['member.language_set'](ctx.b).mutation }]);
    expect(await snapshotOfB()).not.toBe(before);
  });
});
