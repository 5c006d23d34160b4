import { readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
// Build bookkeeping such as dist/.vite/manifest.json (the size budget check reads it) is not for browsers.
const isHidden = (path: string) => path.split('/').some((segment) => segment.startsWith('.'));

/**
 * Serves the vite build (dist/). Hashed files under /assets/ never change, so browsers keep them a
 * year; everything else (index.html, sw.js, manifest.webmanifest, icons, the SPA fallback) is
 * revalidated on every load so that a new deployment is picked up and the service worker updates.
 */
export function mountStatic(app: Hono, staticDir: string): void {
  // serve-static resolves `root` against the working directory and does not support absolute paths.
  // The build writes Brotli copies of the hashed assets (scripts/vite/precompress-assets.ts).
  const files = serveStatic({ root: relative(process.cwd(), staticDir) || '.', precompressed: true });

  app.get('*', async (c, next) => {
    if (isApi(c.req.path) || isHidden(c.req.path)) return next();
    const found = await files(c, async () => {});
    if (found) {
      found.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
      return found;
    }
    // Client-side routing: /lists/abc is a page of the app, not a file. Paths with an extension
    // (a missing /foo.png) stay 404 so broken asset links are not hidden behind HTML.
    if (extname(c.req.path) !== '') return next();
    let html: string;
    try {
      html = await readFile(join(staticDir, 'index.html'), 'utf8');
    } catch {
      return next();
    }
    c.header('Cache-Control', REVALIDATE);
    return c.html(html);
  });
}
