import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { type Health, PullQuery, PushRequest, type PushResponse, SignInRequest } from '../src/api/schemas';
import { bearerToken, type LiveSession, revokeSession, sessionForToken, signIn } from './auth/sessions';
import type { ThrottlePolicy } from './auth/sign-in-throttle';
import type { Database } from './db/database';
import { clientAddress } from './http/client-address';
import { strictCors } from './http/cors';
import { openApiDocument } from './http/openapi';
import { isInfrastructureError, ProblemError, problemResponse, problems } from './http/problem';
import { mountStatic } from './http/static-files';
import { readJson, readQuery } from './http/validate';
import { insurerRoutes } from './insurer/routes';
import { storedReport } from './reports/stored-report';
import { officeValueMappings } from './sync/apply-value-mapping';
import { readOfficeProfile } from './sync/office-profile';
import { DEFAULT_PULL_LIMIT, openPull } from './sync/pull';
import { PullJsonFiller, withPullJsonFiller } from './sync/pull-json-filler';
import { pushMutations } from './sync/push';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Sign-in bodies are two short strings; anything bigger is not a sign-in. */
export const MAX_SIGN_IN_BODY_BYTES = 4 * 1024;
/** Path and query together. Our longest real URL (a pull page) is under 100 characters. */
export const MAX_URL_LENGTH = 2048;

export type Logger = { info(line: string): void; error(line: string): void };

export type AppOptions = {
  db: Database;
  /** The vite build output (dist/); when absent only the API is served. */
  staticDir?: string;
  /** Injectable clock for session expiry (tests). */
  now?: () => Date;
  /** Where request and error lines go. Defaults to errors on stderr and no request lines. */
  logger?: Logger;
  /** Foreign origins allowed to call the API (env ALLOWED_ORIGINS); none by default. */
  allowedOrigins?: readonly string[];
  /** Behind one reverse proxy: take the client address from X-Forwarded-For (env TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** Sign-in limits (tests use smaller ones); defaults in auth/sign-in-throttle.ts. */
  throttle?: ThrottlePolicy;
  /**
   * Stores changed items' pull JSON after their writes commit (docs/decisions/039). Default: one of
   * its own for this app; pass one to flush or sweep it (main.ts, scripts), false for none (pulls
   * then build every item, as before migration 020).
   */
  pullJsonFiller?: PullJsonFiller | false;
};

type Env = { Variables: { session: LiveSession } };

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
/**
 * The pull checks its session itself, in the statement that reads the page's first slice
 * (sync/pull.ts openPull): one round trip for a cursor pull. Only this exact route skips the lookup.
 */
const PULL_PATH = '/api/v1/sync/pull';
/** The only routes a push token opens: sending the outbox and revoking the session. */
const PUSH_SCOPE_ROUTES = new Set(['POST /api/v1/sync/push', 'POST /api/v1/auth/sign-out']);

const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw problems.tooLarge(maxSize);
    },
  });

const silentInfo: Logger = { info: () => {}, error: (line) => console.error(line) };

