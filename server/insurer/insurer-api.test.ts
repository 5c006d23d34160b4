import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessCodeIssued, PublishResponse, StaffReport, SummaryResponse } from '../../src/api/insurer-schemas';
import type { Mutation } from '../../src/api/schemas';
import { freshApp, returned, type TestApp } from '../testing/fresh-app';
import { publishRow, staffClient } from './staff-api';

let t: TestApp;
let staff: ReturnType<typeof staffClient>;
beforeEach(async () => {
  t = await freshApp();
  staff = staffClient(t.app);
});
afterEach(async () => {
  await t.db.close();
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function enrol(token: string, code: string): Promise<AccessCodeIssued> {
  const res = await staff.call('POST', '/offices', token, {
    code,
    officeSymbol: '01-イロハ',
    officeNumber: '12345',
    name: `${code} 株式会社`,
    address: '東京都港区芝公園1-1-1',
  });
  expect(res.status).toBe(201);
  return (await res.json()) as AccessCodeIssued;
}

const upload = (rows: unknown[], period = '2026-11') => ({ period, title: '2026年11月分 回収対象者一覧', rows });

async function listCount(officeId: string): Promise<number> {
  const found = await t.db.query<{ n: unknown }>('select count(*) as n from recall_lists where office_id = $1', [
    officeId,
  ]);
  return Number(found.rows[0]?.n);
}

describe('staff accounts', () => {
  it('signs in with the demo account and refuses a wrong password like an unknown login', async () => {
    expect(await staff.signIn('minato')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const wrong = await staff.call('POST', '/auth/sign-in', null, { login: 'minato-staff', password: 'nope' });
    const unknown = await staff.call('POST', '/auth/sign-in', null, { login: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toBe(await unknown.text());
  });

  it('locks a login after repeated failures, the right password too (the offices’ throttle)', async () => {
    for (let i = 0; i < 5; i++)
      await staff.call('POST', '/auth/sign-in', null, { login: 'kyokai-staff', password: 'x' });
    const locked = await staff.call('POST', '/auth/sign-in', null, { login: 'kyokai-staff', password: 'staff-pass-2' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('signing out revokes the staff token', async () => {
    const token = await staff.signIn('minato');
    expect((await staff.call('POST', '/auth/sign-out', token)).status).toBe(204);
    expect((await staff.call('GET', '/offices', token)).status).toBe(401);
  });

  it('a staff token opens no office route, and office tokens (full and push) open no staff route', async () => {
    const staffToken = await staff.signIn('minato');
    expect((await t.app.request('/api/v1/sync/pull', { headers: bearer(staffToken) })).status).toBe(401);
    const office = await t.signIn('DEMO-1');
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/insurer/'));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) {
      if (route.path === '/api/v1/insurer/auth/sign-in') continue;
      const path = route.path.replace(':code', 'DEMO-1').replace(':reportId', randomUUID());
      for (const token of [office.token, office.pushToken]) {
        const res = await t.app.request(path, { method: route.method, headers: bearer(token) });
        expect(res.status, `${route.method} ${route.path}`).toBe(401);
      }
    }
  });

  it('every staff route that takes a body refuses one over its limit with 413 before anything else', async () => {
    const token = await staff.signIn('minato');
    const posts = t.app.routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/insurer/'));
    for (const route of posts) {
      const size = route.path.endsWith('/publish') ? 13 * 1024 * 1024 : 32 * 1024;
      const res = await t.app.request(route.path.replace(':code', 'DEMO-1').replace(':reportId', randomUUID()), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ padding: 'x'.repeat(size) }),
      });
      expect(res.status, route.path).toBe(413);
    }
  });
});

describe('offices', () => {
  it('enrols an office whose tablet signs in with the access code shown once; rotating and disabling it', async () => {
    const token = await staff.signIn('kyokai');
    const issued = await enrol(token, 'NEW-1');
    expect(issued.office.insurerKind).toBe('kyokai');
    expect(issued.accessCode).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const tablet = await t.signIn('NEW-1', issued.accessCode);
    expect(tablet.insurer.kind).toBe('kyokai');
    // The code is stored hashed only.
    const stored = await t.db.query<{ h: string }>('select access_code_hash as h from offices where code = $1', [
      'NEW-1',
    ]);
    expect(stored.rows[0]?.h).not.toContain(issued.accessCode);

    const rotated = (await (await staff.call('POST', '/offices/NEW-1/access-code', token)).json()) as AccessCodeIssued;
    expect(rotated.accessCode).not.toBe(issued.accessCode);
    await expect(t.signIn('NEW-1', issued.accessCode)).rejects.toThrow(/401/);
    const again = await t.signIn('NEW-1', rotated.accessCode);

    const disabled = await staff.call('POST', '/offices/NEW-1/disable', token);
    expect(((await disabled.json()) as { disabled: boolean }).disabled).toBe(true);
    await expect(t.signIn('NEW-1', rotated.accessCode)).rejects.toThrow(/401/);
    expect((await t.app.request('/api/v1/sync/pull', { headers: bearer(again.token) })).status).toBe(401);
  });

  it('refuses a taken office code and a malformed enrolment', async () => {
    const token = await staff.signIn('minato');
    const taken = await staff.call('POST', '/offices', token, {
      code: 'DEMO-2',
      officeSymbol: '01',
      officeNumber: '1',
      name: 'x',
      address: 'y',
    });
    expect(taken.status).toBe(409);
    const bad = await staff.call('POST', '/offices', token, { code: 'a b', name: '' });
    expect(bad.status).toBe(400);
  });

  it('a staff member sees and touches only their insurer’s offices', async () => {
    const minato = await staff.signIn('minato');
    const listed = (await (await staff.call('GET', '/offices', minato)).json()) as { offices: { code: string }[] };
    expect(listed.offices.map((o) => o.code)).toEqual(['DEMO-1', 'DEMO-3']);
    // DEMO-2 belongs to 協会けんぽ: every route answers 404, like an office that does not exist.
    for (const [method, path] of [
      ['GET', '/offices/DEMO-2'],
      ['POST', '/offices/DEMO-2/access-code'],
      ['POST', '/offices/DEMO-2/disable'],
      ['GET', '/offices/DEMO-2/reports'],
    ] as const) {
      expect((await staff.call(method, path, minato)).status, path).toBe(404);
    }
    await t.signIn('DEMO-2'); // its access code still works
    const publish = await staff.call('POST', '/publish', minato, upload([publishRow('DEMO-2', 1)]));
    expect(publish.status).toBe(422);
    expect(await listCount('office-demo-2')).toBe(3);
    const summary = (await (await staff.call('GET', '/summary', minato)).json()) as SummaryResponse;
    expect(new Set(summary.rows.map((r) => r.officeCode))).toEqual(new Set(['DEMO-1', 'DEMO-3']));
  });
});

describe('publish', () => {
  it('publishes a list per office that the tablets pull as new changes; the same upload again publishes once', async () => {
    const token = await staff.signIn('minato');
    const tablet = await t.signIn('DEMO-1');
    const before = await t.pullAll(tablet.token);
    const cursor = before.pages.at(-1)?.cursor ?? '0';
    const body = upload([publishRow('DEMO-1', 1), publishRow('DEMO-1', 2), publishRow('DEMO-3', 3)]);
    const first = await staff.call('POST', '/publish', token, body);
    expect(first.status).toBe(201);
    const result = (await first.json()) as PublishResponse;
    expect(result.offices.map((o) => [o.officeCode, o.items, o.published])).toEqual([
      ['DEMO-1', 2, true],
      ['DEMO-3', 1, true],
    ]);
    const second = await staff.call('POST', '/publish', token, body);
    expect(second.status).toBe(200);
    expect(((await second.json()) as PublishResponse).offices.every((o) => !o.published)).toBe(true);
    expect(await listCount('office-demo-1')).toBe(4);

    const page = await t.pull(tablet.token, `?cursor=${cursor}`);
    expect(page.lists.map((l) => [l.id, l.source, l.period])).toEqual([
      [result.offices[0]?.listId, 'insurer', '2026-11'],
    ]);
    expect(page.items.map((i) => [i.person.name, i.status, i.relation])).toEqual([
      ['テスト 太郎1', 'to_collect', 'self'],
      ['テスト 太郎2', 'to_collect', 'self'],
    ]);
    expect(Math.min(...page.items.map((i) => i.version))).toBeGreaterThan(page.lists[0]?.version ?? Infinity);
  });

  it('an Idempotency-Key makes a resend with other content publish nothing', async () => {
    const token = await staff.signIn('minato');
    const headers = { 'Idempotency-Key': 'upload-2026-11-001' };
    await staff.call('POST', '/publish', token, upload([publishRow('DEMO-1', 1)]), headers);
    const again = await staff.call('POST', '/publish', token, upload([publishRow('DEMO-1', 9)]), headers);
    expect(again.status).toBe(200);
    expect(await listCount('office-demo-1')).toBe(4);
  });

  it('answers every bad row with its path and publishes nothing', async () => {
    const token = await staff.signIn('minato');
    const rows = [
      publishRow('DEMO-1', 1),
      publishRow('DEMO-1', 2, { birthDate: '1980-02-30' }),
      { ...publishRow('DEMO-3', 3), reason: 'bored' },
    ];
    const res = await staff.call('POST', '/publish', token, upload(rows));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('rows_invalid');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['rows.1.birthDate', 'rows.2.reason']);
    expect(await listCount('office-demo-1')).toBe(3);
    expect(await listCount('office-demo-3')).toBe(3);
  });

  it('checks duplicates and unknown offices per row', async () => {
    const token = await staff.signIn('minato');
    const rows = [
      publishRow('DEMO-1', 1),
      publishRow('DEMO-1', 2, { issueNo: 'P-000001' }),
      publishRow('NOPE-9', 3),
      publishRow('DEMO-3', 4),
      publishRow('DEMO-3', 5, { number: '504', name: '別の 名前', issueNo: 'Q-1' }),
    ];
    const res = await staff.call('POST', '/publish', token, upload(rows));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['rows.1.issueNo', 'rows.2.officeCode', 'rows.4.name']);
  });

  it('is all-or-nothing per office: a failure inside one office’s transaction leaves none of its rows', async () => {
    const token = await staff.signIn('minato');
    // A trigger makes the insert of DEMO-3's items fail after its members and list were inserted;
    // DEMO-1 (its own transaction, first) stays published.
    await t.db.query(`create function fail_demo3() returns trigger language plpgsql as $$
      begin if new.office_id = 'office-demo-3' then raise exception 'boom'; end if; return new; end $$`);
    await t.db.query(
      'create trigger fail_demo3 before insert on recall_items for each row execute function fail_demo3()',
    );
    const rows = [publishRow('DEMO-1', 1), publishRow('DEMO-3', 2), publishRow('DEMO-3', 3)];
    const res = await staff.call('POST', '/publish', token, upload(rows));
    expect(res.status).toBe(500);
    expect(await listCount('office-demo-1')).toBe(4);
    expect(await listCount('office-demo-3')).toBe(3);
    const members = await t.db.query(`select 1 from members where office_id = 'office-demo-3' and name like 'テスト%'`);
    expect(members.rows).toEqual([]);
    // Sent again once the fault is gone, only DEMO-3 is published.
    await t.db.query('drop trigger fail_demo3 on recall_items');
    const again = (await (await staff.call('POST', '/publish', token, upload(rows))).json()) as PublishResponse;
    expect(again.offices.map((o) => [o.officeCode, o.published])).toEqual([
      ['DEMO-1', false],
      ['DEMO-3', true],
    ]);
    expect(await listCount('office-demo-3')).toBe(4);
  });
});

function reportOf(itemIds: string[], listId: string): Mutation {
  return {
    id: randomUUID(),
    type: 'report.submitted',
    at: '2026-11-23T09:00:00.000Z',
    payload: {
      reportId: randomUUID(),
      form: 'return_notice',
      scope: { kind: 'list', listId },
      itemIds,
      clerk: { name: '佐藤 花子', phone: '03-1234-5678' },
      createdAt: '2026-11-23T09:00:00.000Z',
    },
  };
}

describe('what came back', () => {
  it('counts per office and month, lists the reports, records the envelope, which the tablets pull', async () => {
    const token = await staff.signIn('kyokai');
    await enrol(token, 'NEW-2');
    const issued = (await (await staff.call('POST', '/offices/NEW-2/access-code', token)).json()) as AccessCodeIssued;
    const rows = [1, 2, 3, 4].map((n) => publishRow('NEW-2', n, n === 4 ? { dueDate: '2026-12-20' } : {}));
    const published = (await (await staff.call('POST', '/publish', token, upload(rows))).json()) as PublishResponse;
    const listId = published.offices[0]?.listId as string;

    const tablet = await t.signIn('NEW-2', issued.accessCode);
    const { items, pages } = await t.pullAll(tablet.token);
    expect(items).toHaveLength(4);
    const [a, b] = items;
    await t.push(tablet.token, [
      returned(a?.id as string, '2026-11-21T01:00:00.000Z'),
      returned(b?.id as string, '2026-11-21T01:00:00.000Z'),
    ]);
    const report = reportOf([a?.id as string, b?.id as string], listId);
    expect((await t.push(tablet.token, [report])).results[0]?.status).toBe('applied');
    const reportId = report.type === 'report.submitted' ? report.payload.reportId : '';

    // Now is 2026-11-23 (the test clock): two items still to collect, one of them past 11-20.
    const summary = (await (await staff.call('GET', '/summary?period=2026-11', token)).json()) as SummaryResponse;
    expect(summary.rows.find((r) => r.officeCode === 'NEW-2')).toEqual({
      officeCode: 'NEW-2',
      officeName: 'NEW-2 株式会社',
      period: '2026-11',
      toCollect: 2,
      returned: 2,
      cannotCollect: 0,
      overdue: 1,
      reports: 1,
      envelopes: 0,
    });
    const csv = await staff.call('GET', '/summary?period=2026-11&format=csv', token);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('NEW-2,NEW-2 株式会社,2026-11,2,2,0,1,1,0');

    const reports = (await (await staff.call('GET', '/offices/NEW-2/reports', token)).json()) as {
      reports: StaffReport[];
    };
    expect(reports.reports.map((r) => [r.id, r.itemCount, r.envelopeReceivedAt])).toEqual([[reportId, 2, null]]);

    const wrong = await staff.call('POST', `/offices/NEW-2/reports/${reportId}/envelope`, token, { count: 3 });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { code: string }).code).toBe('envelope_count_mismatch');
    const ok = await staff.call('POST', `/offices/NEW-2/reports/${reportId}/envelope`, token, { count: 2 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as StaffReport).envelopeReceivedAt).toBe(t.clock.now.toISOString());

    const page = await t.pull(tablet.token, `?cursor=${pages.at(-1)?.cursor}`);
    // Both items of the report come again, marked; the order of two versions drawn in one statement is no contract.
    const marked = page.items.map((i) => [i.id, i.inReport?.envelopeReceivedAt]);
    expect(marked.sort()).toEqual(
      [
        [a?.id, t.clock.now.toISOString()],
        [b?.id, t.clock.now.toISOString()],
      ].sort(),
    );
    const after = (await (await staff.call('GET', '/summary?period=2026-11', token)).json()) as SummaryResponse;
    expect(after.rows.find((r) => r.officeCode === 'NEW-2')?.envelopes).toBe(1);
    // Another insurer's staff cannot record it.
    const minato = await staff.signIn('minato');
    const foreign = await staff.call('POST', `/offices/NEW-2/reports/${reportId}/envelope`, minato, { count: 2 });
    expect(foreign.status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every staff route with its examples, and every $ref resolves', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>>;
      components: { schemas: Record<string, unknown> };
    };
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/insurer/'));
    for (const route of routes) {
      const path = route.path.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path}`).toBeDefined();
      for (const media of Object.values(operation?.requestBody?.content ?? {})) {
        expect(media.example, `${route.method} ${path} request example`).toBeDefined();
      }
      const text = JSON.stringify(operation);
      expect(text, `${route.method} ${path} response example`).toContain('"example"');
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(doc.components.schemas[ref as string], ref).toBeDefined();
  });
});
