import type { Problem } from '../../api/schemas';

/** A refused staff request: the problem's code (translated by the page) and its row problems. */
export class StaffApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: Problem['errors'] = [],
  ) {
    super(code);
  }
}

/**
 * One call of the insurer staff's routes. The staff token lives only in the page's memory: the console
 * is used at the insurer's desk, online, and signing in again after a reload is the safe default.
 */
export async function staffFetch<T>(
  path: string,
  token: string | null,
  init: { method?: string; body?: unknown; raw?: boolean } = {},
): Promise<T> {
  let res: Response;
  // A CSV file goes as its bytes: the server detects UTF-8 or Shift_JIS like the tablet's import.
  const file = init.body instanceof Uint8Array ? (init.body as Uint8Array<ArrayBuffer>) : null;
  try {
    res = await fetch(`/api/v1/insurer${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'Content-Type': file ? 'text/csv' : 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      ...(init.body === undefined
        ? {}
        : { body: file ?? (typeof init.body === 'string' ? init.body : JSON.stringify(init.body)) }),
    });
  } catch {
    throw new StaffApiError(0, 'network_error');
  }
  if (res.status >= 400) {
    const problem = (await res.json().catch(() => null)) as Problem | null;
    throw new StaffApiError(res.status, problem?.code ?? 'unknown', problem?.errors ?? []);
  }
  if (init.raw) return (await res.text()) as T;
  return (res.status === 204 ? undefined : await res.json()) as T;
}
