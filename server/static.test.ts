import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type TestApp } from './testing/fresh-app';

let t: TestApp;
let dir: string;
const INDEX =
  '<!doctype html><html><head><title>資格確認書</title><script type="module" src="/assets/x-abc123.js"></script></head><body><div id="root"></div></body></html>';
// Large and repetitive enough to be worth compressing (the middleware skips bodies under 1 KB).
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"row"}`).join(',')}];\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shikaku-static-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'assets', 'x-abc123.js'), SCRIPT);
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("install", () => self.skipWaiting());\n');
  await writeFile(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: '回収' }));
  await mkdir(join(dir, '.vite'));
  await writeFile(
    join(dir, '.vite', 'manifest.json'),
    JSON.stringify({ 'index.html': { file: 'assets/x-abc123.js' } }),
  );
  t = await freshApp({ staticDir: dir });
});
afterAll(async () => {
  await t.db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('static PWA serving', () => {
  it('caches hashed assets for a year and marks them immutable', async () => {
    const res = await t.app.request('/assets/x-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe(SCRIPT);
  });

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest'])('revalidates %s on every load', async (path) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for client-side routes, but not for missing files or the API', async () => {
    const page = await t.app.request('/lists/abc');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe(INDEX);

    expect((await t.app.request('/missing.png')).status).toBe(404);
    expect((await t.app.request('/.vite/manifest.json')).status).toBe(404);
    expect((await t.app.request('/assets/gone-123.js')).status).toBe(404);
    for (const path of ['/api/v1/lists/abc', '/api/v2/lists/abc', '/api']) {
      const api = await t.app.request(path);
      expect([401, 404], path).toContain(api.status);
      expect(api.headers.get('content-type'), path).toBe('application/problem+json');
    }
  });

  it('gzips a large file when the client accepts gzip', async () => {
    const res = await t.app.request('/assets/x-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(SCRIPT.length / 2);
    expect(gunzipSync(body).toString('utf8')).toBe(SCRIPT);

    const plain = await t.app.request('/assets/x-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    for (const path of ['/', '/lists/abc', '/api/v1/health', '/api/v1/nope']) {
      const res = await t.app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc =
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith('script-src')) ?? '';
      expect(scriptSrc, path).toBe("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('compresses large API responses too', async () => {
    const { token } = await t.signIn('DEMO-1');
    const res = await t.app.request('/api/v1/sync/pull', {
      headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const page = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'));
    expect(page.items.length).toBeGreaterThan(0);
  });
});
