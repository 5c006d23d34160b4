import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Problem } from '../../src/api/schemas';

/**
 * RFC 9457 problem details. `code` is the stable machine code the client translates; `title` and
 * `detail` are English for developers and never contain personal data or internals.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
  ) {
    super(title);
    this.name = 'ProblemError';
  }
}

export function problemBody(p: ProblemError): Problem {
  return {
    type: `https://shikaku-recall.example/problems/${p.code}`,
    title: p.title,
    status: p.status,
    code: p.code,
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(p.errors === undefined ? {} : { errors: p.errors }),
  };
}

export function problemResponse(c: Context, p: ProblemError): Response {
  return c.body(JSON.stringify(problemBody(p)), p.status, {
    'Content-Type': 'application/problem+json',
  });
}

/** Zod issues as `{path, message}`; path is dotted (`mutations.0.payload.itemId`), "" for the root. */
export function validationProblem(error: z.ZodError, detail: string): ProblemError {
  const errors = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return new ProblemError(400, 'validation_failed', 'Request does not match the schema', detail, errors);
}

export const problems = {
  unauthorized: () =>
    new ProblemError(401, 'unauthorized', 'Sign-in required', 'Missing, unknown, expired or revoked token'),
  tokenScope: () =>
    new ProblemError(403, 'token_scope', 'This token may only push', 'A push token is refused on every other route'),
  invalidCredentials: () => new ProblemError(401, 'invalid_credentials', 'Office code or access code is wrong'),
  notFound: () => new ProblemError(404, 'not_found', 'No such resource'),
  malformedJson: () =>
    new ProblemError(400, 'malformed_json', 'Body is not valid JSON', undefined, [
      { path: '', message: 'Body is not valid JSON' },
    ]),
  unsupportedMediaType: () =>
    new ProblemError(415, 'unsupported_media_type', 'Body must be application/json', undefined, [
      { path: '', message: 'Content-Type must be application/json' },
    ]),
  tooLarge: (limit: number) =>
    new ProblemError(413, 'payload_too_large', 'Body is too large', `At most ${limit} bytes`, [
      { path: '', message: `Body exceeds ${limit} bytes` },
    ]),
  signInLocked: () =>
    new ProblemError(
      429,
      'sign_in_locked',
      'Too many failed sign-ins',
      'Sign-in for this office code or from this address is paused; see Retry-After',
    ),
  uriTooLong: (limit: number) =>
    new ProblemError(414, 'uri_too_long', 'The URL is too long', `At most ${limit} characters`),
  internal: () => new ProblemError(500, 'internal_error', 'Something went wrong on the server'),
  unavailable: () =>
    new ProblemError(
      503,
      'unavailable',
      'The database is unavailable',
      'Nothing was lost; send the request again later',
    ),
};

/**
 * PostgreSQL error classes about the server rather than the request: connection (08), resources
 * (53), operator intervention (57), system (58), internal (XX). They answer 503, which clients retry
 * without counting it against the request (src/sync/push.ts).
 */
export const INFRASTRUCTURE_ERROR = /^(08|53|57|58|XX)/;
export function isInfrastructureError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && INFRASTRUCTURE_ERROR.test(code);
}
