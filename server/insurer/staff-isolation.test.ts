import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { officeDigest } from '../fuzz/fuzz';
import { freshApp, type TestApp } from '../testing/fresh-app';
import { publishRow, STAFF_LOGINS, staffClient } from './staff-api';

/**
 * Issue 20: the isolation and load checks of the office routes, for the staff routes. A staff token of
 * one insurer never reads or writes another insurer's offices, on every staff route; the staff sign-in
 * throttle holds when the guesses arrive at once. On PGlite and, in `npm run test:pg`, on PostgreSQL.
 */
let t: TestApp;
beforeAll(async () => {
  t = await freshApp();
  // Give every demo office the insurer's own identifiers, so a CSV can name them by those too.
  await t.db.query(`update offices set office_symbol = '01-デモ', office_number = substr(code, 6)`);
}, 180_000);
afterAll(async () => {
  await t.db.close();
});

// Each insurer's staff, and an office of the *other* insurer with what only that office's data holds.
const PAIRS = [
  { staff: 'kyokai', foreign: { code: 'DEMO-1', id: 'office-demo-1', number: '1' } },
  { staff: 'minato', foreign: { code: 'DEMO-2', id: 'office-demo-2', number: '2' } },
] as const;

const CSV_HEADER =
  '事業所コード,事業所整理記号,事業所番号,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';

describe('a staff token of one insurer and another insurer’s office', () => {
  for (const { staff: which, foreign } of PAIRS) {
    it(`${which} staff: every staff route naming ${foreign.code} answers like a missing office and changes nothing`, async () => {
      const staff = staffClient(t.app);
      const token = await staff.signIn(which);
      const name = (await t.db.query<{ name: string }>('select name from offices where id = $1', [foreign.id])).rows[0]
        ?.name as string;
      const report = await t.db.query<{ id: string }>(
        'select id::text as id from reports where office_id = $1 limit 1',
        [foreign.id],
      );
      const reportId = report.rows[0]?.id ?? randomUUID();
      const before = await officeDigest(t.db, foreign.id);

      const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.includes('/insurer/offices/:code'));
      expect(routes.length).toBeGreaterThanOrEqual(5);
      for (const route of routes) {
        const path = route.path.replace(':code', foreign.code).replace(':reportId', reportId);
        const res = await t.app.request(path, {
          method: route.method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          ...(route.method === 'POST' ? { body: JSON.stringify({ count: 0 }) } : {}),
        });
        expect(res.status, `${route.method} ${route.path}`).toBe(404);
        expect(await res.text()).not.toContain(name);
      }

      // Publishing to it, as JSON and as CSV by its code or by its 事業所整理記号・番号: a row problem.
      const json = await staff.call('POST', '/publish', token, {
        period: '2026-11',
        title: 'x',
        rows: [publishRow(foreign.code, 1)],
      });
      expect(json.status).toBe(422);
      for (const office of [`${foreign.code},,`, `,01-デモ,${foreign.number}`]) {
        const csv = `${CSV_HEADER}\r\n${office},Z-1,1001,501,00,山田 一郎,ヤマダ イチロウ,1980/4/1,男,本人,,資格喪失,2026/11/16,2025/12/2,\r\n`;
        const res = await t.app.request('/api/v1/insurer/publish?period=2026-11&title=x', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
          body: csv,
        });
        expect(res.status, office).toBe(422);
        expect(((await res.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual([
          'unknown_office',
        ]);
      }

      // The lists and counts of the staff's own insurer never show it.
      for (const path of ['/offices', '/summary', '/summary?period=2026-11', '/summary?format=csv']) {
        const res = await staff.call('GET', path, token);
        expect(res.status, path).toBe(200);
        const text = await res.text();
        expect(text, path).not.toContain(name);
        expect(text, path).not.toContain(foreign.code);
      }
      expect(await officeDigest(t.db, foreign.id)).toBe(before);
    }, 120_000);
  }
});

describe('staff sign-in under load', () => {
  it('100 concurrent wrong passwords and then the right one: the right one is refused, 5 checked', async () => {
    const app = createApp({ db: t.db, now: () => t.clock.now });
    const [login, password] = STAFF_LOGINS.minato;
    const attempt = (pass: string, from?: string) =>
      app.request('/api/v1/insurer/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(from ? { 'X-Forwarded-For': from } : {}) },
        body: JSON.stringify({ login, password: pass }),
      });
    const answers = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => attempt(`guess-${i}`)),
      attempt(password),
    ]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200)).toEqual([]);
    // Exactly the free tries were checked; every other one was refused unchecked.
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(96);

    // From 100 addresses at once (behind a proxy), the login's own limit holds them back too.
    t.clock.now = new Date(t.clock.now.getTime() + 24 * 60 * 60 * 1000);
    const proxied = createApp({ db: t.db, now: () => t.clock.now, trustProxy: true });
    const spread = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) =>
        proxied.request('/api/v1/insurer/auth/sign-in', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `203.0.113.${i + 1}` },
          body: JSON.stringify({ login: STAFF_LOGINS.kyokai[0], password: `guess-${i}` }),
        }),
      ),
      proxied.request('/api/v1/insurer/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.9' },
        body: JSON.stringify({ login: STAFF_LOGINS.kyokai[0], password: STAFF_LOGINS.kyokai[1] }),
      }),
    ]);
    expect(spread.at(-1)?.status).toBe(429);
    expect(spread.filter((r) => r.status === 200)).toEqual([]);
    // The office sign-in is another key: a tablet of the locked staff's insurer still signs in.
    expect((await t.signIn('DEMO-3')).token).toBeTruthy();
  }, 120_000);
});
