import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Problem, type RecallItem } from '../src/api/schemas';
import { type AppOptions, createApp, MAX_BODY_BYTES, MAX_SIGN_IN_BODY_BYTES, MAX_URL_LENGTH } from './app';
import { hashToken } from './auth/access-code';
import { parseAllowedOrigins } from './http/cors';
import { freshApp, returned, type TestApp } from './testing/fresh-app';

// One database for the file; each test starts with no sign-in counts, no audit rows and the clock reset.
let shared: TestApp;
const START = new Date('2026-11-23T09:00:00Z');
beforeAll(async () => {
  shared = await freshApp();
});
afterAll(async () => {
  await shared.db.close();
});
beforeEach(async () => {
  await shared.db.query('delete from sign_in_throttle');
  await shared.db.query('delete from audit_log');
  shared.clock.now = START;
});

/** The shared test app, or another instance of the API on the same database with other settings. */
async function open(options: Omit<AppOptions, 'db'> = {}): Promise<TestApp> {
  if (Object.keys(options).length === 0) return shared;
  return { ...shared, app: createApp({ db: shared.db, now: () => shared.clock.now, ...options }) };
}

type Request = (path: string, init?: RequestInit) => Response | Promise<Response>;

const signInRequest = (request: Request, officeCode: string, accessCode: string, forwardedFor?: string) =>
  request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
    body: JSON.stringify({ officeCode, accessCode }),
  });

async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = Problem.parse(await res.json());
  expect(body).toMatchObject({ status, code });
  return body;
}

/** A report of returned items by month, as a tablet sends it. */
function reportOf(itemIds: string[]) {
  const at = '2026-11-22T01:00:00.000Z';
  return {
    id: randomUUID(),
    type: 'report.submitted' as const,
    at,
    payload: {
      reportId: randomUUID(),
      form: 'return_notice' as const,
      scope: { kind: 'period' as const, period: at.slice(0, 7) },
      itemIds,
      clerk: { name: '人事 花子', phone: '03-0000-0000' },
      createdAt: at,
    },
  };
}

const pullWith = (t: TestApp, token: string) =>
  t.app.request('/api/v1/sync/pull?limit=1', { headers: { Authorization: `Bearer ${token}` } });

type AuditRow = {
  office_id: string | null;
  session_ref: string | null;
  device_id: string | null;
  action: string;
  mutation_id: string | null;
  target_id: string | null;
  outcome: string;
  reason: string | null;
};
const auditRows = async (t: TestApp) =>
  (
    await t.db.query<AuditRow>(
      'select office_id, session_ref, device_id, action, mutation_id, target_id, outcome, reason from audit_log order by id',
    )
  ).rows;

describe('sign-out revokes the token', () => {
  it('answers 204, then the token is refused; the session row is revoked and audited', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-1');
    expect((await pullWith(t, token)).status).toBe(200);

    const res = await t.app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    await expectProblem(await pullWith(t, token), 401, 'unauthorized');
    const again = await t.app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    await expectProblem(again, 401, 'unauthorized');

    const row = await t.db.query<{ revoked_at: unknown }>('select revoked_at from sessions where token_hash = $1', [
      hashToken(token),
    ]);
    expect(row.rows[0]?.revoked_at).not.toBeNull();
    expect((await auditRows(t)).filter((r) => r.action === 'sign_out')).toEqual([
      expect.objectContaining({ office_id: 'office-demo-1', session_ref: hashToken(token), outcome: 'succeeded' }),
    ]);
  });

  it('revokes only that token: the same office on another tablet stays signed in', async () => {
    const t = await open();
    const first = await t.signIn('DEMO-1');
    const second = await t.signIn('DEMO-1');
    await t.app.request('/api/v1/auth/sign-out', {
      method: 'POST',
      headers: { Authorization: `Bearer ${first.token}` },
    });
    expect((await pullWith(t, second.token)).status).toBe(200);
  });

  it('needs a token', async () => {
    const t = await open();
    await expectProblem(await t.app.request('/api/v1/auth/sign-out', { method: 'POST' }), 401, 'unauthorized');
  });

  it('an expired token is refused even if it was never revoked', async () => {
    const t = await open();
    const session = await t.signIn('DEMO-2');
    t.clock.now = new Date(Date.parse(session.expiresAt));
    await expectProblem(await pullWith(t, session.token), 401, 'unauthorized');
  });
});

