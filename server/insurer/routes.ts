import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  EnrolOfficeRequest,
  EnvelopeRequest,
  InsurerValueMappingsRequest,
  PublishRequest,
  StaffSignInRequest,
  SummaryQuery,
} from '../../src/api/insurer-schemas';
import { bearerToken } from '../auth/sessions';
import type { ThrottlePolicy } from '../auth/sign-in-throttle';
import type { Database } from '../db/database';
import { clientAddress } from '../http/client-address';
import { problemResponse, problems } from '../http/problem';
import { readJson, readQuery } from '../http/validate';
import { disableOffice, enrolOffice, listOffices, officeOf, rotateAccessCode } from './offices';
import { checkRows, publish, rowProblems, rowsInvalid, uploadKey } from './publish';
import { readCsvUpload } from './publish-csv';
import { japanDate, officeReports, recordEnvelope, summary, summaryCsv } from './returns';
import { revokeStaffSession, type StaffSession, staffSessionForToken, staffSignIn } from './staff-auth';
import { insurerValueMappings, setInsurerValueMappings } from './value-mappings';

/** Staff bodies other than a publish are small forms. */
export const MAX_STAFF_BODY_BYTES = 16 * 1024;
/** A publish of PUBLISH_ROWS_MAX rows of about 500 bytes each. */
/** 200 answers of wordings up to 200 characters each. */
export const MAX_VALUE_MAPPINGS_BODY_BYTES = 256 * 1024;
export const MAX_PUBLISH_BODY_BYTES = 12 * 1024 * 1024;

export type InsurerRoutesOptions = {
  db: Database;
  now: () => Date;
  trustProxy: boolean;
  throttle?: ThrottlePolicy;
};

type Env = { Variables: { staff: StaffSession } };

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw problems.tooLarge(maxSize);
    },
  });

const officeCodeParam = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/);
const PeriodQuery = z.strictObject({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});
/** A CSV upload's period and title (its body is the file itself). */
export const CsvPublishQuery = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  title: z.string().trim().min(1).max(100),
});
const IdempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'visible ASCII only');

/**
 * The insurer staff's routes, mounted at /api/v1/insurer (docs/decisions/020-insurer-side.md). Every
 * route but sign-in needs a staff token, looked up in staff_sessions only: an office token (sessions)
 * is unknown here, and a staff token is unknown to the office routes. The session's insurer scopes
 * every query, so another insurer's office answers like a missing one.
 */
