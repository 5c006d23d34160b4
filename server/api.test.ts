import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, SignInResponse } from '../src/api/schemas';
import { isValidInsurerNumber } from '../src/domain/insurer-number';
import { hashToken } from './auth/access-code';
import { freshApp, returned, type TestApp } from './testing/fresh-app';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await freshApp();
  token = (await t.signIn('DEMO-1')).token;
});
afterAll(async () => {
  await t.db.close();
});

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body,
  });

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Problem;
  expect(Problem.safeParse(body).success).toBe(true);
  expect(body).toMatchObject({ status, code });
  return body;
}

describe('health', () => {
  it('answers ok with the version', async () => {
    const res = await t.app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: '0.1.0' });
  });
});

describe('sign-in', () => {
  it('returns a token, the office and the insurer, and stores only the token hash', async () => {
    const res = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-2', accessCode: 'demo-pass-2' }),
    });
    expect(res.status).toBe(200);
    const body = SignInResponse.parse(await res.json());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.office).toEqual({ id: 'office-demo-2', code: 'DEMO-2', name: '横浜みなと物流株式会社 本社営業所' });
    // DEMO-2 is at a 協会けんぽ 支部; DEMO-1 and DEMO-3 at a 健康保険組合 (README).
    expect(body.insurer).toMatchObject({ name: '全国健康保険協会 神奈川支部', number: '01140011', kind: 'kyokai' });
    expect(isValidInsurerNumber(body.insurer.number)).toBe(true);
    expect(body.expiresAt).toBe('2026-12-23T09:00:00.000Z');

    const stored = await t.db.query<{ token_hash: string }>('select token_hash from sessions');
    const hashes = stored.rows.map((r) => r.token_hash);
    expect(hashes).toContain(hashToken(body.token));
    expect(hashes).not.toContain(body.token);
  });

  it('answers the same 401 for a wrong access code and for an unknown office', async () => {
    const wrong = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-2' }),
    });
    const unknown = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'NOPE-9', accessCode: 'demo-pass-1' }),
    });
    const a = await expectProblem(wrong, 401, 'invalid_credentials');
    const b = await expectProblem(unknown, 401, 'invalid_credentials');
    expect(a).toEqual(b);
  });
});

describe('bearer auth', () => {
  it.each([
    ['no header', undefined],
    ['garbage', 'Bearer not-a-real-token-at-all-000000'],
    ['wrong scheme', `Basic ${Buffer.from('DEMO-1:demo-pass-1').toString('base64')}`],
  ])('rejects %s with 401 unauthorized', async (_label, header) => {
    const res = await t.app.request('/api/v1/sync/pull', { headers: header ? { Authorization: header } : {} });
    await expectProblem(res, 401, 'unauthorized');
  });

  it('rejects an expired and a revoked token', async () => {
    const session = await t.signIn('DEMO-3');
    const ok = await t.app.request('/api/v1/sync/pull?limit=1', {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(ok.status).toBe(200);

    const realNow = t.clock.now;
    t.clock.now = new Date(Date.parse(session.expiresAt) + 1000);
    try {
      const expired = await t.app.request('/api/v1/sync/pull', {
        headers: { Authorization: `Bearer ${session.token}` },
      });
      await expectProblem(expired, 401, 'unauthorized');
    } finally {
      t.clock.now = realNow;
    }

    await t.db.query('update sessions set revoked_at = now() where token_hash = $1', [hashToken(session.token)]);
    const revoked = await t.app.request('/api/v1/sync/pull', { headers: { Authorization: `Bearer ${session.token}` } });
    await expectProblem(revoked, 401, 'unauthorized');
    // The pull checks its session in the statement of its first slice (docs/decisions/033): a bad
    // query string with a dead token is still a 401 first, as on every other route.
    const both = await t.app.request('/api/v1/sync/pull?cursor=x', {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    await expectProblem(both, 401, 'unauthorized');
  });

  it('also guards push', async () => {
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [returned('x', '2026-11-21T00:00:00Z')] }),
    });
    await expectProblem(res, 401, 'unauthorized');
  });
});