describe('the push token of a session', () => {
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const reportIdOf = (m: ReturnType<typeof reportOf>) => m.payload.reportId;

  it('differs from the full token and only its hash is stored, beside the full token’s', async () => {
    const t = await open();
    const session = await t.signIn('DEMO-1');
    expect(session.pushToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.pushToken).not.toBe(session.token);
    const rows = await t.db.query<{ token_hash: string; push_token_hash: string }>(
      'select token_hash, push_token_hash from sessions where token_hash = $1',
      [hashToken(session.token)],
    );
    expect(rows.rows).toEqual([
      { token_hash: hashToken(session.token), push_token_hash: hashToken(session.pushToken) },
    ]);
    const everything = JSON.stringify((await t.db.query('select * from sessions')).rows);
    expect(everything).not.toContain(session.pushToken);
    expect(everything).not.toContain(session.token);
  });

  it('cannot pull, cannot read a report and cannot list anything: 403 token_scope, while the full token can', async () => {
    const t = await open();
    const { token, pushToken } = await t.signIn('DEMO-1');
    const { items } = await t.pullAll(token);
    const item = items.find((i) => i.status === 'returned' && !i.inReport) as (typeof items)[number];
    const report = reportOf([item.id]);
    expect((await t.push(token, [report])).results[0]?.status).toBe('applied');

    await expectProblem(await pullWith(t, pushToken), 403, 'token_scope');
    const fromStart = await t.app.request('/api/v1/sync/pull?cursor=0&limit=1000', { headers: bearer(pushToken) });
    const refused = await expectProblem(fromStart, 403, 'token_scope');
    expect(JSON.stringify(refused)).not.toContain(item.id);
    const reportPath = `/api/v1/reports/${reportIdOf(report)}`;
    await expectProblem(await t.app.request(reportPath, { headers: bearer(pushToken) }), 403, 'token_scope');
    // The same requests with the full token succeed: the refusals above are the token's scope.
    expect((await pullWith(t, token)).status).toBe(200);
    expect((await t.app.request(reportPath, { headers: bearer(token) })).status).toBe(200);
  });

  it('is refused on every route of the app except push and sign-out, routes added later too', async () => {
    const t = await open();
    const { pushToken } = await t.signIn('DEMO-1');
    // The insurer staff's routes refuse every office token with 401 (server/insurer/insurer-api.test.ts).
    const routes = t.app.routes.filter(
      (r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.startsWith('/api/v1/insurer/'),
    );
    const publicPaths = ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/auth/sign-in'];
    const pushScope = ['POST /api/v1/sync/push', 'POST /api/v1/auth/sign-out'];
    const checked: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (publicPaths.includes(route.path) || pushScope.includes(name)) continue;
      const path = route.path.replace(':id', randomUUID());
      const res = await t.app.request(path, { method: route.method, headers: bearer(pushToken) });
      await expectProblem(res, 403, 'token_scope');
      checked.push(name);
    }
    expect(checked.sort()).toEqual(['GET /api/v1/reports/:id', 'GET /api/v1/sync/pull', 'GET /api/v1/value-mappings']);
  });

  it('can push; the audit log names the session by the full token’s hash, as before', async () => {
    const t = await open();
    const { token, pushToken } = await t.signIn('DEMO-1');
    const item = (await t.pullAll(token)).items.find((i) => i.status === 'to_collect') as RecallItem;
    const mutation = returned(item.id, '2026-11-21T01:00:00.000Z');
    expect((await t.push(pushToken, [mutation])).results).toEqual([{ id: mutation.id, status: 'applied' }]);
    expect((await t.pullAll(token)).items.findLast((i) => i.id === item.id)?.status).toBe('returned');
    const rows = (await auditRows(t)).filter((r) => r.mutation_id === mutation.id);
    expect(rows).toEqual([expect.objectContaining({ session_ref: hashToken(token), outcome: 'applied' })]);
    expect(JSON.stringify((await t.db.query('select * from audit_log')).rows)).not.toContain(hashToken(pushToken));
  });

  it('is revoked with its session: sign-out with either token refuses both', async () => {
    const t = await open();
    const first = await t.signIn('DEMO-1');
    const second = await t.signIn('DEMO-1');
    const item = (await t.pullAll(first.token)).items.find((i) => i.status === 'to_collect') as RecallItem;
    const pushRequest = (token: string) =>
      t.app.request('/api/v1/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ deviceId: randomUUID(), mutations: [returned(item.id, '2026-11-21T01:00:00.000Z')] }),
      });

    // Signed out with the full token: the push token stops too.
    const out = await t.app.request('/api/v1/auth/sign-out', { method: 'POST', headers: bearer(first.token) });
    expect(out.status).toBe(204);
    await expectProblem(await pushRequest(first.pushToken), 401, 'unauthorized');

    // Signed out with the push token (a locked tablet handed over): the full token stops too.
    expect((await pullWith(t, second.token)).status).toBe(200);
    const byPush = await t.app.request('/api/v1/auth/sign-out', { method: 'POST', headers: bearer(second.pushToken) });
    expect(byPush.status).toBe(204);
    await expectProblem(await pullWith(t, second.token), 401, 'unauthorized');
    await expectProblem(await pushRequest(second.pushToken), 401, 'unauthorized');
    expect((await auditRows(t)).filter((r) => r.action === 'sign_out').map((r) => r.session_ref)).toEqual([
      hashToken(first.token),
      hashToken(second.token),
    ]);
  });

  it('expires with its session', async () => {
    const t = await open();
    const session = await t.signIn('DEMO-2');
    const item = (await t.pullAll(session.token)).items.find((i) => i.status === 'to_collect') as RecallItem;
    t.clock.now = new Date(Date.parse(session.expiresAt));
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(session.pushToken) },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [returned(item.id, '2026-11-21T01:00:00.000Z')] }),
    });
    await expectProblem(res, 401, 'unauthorized');
  });

  it('a session opened before push tokens existed keeps its full token working', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-3');
    await t.db.query('update sessions set push_token_hash = null where token_hash = $1', [hashToken(token)]);
    expect((await pullWith(t, token)).status).toBe(200);
  });
});

