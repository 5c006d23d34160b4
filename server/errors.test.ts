import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Database } from './db/database';

describe('unexpected errors', () => {
  it('answer a 500 problem without internals, and log no personal data', async () => {
    const secret = '𠮷野　健太郎 1965-06-19';
    const failing: Database = {
      query: async () => {
        throw Object.assign(new Error(`duplicate key value (name)=(${secret})`), { code: '23505' });
      },
      transaction: async () => {
        throw new Error(secret);
      },
      close: async () => {},
    };
    const lines: string[] = [];
    const app = createApp({ db: failing, logger: { info: (l) => lines.push(l), error: (l) => lines.push(l) } });
    const res = await app.request('/api/v1/auth/sign-in?name=secret', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-1', accessCode: 'demo-pass-1' }),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal_error' });
    expect(text).not.toContain('duplicate');
    expect(text).not.toContain('健太郎');

    const log = lines.join('\n');
    expect(log).toContain('unhandled Error (23505) on POST /api/v1/auth/sign-in');
    expect(log).not.toContain('健太郎');
    expect(log).not.toContain('demo-pass');
    expect(log).not.toContain('name=secret');
  });
});