export function createApp(options: AppOptions): Hono {
  const { staticDir } = options;
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? silentInfo;
  const filler = options.pullJsonFiller ?? new PullJsonFiller(options.db, { onError: log.error });
  const db = filler ? withPullJsonFiller(options.db, filler) : options.db;
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
  // Before anything reads the query: a huge query string is refused unread.
  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.length + url.search.length > MAX_URL_LENGTH) {
      return problemResponse(c, problems.uriTooLong(MAX_URL_LENGTH));
    }
    await next();
  });
  app.use('/api/*', strictCors(options.allowedOrigins ?? []));
  // API answers carry tokens (sign-in) or personal data (pull, reports); no cache, shared or
  // private, keeps them. Errors too: a problem can name the field of a refused value.
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

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
    return problemResponse(c, isInfrastructureError(err) ? problems.unavailable() : problems.internal());
  });
  app.notFound((c) => problemResponse(c, problems.notFound()));

  const api = new Hono<Env>();
  // Size limits for every route of the API, including routes added later (they apply to any body).
  api.use('/auth/*', limitBody(MAX_SIGN_IN_BODY_BYTES));
  api.use('*', limitBody(MAX_BODY_BYTES));

  api.get('/health', (c) => c.json({ status: 'ok', version } satisfies z.infer<typeof Health>));
  api.get('/openapi.json', (c) => c.json(openApiDocument(version)));

  api.post('/auth/sign-in', async (c) => {
    const body = await readJson(c, SignInRequest);
    // A signed-in tablet confirming its code again is exempt from the office-wide limits (ADR 014).
    const presented = bearerToken(c.req.header('authorization'));
    const current = presented ? await sessionForToken(db, presented, now()) : null;
    const outcome = await signIn(db, {
      signedInOfficeId: current?.scope === 'full' ? current.officeId : null,
      officeCode: body.officeCode,
      accessCode: body.accessCode,
      address: clientAddress(c, options.trustProxy ?? false),
      now: now(),
      ...(options.throttle ? { policy: options.throttle } : {}),
    });
    // The office profile the forms print comes with the session (docs/decisions/024).
    if (outcome.ok)
      return c.json({ ...outcome.session, officeProfile: await readOfficeProfile(db, outcome.session.office.id) });
    if (outcome.reason === 'invalid_credentials') throw problems.invalidCredentials();
    c.header('Retry-After', String(outcome.retryAfterSeconds));
    return problemResponse(c, problems.signInLocked());
  });

  // Every other route needs a live session, including routes added later (secure by default);
  // the session's office scopes every query. A push token opens only the push-scope routes, so a
  // copy of what a locked tablet keeps in clear reads nothing.
  api.use('*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const token = bearerToken(c.req.header('authorization'));
    if (token && c.req.method === 'GET' && c.req.path === PULL_PATH) return next();
    const session = token ? await sessionForToken(db, token, now()) : null;
    if (!session) throw problems.unauthorized();
    if (session.scope !== 'full' && !PUSH_SCOPE_ROUTES.has(`${c.req.method} ${c.req.path}`)) {
      throw problems.tokenScope();
    }
    c.set('session', session);
    await next();
  });

  // Sign-out and hand-over with either token: the session is revoked for good (a lost tablet's copy stops working).
  api.post('/auth/sign-out', async (c) => {
    await revokeSession(db, c.get('session'), now());
    return c.body(null, 204);
  });

  api.get('/sync/pull', async (c) => {
    // The session middleware let this route through with a well-formed token unchecked: the token
    // is checked here, in the statement that reads the first slice (sync/pull.ts openPull).
    const token = bearerToken(c.req.header('authorization')) as string;
    const parsed = PullQuery.safeParse(c.req.query());
    if (!parsed.success) {
      // Same order of refusals as every other route: no live session 401, push token 403, then the query.
      const session = await sessionForToken(db, token, now());
      if (!session) throw problems.unauthorized();
      if (session.scope !== 'full') throw problems.tokenScope();
      readQuery(c, PullQuery);
    }
    const query = parsed.data ?? {};
    const opened = await openPull(db, token, now(), query.cursor ?? '0', query.limit ?? DEFAULT_PULL_LIMIT);
    if (!opened) throw problems.unauthorized();
    c.set('session', opened.session);
    if (!opened.parts) throw problems.tokenScope();
    const parts = opened.parts;
    // The page's JSON comes from the database as text (sync/pull.ts). The first slice is read before
    // answering, so a failing query still answers problem+json; a page of one slice (a cursor pull
    // of up to 25 changes) goes out whole, a longer one is streamed slice by slice and never held
    // whole in memory. The office profile comes inside the page when the tablet lacks it (migration 019).
    const first = await parts.next();
    const type = { 'Content-Type': 'application/json' };
    if (first.done || first.value.last) return c.body(first.value?.text ?? '', 200, type);
    c.header('Content-Type', type['Content-Type']);
    return stream(
      c,
      async (out) => {
        await out.write(first.value.text);
        for await (const part of parts) {
          // A tablet that hung up gets no more slices read for it.
          if (out.aborted) return;
          await out.write(part.text);
        }
      },
      // Headers are gone by now: the body is cut short (invalid JSON), and the tablet pulls again.
      async (err) => log.error(`pull stream cut on ${c.req.path}: ${err.name}`),
    );
  });

  api.post('/sync/push', async (c) => {
    const body = await readJson(c, PushRequest);
    const results = await pushMutations(db, c.get('session'), body.deviceId, body.mutations, { onError: log.error });
    return c.json({ results } satisfies PushResponse);
  });

  // The office's answers for its insurer's wordings in imported files (issue 17, docs/decisions/025).
  api.get('/value-mappings', async (c) => c.json(await officeValueMappings(db, c.get('session').officeId)));

  // The insurer's record of a report, so a clerk (or a test) can see exactly which items it holds.
  api.get('/reports/:id', async (c) => {
    const reportId = z.uuid().safeParse(c.req.param('id'));
    if (!reportId.success) throw problems.notFound();
    const report = await storedReport(db, c.get('session').officeId, reportId.data);
    if (!report) throw problems.notFound();
    return c.json(report);
  });

  // The insurer staff's routes, with their own token scope (insurer/routes.ts). Mounted before the
  // office routes, so the office session check never sees them and they never fall through to it.
  app.route(
    '/api/v1/insurer',
    insurerRoutes({
      db,
      now,
      trustProxy: options.trustProxy ?? false,
      ...(options.throttle ? { throttle: options.throttle } : {}),
    }),
  );
  app.route('/api/v1', api);
  if (staticDir) mountStatic(app, staticDir);
  return app;
}