describe('bad input never makes a 500', () => {
  const valid = () => ({ deviceId: randomUUID(), mutations: [returned('item-1-0001', '2026-11-21T00:00:00.000Z')] });

  it.each([
    ['invalid JSON', '{"deviceId": ', 'malformed_json', ''],
    ['a JSON array', '[]', 'validation_failed', ''],
    ['a JSON string', '"hello"', 'validation_failed', ''],
    ['null', 'null', 'validation_failed', ''],
    ['missing mutations', JSON.stringify({ deviceId: randomUUID() }), 'validation_failed', 'mutations'],
    ['a wrong type', JSON.stringify({ deviceId: 42, mutations: [] }), 'validation_failed', 'deviceId'],
    ['an extra field', JSON.stringify({ ...valid(), admin: true }), 'validation_failed', ''],
    [
      'an unknown mutation type',
      JSON.stringify({ deviceId: randomUUID(), mutations: [{ ...valid().mutations[0], type: 'item.deleted' }] }),
      'validation_failed',
      'mutations.0.type',
    ],
    [
      'a bad timestamp',
      JSON.stringify({ deviceId: randomUUID(), mutations: [{ ...valid().mutations[0], at: 'yesterday' }] }),
      'validation_failed',
      'mutations.0.at',
    ],
  ])('push with %s → 400 %s', async (_label, body, code, path) => {
    const problem = await expectProblem(await post('/api/v1/sync/push', body), 400, code);
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(problem.errors?.map((e) => e.path)).toContain(path);
  });

  it('rejects 501 mutations (the batch maximum is 500)', async () => {
    const mutations = Array.from({ length: 501 }, () => returned('item-1-0001', '2026-11-21T00:00:00.000Z'));
    const res = await post('/api/v1/sync/push', JSON.stringify({ deviceId: randomUUID(), mutations }));
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]?.path).toBe('mutations');
  });

  it('rejects a body over 1 MB with 413', async () => {
    const huge = JSON.stringify({ deviceId: randomUUID(), mutations: [], padding: 'x'.repeat(1_100_000) });
    const problem = await expectProblem(await post('/api/v1/sync/push', huge), 413, 'payload_too_large');
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('rejects a huge body without Content-Length (streamed) with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Transfer-Encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload_too_large');
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['no content type', ''],
  ])('rejects %s with 415', async (_label, type) => {
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(type ? { 'Content-Type': type } : {}) },
      body: new Blob([JSON.stringify(valid())]),
    });
    const problem = await expectProblem(res, 415, 'unsupported_media_type');
    expect(problem.errors?.length).toBeGreaterThan(0);
  });

  it('accepts application/json with a charset', async () => {
    const res = await post('/api/v1/sync/push', JSON.stringify(valid()), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
  });

  it('validates sign-in bodies too', async () => {
    const res = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO 1; drop table offices', accessCode: '' }),
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['accessCode', 'officeCode']);
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    await expectProblem(await t.app.request('/api/v1/nope', auth), 404, 'not_found');
    // Without a session, unknown routes under /api/v1 do not even reveal that they do not exist.
    await expectProblem(await t.app.request('/api/v1/nope'), 401, 'unauthorized');
    await expectProblem(await t.app.request('/api/v2/sync/pull'), 404, 'not_found');
    await expectProblem(await t.app.request('/api/v1/health', { method: 'DELETE' }), 404, 'not_found');
  });
});

describe('openapi.json', () => {
  it('is an OpenAPI 3.1 document with the routes, the component schemas and bearer auth', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/auth/sign-in',
        '/auth/sign-out',
        '/health',
        '/openapi.json',
        '/reports/{id}',
        '/sync/pull',
        '/sync/push',
        '/value-mappings',
        '/insurer/auth/sign-in',
        '/insurer/auth/sign-out',
        '/insurer/offices',
        '/insurer/offices/{code}',
        '/insurer/offices/{code}/access-code',
        '/insurer/offices/{code}/disable',
        '/insurer/offices/{code}/reports',
        '/insurer/offices/{code}/reports/{reportId}/envelope',
        '/insurer/publish',
        '/insurer/summary',
        '/insurer/value-mappings',
      ].sort(),
    );
    for (const name of ['SignInRequest', 'SignInResponse', 'PullResponse', 'PushRequest', 'PushResponse', 'Problem']) {
      expect(doc.components.schemas[name], name).toBeTypeOf('object');
    }
    expect(doc.components.schemas.RecallItem.properties.person).toEqual({ $ref: '#/components/schemas/Person' });
    expect(doc.components.schemas.PushRequest.properties.mutations.maxItems).toBe(500);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/sync/push'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/PushRequest',
    });
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas[ref as string], ref).toBeDefined();
  });
});
