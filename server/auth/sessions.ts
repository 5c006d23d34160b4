import type { Insurer, Office, SignInResponse } from '../../src/api/schemas';
import type { Database, Queryable } from '../db/database';
import { hashToken, newToken, verifyAccessCode, verifyAgainstNothing } from './access-code';

export const SESSION_DAYS = 30;

type OfficeRow = {
  id: string;
  code: string;
  name: string;
  access_code_hash: string;
  insurer_name: string;
  insurer_number: string;
  insurer_phone: string;
};

/**
 * Checks an office code and access code and opens a session. Returns null for bad credentials,
 * whether or not the office exists (the caller answers the same 401 either way).
 */
export async function signIn(
  db: Database,
  officeCode: string,
  accessCode: string,
  now: Date,
): Promise<SignInResponse | null> {
  const found = await db.query<OfficeRow>(
    `select o.id, o.code, o.name, o.access_code_hash,
            i.name as insurer_name, i.number as insurer_number, i.phone as insurer_phone
       from offices o join insurers i on i.id = o.insurer_id
      where o.code = $1`,
    [officeCode],
  );
  const row = found.rows[0];
  const ok = row ? await verifyAccessCode(accessCode, row.access_code_hash) : await verifyAgainstNothing(accessCode);
  if (!row || !ok) return null;

  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.query('insert into sessions (token_hash, office_id, created_at, expires_at) values ($1, $2, $3, $4)', [
    hashToken(token),
    row.id,
    now.toISOString(),
    expiresAt.toISOString(),
  ]);
  const office: Office = { id: row.id, code: row.code, name: row.name };
  const insurer: Insurer = { name: row.insurer_name, number: row.insurer_number, phone: row.insurer_phone };
  return { token, expiresAt: expiresAt.toISOString(), office, insurer };
}

/** The office id of a live session, or null when the token is unknown, expired or revoked. */
export async function officeForToken(db: Queryable, token: string, now: Date): Promise<string | null> {
  const found = await db.query<{ office_id: string }>(
    `select office_id from sessions
      where token_hash = $1 and revoked_at is null and expires_at > $2`,
    [hashToken(token), now.toISOString()],
  );
  return found.rows[0]?.office_id ?? null;
}

/** Takes the token out of `Authorization: Bearer <token>`; anything else is no token. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}