export function insurerRoutes(options: InsurerRoutesOptions): Hono<Env> {
  const { db, now } = options;
  const staff = new Hono<Env>();

  staff.use('/publish', limitBody(MAX_PUBLISH_BODY_BYTES));
  staff.use('*', async (c, next) => {
    if (c.req.path.endsWith('/insurer/publish')) return next();
    if (c.req.path.endsWith('/insurer/value-mappings')) return limitBody(MAX_VALUE_MAPPINGS_BODY_BYTES)(c, next);
    return limitBody(MAX_STAFF_BODY_BYTES)(c, next);
  });

  staff.post('/auth/sign-in', async (c) => {
    const body = await readJson(c, StaffSignInRequest);
    const outcome = await staffSignIn(db, {
      login: body.login,
      password: body.password,
      address: clientAddress(c, options.trustProxy),
      now: now(),
      ...(options.throttle ? { policy: options.throttle } : {}),
    });
    if (outcome.ok) return c.json(outcome.session);
    if (outcome.reason === 'invalid_credentials') throw problems.invalidCredentials();
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return problemResponse(c, problems.signInLocked());
  });

  staff.use('*', async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    const session = token ? await staffSessionForToken(db, token, now()) : null;
    if (!session) throw problems.unauthorized();
    c.set('staff', session);
    await next();
  });

  staff.post('/auth/sign-out', async (c) => {
    await revokeStaffSession(db, c.get('staff'), now());
    return c.body(null, 204);
  });

  staff.get('/offices', async (c) => c.json({ offices: await listOffices(db, c.get('staff')) }));

  staff.post('/offices', async (c) => {
    const body = await readJson(c, EnrolOfficeRequest);
    return c.json(await enrolOffice(db, c.get('staff'), body, now()), 201);
  });

  const codeOf = (raw: string) => {
    const parsed = officeCodeParam.safeParse(raw);
    if (!parsed.success) throw problems.notFound();
    return parsed.data;
  };

  staff.get('/offices/:code', async (c) => c.json(await officeOf(db, c.get('staff'), codeOf(c.req.param('code')))));

  staff.post('/offices/:code/access-code', async (c) =>
    c.json(await rotateAccessCode(db, c.get('staff'), codeOf(c.req.param('code')))),
  );

  staff.post('/offices/:code/disable', async (c) =>
    c.json(await disableOffice(db, c.get('staff'), codeOf(c.req.param('code')), now())),
  );

  staff.post('/publish', async (c) => {
    // Read like readJson, but a schema failure is a 422 with row paths (the file's rows are wrong,
    // the request itself is well formed).
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    const header = c.req.header('idempotency-key');
    const key = header === undefined ? undefined : IdempotencyKey.safeParse(header);
    if (key && !key.success)
      throw rowsInvalid([{ path: 'Idempotency-Key', message: 'visible ASCII, 1 to 200 characters' }]);
    if (type === 'text/csv') {
      // The insurer's file as it is (docs/decisions/029): period and title in the query, since a CSV
      // has no place for them; the encoding is detected like the tablet's import does.
      const query = readQuery(c, CsvPublishQuery);
      const session = c.get('staff');
      const csv = await readCsvUpload(db, session, {
        period: query.period,
        title: query.title,
        bytes: new Uint8Array(await c.req.arrayBuffer()),
        today: japanDate(now()),
      });
      const offices = await checkRows(db, session, csv.request.rows, csv.locate);
      const upload = key?.data ?? `csv:${csv.digest}`;
      const result = await publish(db, session, csv.request, offices, uploadKey(csv.request, upload), now());
      return c.json(result, result.offices.some((o) => o.published) ? 201 : 200);
    }
    if (type !== 'application/json') throw problems.unsupportedMediaType();
    const text = await c.req.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw problems.malformedJson();
    }
    const parsed = PublishRequest.safeParse(raw);
    if (!parsed.success) throw rowsInvalid(rowProblems(parsed.error));
    const session = c.get('staff');
    const offices = await checkRows(db, session, parsed.data.rows);
    const result = await publish(db, session, parsed.data, offices, uploadKey(parsed.data, key?.data), now());
    return c.json(result, result.offices.some((o) => o.published) ? 201 : 200);
  });

  // The insurer's own wordings, answered once (issue 20, docs/decisions/032): a CSV publish and the
  // offices' imports read them.
  staff.get('/value-mappings', async (c) => c.json(await insurerValueMappings(db, c.get('staff').insurerId)));
  staff.put('/value-mappings', async (c) => {
    const body = await readJson(c, InsurerValueMappingsRequest);
    return c.json(await setInsurerValueMappings(db, c.get('staff'), body, now()));
  });

  staff.get('/summary', async (c) => {
    const query = readQuery(c, SummaryQuery);
    const rows = await summary(db, c.get('staff'), query.period, now());
    if (query.format === 'csv') {
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header(
        'Content-Disposition',
        `attachment; filename="recall-summary${query.period ? `-${query.period}` : ''}.csv"`,
      );
      return c.body(summaryCsv(rows));
    }
    return c.json({ rows });
  });

  staff.get('/offices/:code/reports', async (c) => {
    const query = readQuery(c, PeriodQuery);
    const office = await officeOf(db, c.get('staff'), codeOf(c.req.param('code')));
    return c.json({ reports: await officeReports(db, office, query.period) });
  });

  staff.post('/offices/:code/reports/:reportId/envelope', async (c) => {
    const office = await officeOf(db, c.get('staff'), codeOf(c.req.param('code')));
    const reportId = z.uuid().safeParse(c.req.param('reportId'));
    if (!reportId.success) throw problems.notFound();
    const body = await readJson(c, EnvelopeRequest);
    return c.json(await recordEnvelope(db, c.get('staff'), office, reportId.data, body.count, now()));
  });

  // Anything else under /insurer is unknown here, and never falls through to the office routes.
  staff.all('*', () => {
    throw problems.notFound();
  });
  return staff;
}
