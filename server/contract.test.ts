import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, PullResponse } from '../src/api/schemas';
import { adapterErrorResponse } from './http/adapter-errors';
import { DEMO_CODES, freshApp, type TestApp } from './testing/fresh-app';

/** Issue 18, fault 5: what the server answers is what the contract says. */
let t: TestApp;
beforeAll(async () => {
  t = await freshApp();
});
afterAll(async () => {
  await t.db.close();
});

describe('demo data', () => {
  it('is inside the contract for every office (notice languages from the published enum)', async () => {
    for (const code of Object.keys(DEMO_CODES)) {
      const { token } = await t.signIn(code);
      const { pages } = await t.pullAll(token);
      for (const page of pages) {
        const parsed = PullResponse.safeParse(page);
        expect(parsed.success ? [] : parsed.error.issues.slice(0, 3), code).toEqual([]);
      }
    }
  });
});

describe('Cache-Control: no-store', () => {
  it('is on every answer with a token or personal data, and on errors', async () => {
    const signIn = await t.app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-1' }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    const { token } = (await signIn.json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const answers = [
      await t.app.request('/api/v1/sync/pull', { headers: auth }),
      await t.app.request('/api/v1/sync/pull?cursor=x', { headers: auth }),
      await t.app.request('/api/v1/reports/00000000-0000-4000-8000-000000000000', { headers: auth }),
      await t.app.request('/api/v1/sync/pull'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 400, 404, 401]);
    for (const res of answers) expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('OpenAPI', () => {
  it('declares, for every route, the statuses any route may answer and the refused preflight', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        if (method === 'options') {
          expect(Object.keys(op.responses), path).toEqual(expect.arrayContaining(['204', '403']));
          continue;
        }
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
          expect.arrayContaining(['413', '414', '500', '503']),
        );
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
        }
      }
    }
    expect(Object.keys(doc.paths['/auth/sign-out']?.post?.responses ?? {})).toContain('413');
  });
});

describe('the Node adapter', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(getRequestListener(t.app.fetch, { errorHandler: adapterErrorResponse }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** A raw HTTP/1.1 request line: fetch would normalise these targets before sending them. */
  function raw(requestLine: string): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end(`${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
      });
      socket.on('error', reject);
      socket.on('end', () => {
        const [head = '', body = ''] = text.split('\r\n\r\n');
        const status = Number(head.split(' ')[1]);
        const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
        resolve({ status, type, body });
      });
    });
  }

  it('answers a backslash path and a `*` target with a problem+json 400', async () => {
    for (const line of ['GET /api\\v1/health HTTP/1.1', 'OPTIONS * HTTP/1.1', 'GET /api/v1/sync\\..\\pull HTTP/1.1']) {
      const res = await raw(line);
      expect(res.status, line).toBe(400);
      expect(res.type, line).toBe('application/problem+json');
      expect(Problem.parse(JSON.parse(res.body)).code, line).toBe('bad_request');
    }
  });
});
