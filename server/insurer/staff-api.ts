import type { Hono } from 'hono';
import type { PublishRow } from '../../src/api/insurer-schemas';

/** Test support for the staff routes: requests with a staff token, and publishable rows. */
export const STAFF_LOGINS = {
  minato: ['minato-staff', 'staff-pass-1'],
  kyokai: ['kyokai-staff', 'staff-pass-2'],
} as const;

export function staffClient(app: Hono) {
  const call = (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(`/api/v1/insurer${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    call,
    async signIn(which: keyof typeof STAFF_LOGINS): Promise<string> {
      const [login, password] = STAFF_LOGINS[which];
      const res = await call('POST', '/auth/sign-in', null, { login, password });
      if (res.status !== 200) throw new Error(`staff sign-in: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
  };
}

/** A valid row for `officeCode`; `n` makes the member and the issue number distinct. */
export function publishRow(officeCode: string, n: number, overrides: Partial<PublishRow> = {}): PublishRow {
  return {
    officeCode,
    symbol: '1001',
    number: String(500 + n),
    branch: '00',
    relation: 'self',
    name: `テスト 太郎${n}`,
    kana: `テスト タロウ`,
    birthDate: '1980-04-01',
    sex: 'male',
    documentKind: 'certificate',
    reason: 'lost_eligibility',
    issueNo: `P-${String(n).padStart(6, '0')}`,
    issuedOn: '2025-12-02',
    expiresOn: '2026-12-01',
    lossDate: '2026-11-16',
    dueDate: '2026-11-20',
    ...overrides,
  };
}
