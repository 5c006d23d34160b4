import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { type Health, PullQuery, PushRequest, type PushResponse, SignInRequest } from '../src/api/schemas';
import { bearerToken, officeForToken, signIn } from './auth/sessions';
import type { Database } from './db/database';
import { openApiDocument } from './http/openapi';
import { ProblemError, problemResponse, problems } from './http/problem';
import { mountStatic } from './http/static-files';
import { readJson, readQuery } from './http/validate';
import { storedReport } from './reports/stored-report';
import { DEFAULT_PULL_LIMIT, pullChanges } from './sync/pull';
import { pushMutations } from './sync/push';

export const MAX_BODY_BYTES = 1024 * 1024;

export type Logger = { info(line: string): void; error(line: string): void };

export type AppOptions = {
  db: Database;
  /** The vite build output (dist/); when absent only the API is served. */
  staticDir?: string;
  /** Injectable clock for session expiry (tests). */
  now?: () => Date;
  /** Where request and error lines go. Defaults to errors on stderr and no request lines. */
  logger?: Logger;
};

type Env = { Variables: { officeId: string } };

const CSP = {
  defaultSrc: ["'self'"],
  // wasm-unsafe-eval lets the certificate scanner compile its WebAssembly barcode decoder; it allows
  // no inline script and no JavaScript eval.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

const PUBLIC_PATHS = new Set(['/api/v1/health', '/api/v1/openapi.json', '/api/v1/auth/sign-in']);

const silentInfo: Logger = { info: () => {}, error: (line) => console.error(line) };

export function createApp(options: AppOptions): Hono {
  const { db, staticDir } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? silentInfo;
  const version = packageJson.version;

  const app = new Hono();

  // Method, path (never the query string: it could carry names) and status only; bodies are never logged.
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log.info(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CSP,
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      xFrameOptions: 'DENY',
    }),
  );
  app.use('*', compress());

  app.onError((err, c) => {
    if (err instanceof ProblemError) return problemResponse(c, err);
    if (err instanceof HTTPException) {
      const status = err.status;
      return problemResponse(
        c,
        new ProblemError(status, status === 413 ? 'payload_too_large' : 'bad_request', err.message || 'Bad request'),
      );
    }
    // Name, driver code and stack frames only: a database error message can quote row values.
    const code = (err as { code?: unknown }).code;
    const frames = (err.stack ?? '').split('\n').slice(1, 6).join(' | ');
    log.error(`unhandled ${err.name}${code ? ` (${String(code)})` : ''} on ${c.req.method} ${c.req.path}: ${frames}`);
    return problemResponse(c, problems.internal());
  });
  app.notFound((c) => problemResponse(c, problems.notFound()));

  const api = new Hono<Env>();
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw problems.tooLarge(MAX_BODY_BYTES);
    },
  });

  api.get('/health', (c) => c.json({ status: 'ok', version } satisfies z.infer<typeof Health>));
  api.get('/openapi.json', (c) => c.json(openApiDocument(version)));

  api.post('/auth/sign-in', limitBody, async (c) => {
    const body = await readJson(c, SignInRequest);
    const session = await signIn(db, body.officeCode, body.accessCode, now());
    if (!session) throw problems.invalidCredentials();
    return c.json(session);
  });

  // Every other route needs a live session, including routes added later (secure by default);
  // the session's office scopes every query.
  api.use('*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const token = bearerToken(c.req.header('authorization'));
    const officeId = token ? await officeForToken(db, token, now()) : null;
    if (!officeId) throw problems.unauthorized();
    c.set('officeId', officeId);
    await next();
  });

  api.get('/sync/pull', async (c) => {
    const query = readQuery(c, PullQuery);
    const page = await pullChanges(db, c.get('officeId'), query.cursor ?? '0', query.limit ?? DEFAULT_PULL_LIMIT);
    return c.json(page);
  });

  api.post('/sync/push', limitBody, async (c) => {
    const body = await readJson(c, PushRequest);
    const results = await pushMutations(db, c.get('officeId'), body.deviceId, body.mutations);
    return c.json({ results } satisfies PushResponse);
  });

  // The insurer's record of a report, so a clerk (or a test) can see exactly which items it holds.
  api.get('/reports/:id', async (c) => {
    const reportId = z.uuid().safeParse(c.req.param('id'));
    if (!reportId.success) throw problems.notFound();
    const report = await storedReport(db, c.get('officeId'), reportId.data);
    if (!report) throw problems.notFound();
    return c.json(report);
  });

  app.route('/api/v1', api);
  if (staticDir) mountStatic(app, staticDir);
  return app;
}
