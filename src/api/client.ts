import type { z } from 'zod';
import { type Mutation, Problem, PullResponse, PushResponse, type SignInRequest, SignInResponse } from './schemas';

/** The server answered with a problem (4xx/5xx); `code` is stable and has a translation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
  }

  /** 5xx, 408 and 429 are worth retrying; other 4xx will fail the same way again. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/** The request never got an answer: offline, DNS, connection reset, timeout. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Options = {
  baseUrl?: string;
  getToken: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export function createApiClient({ baseUrl = '/api/v1', getToken, fetch: injectedFetch, timeoutMs = 30_000 }: Options) {
  async function request<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}): Promise<z.infer<S>> {
    const token = await getToken();
    const headers = new Headers(init.headers);
    headers.set('accept', 'application/json');
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      // Absolute, so the same client works in a page, a service worker and Node.
      const url = new URL(`${baseUrl}${path}`, globalThis.location?.href);
      // Looked up per call, not captured at import: test doubles and the SW may replace fetch later.
      response = await (injectedFetch ?? globalThis.fetch)(url, {
        ...init,
        headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new NetworkError(error);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const problem = Problem.safeParse(body);
      throw new ApiError(
        response.status,
        problem.success ? problem.data.code : 'http_error',
        problem.success ? problem.data.detail : undefined,
      );
    }
    const parsed = schema.safeParse(body);
    // A 200 we cannot read (a captive portal page, a proxy) is treated like no answer at all.
    if (!parsed.success) throw new NetworkError(parsed.error);
    return parsed.data;
  }

  return {
    signIn: (body: SignInRequest) =>
      request(SignInResponse, '/auth/sign-in', { method: 'POST', body: JSON.stringify(body) }),
    pull: (cursor: string, limit?: number) => {
      const query = new URLSearchParams({ cursor });
      if (limit) query.set('limit', String(limit));
      return request(PullResponse, `/sync/pull?${query}`);
    },
    push: (deviceId: string, mutations: Mutation[]) =>
      request(PushResponse, '/sync/push', { method: 'POST', body: JSON.stringify({ deviceId, mutations }) }),
  };
}