describe('sign-in throttle (office code from one address)', () => {
  it('after 5 tries the office code pauses there for a minute, doubling; the right code is refused while paused', async () => {
    const t = await open();
    for (let i = 0; i < 5; i++) {
      await expectProblem(await signInRequest(t.app.request, 'DEMO-1', `wrong-${i}`), 401, 'invalid_credentials');
    }
    const sixth = await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1');
    await expectProblem(sixth, 429, 'sign_in_locked');
    expect(sixth.headers.get('retry-after')).toBe('60');
    // Refused attempts are not counted: hammering does not lengthen the pause.
    for (let i = 0; i < 10; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong');
    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    expect((await signInRequest(t.app.request, 'DEMO-1', 'wrong')).headers.get('retry-after')).toBe('30');
    // Another office is not affected.
    expect((await signInRequest(t.app.request, 'DEMO-2', 'demo-pass-2')).status).toBe(200);

    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    await expectProblem(await signInRequest(t.app.request, 'DEMO-1', 'wrong'), 401, 'invalid_credentials');
    const next = await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1');
    await expectProblem(next, 429, 'sign_in_locked');
    expect(next.headers.get('retry-after')).toBe('120');
    t.clock.now = new Date(t.clock.now.getTime() + 120_000);
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1')).status).toBe(200);
  });

  it('100 concurrent wrong guesses and then the right code: the right code is refused', async () => {
    const t = await open();
    const guesses = Array.from({ length: 100 }, (_, i) => signInRequest(t.app.request, 'DEMO-1', `guess-${i}`));
    const right = signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1');
    const answers = await Promise.all([...guesses, right]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    // Exactly the free tries were checked; every other one was refused unchecked.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(96);
  });

  it('100 concurrent wrong guesses from 100 addresses and then the right code: refused by the office limit', async () => {
    const t = await open({ trustProxy: true });
    const guesses = Array.from({ length: 100 }, (_, i) =>
      signInRequest(t.app.request, 'DEMO-1', `guess-${i}`, `203.0.113.${i + 1}`),
    );
    const answers = await Promise.all([
      ...guesses,
      signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', '198.51.100.9'),
    ]);
    expect(answers.at(-1)?.status).toBe(429);
    expect(answers.filter((r) => r.status === 200)).toEqual([]);
    // ...but only for a minute at most, and a signed-in tablet confirming its code is not held at all.
    expect(Number(answers.at(-1)?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it("a stranger's guesses do not keep the clerk out: other addresses and signed-in tablets still sign in", async () => {
    const t = await open({ trustProxy: true });
    const { token } = await t.signIn('DEMO-1');
    for (let i = 0; i < 30; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong', '203.0.113.66');
    await expectProblem(
      await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', '203.0.113.66'),
      429,
      'sign_in_locked',
    );
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', '198.51.100.1')).status).toBe(200);
    // Spread over many addresses the office limit holds others back; a signed-in tablet is exempt.
    for (let i = 0; i < 60; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong', `203.0.113.${100 + i}`);
    await expectProblem(
      await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', '198.51.100.2'),
      429,
      'sign_in_locked',
    );
    const reauth = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Forwarded-For': '198.51.100.2',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-1' }),
    });
    expect(reauth.status).toBe(200);
  });

  it('a success resets the count', async () => {
    const t = await open();
    for (let i = 0; i < 4; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong');
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1')).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      await expectProblem(await signInRequest(t.app.request, 'DEMO-1', 'wrong'), 401, 'invalid_credentials');
    }
  });

  it('attempts older than the window start the count again', async () => {
    const t = await open();
    for (let i = 0; i < 4; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong');
    t.clock.now = new Date(t.clock.now.getTime() + 15 * 60_000 + 1);
    for (let i = 0; i < 4; i++) {
      await expectProblem(await signInRequest(t.app.request, 'DEMO-1', 'wrong'), 401, 'invalid_credentials');
    }
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1')).status).toBe(200);
  });

  it('pauses an office code that does not exist the same way (no telling which codes exist)', async () => {
    const t = await open();
    for (let i = 0; i < 5; i++) await signInRequest(t.app.request, 'NOPE-1', 'wrong');
    await expectProblem(await signInRequest(t.app.request, 'NOPE-1', 'wrong'), 429, 'sign_in_locked');
  });

  it('is kept in the database: it holds across a restart and across two API instances', async () => {
    const t = await open();
    const other = createApp({ db: t.db, now: () => t.clock.now });
    for (let i = 0; i < 3; i++) await signInRequest(t.app.request, 'DEMO-3', 'wrong');
    for (let i = 0; i < 2; i++) await signInRequest(other.request, 'DEMO-3', 'wrong');
    await expectProblem(await signInRequest(other.request, 'DEMO-3', 'wrong'), 429, 'sign_in_locked');
    // A new process on the same database (a restart) still refuses the right code.
    const restarted = createApp({ db: t.db, now: () => t.clock.now });
    await expectProblem(await signInRequest(restarted.request, 'DEMO-3', 'demo-pass-3'), 429, 'sign_in_locked');
    await expectProblem(await signInRequest(t.app.request, 'DEMO-3', 'demo-pass-3'), 429, 'sign_in_locked');
  });

  it('the unlock path of docs/security.md lets the clerk in at once', async () => {
    const t = await open();
    for (let i = 0; i < 6; i++) await signInRequest(t.app.request, 'DEMO-1', 'wrong');
    await expectProblem(await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1'), 429, 'sign_in_locked');
    // docs/security.md: lifting every pause.
    await t.db.query('delete from sign_in_throttle where locked_until is not null');
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1')).status).toBe(200);
  });

  it('audits success, failure and refusal with ids and codes only', async () => {
    const t = await open();
    for (let i = 0; i < 5; i++) await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-2');
    await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1');
    await signInRequest(t.app.request, 'TYPO-SECRET-1', 'demo-pass-1');
    const { token } = await t.signIn('DEMO-2');
    const rows = await auditRows(t);
    expect(rows.map((r) => [r.office_id, r.action, r.outcome, r.reason])).toEqual([
      ['office-demo-1', 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-1', 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-1', 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-1', 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-1', 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-1', 'sign_in', 'locked', 'sign_in_locked'],
      [null, 'sign_in', 'failed', 'invalid_credentials'],
      ['office-demo-2', 'sign_in', 'succeeded', null],
    ]);
    expect(rows.at(-1)?.session_ref).toBe(hashToken(token));
    const everything = JSON.stringify((await t.db.query('select * from audit_log')).rows);
    expect(everything).not.toContain('TYPO-SECRET');
    expect(everything).not.toContain('demo-pass');
    expect(everything).not.toContain(token);
  });
});

describe('sign-in limit per client address', () => {
  it('pauses an address after 20 tries across office codes; other addresses still sign in', async () => {
    const t = await open({ trustProxy: true });
    const attacker = '203.0.113.7';
    for (let i = 1; i <= 20; i++) {
      await expectProblem(await signInRequest(t.app.request, `GUESS-${i}`, 'x', attacker), 401, 'invalid_credentials');
    }
    await expectProblem(await signInRequest(t.app.request, 'GUESS-21', 'x', attacker), 429, 'sign_in_locked');
    // Putting a made-up address first does not help: the proxy's own (last) entry counts.
    const spoofed = await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', `198.51.100.1, ${attacker}`);
    await expectProblem(spoofed, 429, 'sign_in_locked');
    expect((await signInRequest(t.app.request, 'DEMO-1', 'demo-pass-1', '198.51.100.1')).status).toBe(200);
  });

  it('without TRUST_PROXY a forwarded address is ignored', async () => {
    const rule = (free: number) => ({ free, windowMs: 60_000, baseDelayMs: 60_000, maxDelayMs: 60_000 });
    const t = await open({ throttle: { pair: rule(100), office: rule(100), address: rule(2) } });
    await signInRequest(t.app.request, 'GUESS-1', 'x', '198.51.100.1');
    await signInRequest(t.app.request, 'GUESS-2', 'x', '198.51.100.2');
    await expectProblem(await signInRequest(t.app.request, 'GUESS-3', 'x', '198.51.100.3'), 429, 'sign_in_locked');
  });
});

describe('strict CORS', () => {
  const preflight = (t: TestApp, origin: string) =>
    t.app.request('/api/v1/sync/push', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
  const corsHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));

  it('by default gives no foreign origin any CORS header and refuses its preflight', async () => {
    const t = await open();
    const res = await preflight(t, 'https://evil.example');
    await expectProblem(res, 403, 'origin_not_allowed');
    expect(corsHeaders(res)).toEqual([]);

    const { token } = await t.signIn('DEMO-1');
    const read = await t.app.request('/api/v1/sync/pull?limit=1', {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(corsHeaders(read)).toEqual([]);
    expect(read.headers.get('vary')).toContain('Origin');

    const signIn = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-1' }),
    });
    expect(corsHeaders(signIn)).toEqual([]);
  });

  it('allows exactly the origins in ALLOWED_ORIGINS', async () => {
    const t = await open({ allowedOrigins: parseAllowedOrigins('https://partner.example, *, https://x.example/path') });
    const ok = await preflight(t, 'https://partner.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    expect(ok.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    await expectProblem(await preflight(t, 'https://partner.example.evil.example'), 403, 'origin_not_allowed');
    await expectProblem(await preflight(t, 'http://partner.example'), 403, 'origin_not_allowed');

    const health = await t.app.request('/api/v1/health', { headers: { Origin: 'https://partner.example' } });
    expect(health.headers.get('access-control-allow-origin')).toBe('https://partner.example');
  });

  it('parses ALLOWED_ORIGINS strictly', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins('*, null, https://a.example/, https://b.example:8443,http://c.example')).toEqual([
      'https://b.example:8443',
      'http://c.example',
    ]);
  });
});

describe('request size limits', () => {
  it('every API route that takes a body refuses one over the limit with 413, routes added later too', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-1');
    // The insurer staff's routes have limits of their own (server/insurer/insurer-api.test.ts).
    const bodyRoutes = t.app.routes.filter(
      (r) => r.method === 'POST' && r.path.startsWith('/api/') && !r.path.startsWith('/api/v1/insurer/'),
    );
    expect(bodyRoutes.map((r) => r.path).sort()).toEqual([
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-out',
      '/api/v1/sync/push',
    ]);
    for (const route of bodyRoutes) {
      const res = await t.app.request(route.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      await expectProblem(res, 413, 'payload_too_large');
    }
    // The token is still live: the oversized sign-out was refused before it did anything.
    expect((await pullWith(t, token)).status).toBe(200);
  });

  it('a sign-in body has a small limit of its own', async () => {
    const t = await open();
    const res = await signInRequest(t.app.request, 'DEMO-1', 'x'.repeat(MAX_SIGN_IN_BODY_BYTES));
    await expectProblem(res, 413, 'payload_too_large');
  });

  it('refuses a URL over the limit with 414, before reading the query', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-1');
    const long = `/api/v1/sync/pull?cursor=0&x=${'a'.repeat(MAX_URL_LENGTH)}`;
    await expectProblem(
      await t.app.request(long, { headers: { Authorization: `Bearer ${token}` } }),
      414,
      'uri_too_long',
    );
    await expectProblem(await t.app.request(`/${'a'.repeat(MAX_URL_LENGTH)}`), 414, 'uri_too_long');
  });
});

describe('audit log of pushed changes', () => {
  it('records every applied and rejected mutation with session, device, target and reason', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-1');
    const { items } = await t.pullAll(token);
    const item = items.find((i) => i.status === 'to_collect') as (typeof items)[number];
    const deviceId = randomUUID();
    const ok = returned(item.id, '2026-11-21T01:00:00.000Z');
    const missing = returned('item-does-not-exist', '2026-11-21T01:00:00.000Z');
    const language = {
      id: randomUUID(),
      type: 'member.language_set' as const,
      at: '2026-11-21T01:00:00.000Z',
      payload: { memberId: item.memberId, language: 'vi' as const },
    };
    await t.push(token, [ok, missing, language], deviceId);
    // A retry of an applied mutation changes nothing and is not logged again.
    await t.push(token, [ok], deviceId);

    const rows = (await auditRows(t)).filter((r) => r.action !== 'sign_in');
    expect(rows).toEqual([
      {
        office_id: 'office-demo-1',
        session_ref: hashToken(token),
        device_id: deviceId,
        action: 'item.returned',
        mutation_id: ok.id,
        target_id: item.id,
        outcome: 'applied',
        reason: null,
      },
      expect.objectContaining({ mutation_id: missing.id, outcome: 'rejected', reason: 'item_not_found' }),
      expect.objectContaining({
        action: 'member.language_set',
        mutation_id: language.id,
        target_id: item.memberId,
        outcome: 'applied',
      }),
    ]);
  });

  it('holds no personal data: only these columns', async () => {
    const t = await open();
    const columns = await t.db.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'audit_log' order by column_name`,
    );
    expect(columns.rows.map((c) => c.column_name)).toEqual([
      'action',
      'at',
      'device_id',
      'id',
      'mutation_id',
      'office_id',
      'outcome',
      'reason',
      'session_ref',
      'target_id',
    ]);
  });

  it('is written in the same transaction as the change: when the log cannot be written, nothing changes', async () => {
    const t = await open();
    const { token } = await t.signIn('DEMO-1');
    const { items } = await t.pullAll(token);
    const item = items.filter((i) => i.status === 'to_collect').at(-1) as (typeof items)[number];
    // The log refuses this one action; the item change in the same transaction must roll back with it.
    await t.db.query(`alter table audit_log add constraint refuse_returned check (action <> 'item.returned')`);
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [returned(item.id, '2026-11-21T01:00:00.000Z')] }),
    });
    await t.db.query('alter table audit_log drop constraint refuse_returned');
    // The mutation is answered on its own (issue 18): rejected, not recorded, so it is sent again later.
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: { status: string; reason?: string }[] }).results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'server_error' }),
    ]);
    const after = await t.db.query<{ status: string; version: unknown }>(
      'select status, version from recall_items where id = $1',
      [item.id],
    );
    expect(after.rows[0]).toEqual({ status: 'to_collect', version: expect.anything() });
    expect(Number(after.rows[0]?.version)).toBe(item.version);
    const recorded = await t.db.query('select 1 from applied_mutations where item_id = $1', [item.id]);
    expect(recorded.rows).toEqual([]);
  });
});
