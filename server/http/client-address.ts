import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from, for the per-address sign-in limit. Behind one reverse proxy
 * (TRUST_PROXY=1), the proxy appends the real client to X-Forwarded-For, so the LAST entry is the one
 * to trust; earlier entries are whatever the client chose to send. Without a socket (tests calling
 * app.request) and without a trusted header every request counts as one address, "unknown".
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
