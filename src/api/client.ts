import type { Mutation, PullResponse, PushResponse, SignInRequest, SignInResponse, ValueMappings } from './schemas';

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

/**
 * What a request needs its token for. `push` (push, sign-out) may use the push token; `read` needs
 * the full token, and without it the request is not sent (the push token would be refused anyway).
 */
export type TokenUse = 'read' | 'push';

type Options = {
  baseUrl?: string;
  getToken: (use: TokenUse) => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export function createApiClient({ baseUrl = '/api/v1', getToken, fetch: injectedFetch, timeoutMs = 30_000 }: Options) {
  // Responses are typed by the shared contract but not re-validated here: the server validates what
  // it sends with the same schemas, and zod would cost the first load more than the whole app shell.
  async function request<T>(
    path: string,
    isValid: (body: unknown) => boolean,
    init: RequestInit = {},
    use: TokenUse = 'read',
  ): Promise<T> {
    const token = await getToken(use);
    // Answered here with the server's own code: personal data is never asked for without the full token.
    if (use === 'read' && !token) throw new ApiError(403, 'token_scope');
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
      const problem = isProblem(body) ? body : null;
      throw new ApiError(response.status, problem?.code ?? 'http_error', problem?.detail);
    }
    // A 200 we cannot read (a captive portal page, a proxy) is treated like no answer at all.
    if (!isValid(body)) throw new NetworkError(new Error('unexpected response'));
    return body as T;
  }

  return {
    signIn: (body: SignInRequest) =>
      request<SignInResponse>(
        '/auth/sign-in',
        hasKeys('token', 'pushToken', 'office', 'insurer'),
        { method: 'POST', body: JSON.stringify(body) },
        'push',
      ),
    /** Revokes the session on the server (204), with either token: a lost or handed-over tablet's tokens stop working. */
    signOut: () => request<null>('/auth/sign-out', () => true, { method: 'POST' }, 'push'),
    pull: (cursor: string, limit?: number) => {
      const query = new URLSearchParams({ cursor });
      if (limit) query.set('limit', String(limit));
      return request<PullResponse>(`/sync/pull?${query}`, hasKeys('lists', 'items', 'cursor', 'hasMore'));
    },
    /** The office's answers for its insurer's wordings in imported files (docs/decisions/025). */
    valueMappings: () => request<ValueMappings>('/value-mappings', hasKeys('answers')),
    push: (deviceId: string, mutations: Mutation[]) =>
      request<PushResponse>(
        '/sync/push',
        hasKeys('results'),
        { method: 'POST', body: JSON.stringify({ deviceId, mutations }) },
        'push',
      ),
  };
}

const hasKeys =
  (...keys: string[]) =>
  (body: unknown): boolean =>
    typeof body === 'object' && body !== null && keys.every((key) => key in body);

function isProblem(body: unknown): body is { code: string; detail?: string } {
  return hasKeys('code', 'status')(body) && typeof (body as { code: unknown }).code === 'string';
}
