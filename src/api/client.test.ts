import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type TokenUse } from './client';

/** A fetch that records each request's path and bearer token and answers like the server would. */
function recordingFetch() {
  const sent: Array<{ path: string; bearer: string | null }> = [];
  const fetch = (async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    sent.push({
      path: `${init?.method ?? 'GET'} ${url.pathname}`,
      bearer: new Headers(init?.headers).get('authorization'),
    });
    const body = url.pathname.endsWith('/sync/push')
      ? { results: [] }
      : { lists: [], items: [], cursor: '0', hasMore: false };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

const base = { baseUrl: 'http://tablet.test/api/v1' };

describe('the API client’s choice of token', () => {
  it('asks for a token to read when pulling and for one to push when pushing or signing out', async () => {
    const asked: TokenUse[] = [];
    const { sent, fetch } = recordingFetch();
    const api = createApiClient({
      ...base,
      fetch,
      getToken: async (use) => {
        asked.push(use);
        return use === 'read' ? 'full-token-000000' : 'push-token-000000';
      },
    });
    await api.pull('0');
    await api.push('6f1b1c2e-4a4b-4c4d-8e8f-909192939495', []);
    await api.signOut();
    expect(asked).toEqual(['read', 'push', 'push']);
    expect(sent).toEqual([
      { path: 'GET /api/v1/sync/pull', bearer: 'Bearer full-token-000000' },
      { path: 'POST /api/v1/sync/push', bearer: 'Bearer push-token-000000' },
      { path: 'POST /api/v1/auth/sign-out', bearer: 'Bearer push-token-000000' },
    ]);
  });

  it('never sends a pull without the full token: refused here with the server’s code, nothing fetched', async () => {
    const { sent, fetch } = recordingFetch();
    const api = createApiClient({
      ...base,
      fetch,
      getToken: async (use) => (use === 'push' ? 'push-token-000000' : null),
    });
    const refused = await api.pull('0').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'token_scope', retryable: false });
    expect(sent).toEqual([]);
    // Pushing still goes out, with the push token.
    await api.push('6f1b1c2e-4a4b-4c4d-8e8f-909192939495', []);
    expect(sent).toEqual([{ path: 'POST /api/v1/sync/push', bearer: 'Bearer push-token-000000' }]);
  });
});
