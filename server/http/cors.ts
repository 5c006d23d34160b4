import type { MiddlewareHandler } from 'hono';
import { ProblemError, problemResponse } from './problem';

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'Authorization, Content-Type';

/**
 * Strict CORS. The PWA is served from the API's own origin, and same-origin requests need no CORS
 * headers, so by default no origin gets any: a foreign page cannot read an answer, and a preflight
 * (which browsers only send for cross-origin requests) is refused outright. Origins listed in
 * `allowedOrigins` (exact scheme://host[:port] strings, env ALLOWED_ORIGINS) get the usual headers.
 */
export function strictCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const listed = origin !== undefined && allowed.has(origin);
    const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    if (preflight) {
      c.header('Vary', 'Origin');
      if (!listed) {
        return problemResponse(c, new ProblemError(403, 'origin_not_allowed', 'Cross-origin requests are not allowed'));
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    // The answer depends on Origin, so caches must keep one copy per origin.
    c.res.headers.append('Vary', 'Origin');
    if (listed) c.res.headers.set('Access-Control-Allow-Origin', origin);
  };
}

/** ALLOWED_ORIGINS="https://a.example, https://b.example" → the exact origins; anything else is dropped. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => {
      try {
        return s !== '' && new URL(s).origin === s;
      } catch {
        return false;
      }
    });
}
