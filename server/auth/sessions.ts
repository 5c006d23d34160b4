import type { Insurer, Office, SignInResponse } from '../../src/api/schemas';
import { recordAudit } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { hashToken, newToken, verifyAccessCode, verifyAgainstNothing } from './access-code';
import {
  clearAfterSuccess,
  countAttempt,
  DEFAULT_THROTTLE,
  type ThrottleKind,
  type ThrottlePolicy,
  throttleKeys,
} from './sign-in-throttle';

export const SESSION_DAYS = 30;

type OfficeRow = {
  id: string;
  code: string;
  name: string;
  access_code_hash: string;
  insurer_name: string;
  insurer_number: string;
  insurer_phone: string;
  insurer_kind: Insurer['kind'];
};

export type SignInOutcome =
  | { ok: true; session: SignInResponse }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export type SignInAttempt = {
  officeCode: string;
  accessCode: string;
  /** The client's network address, for the per-address limit (never stored in clear). */
  address: string;
  now: Date;
  policy?: ThrottlePolicy;
  /**
   * The office of a live full session presented with the attempt (a signed-in tablet confirming its
   * access code again): such an attempt is exempt from the office-wide and address limits, so that
   * guessing from elsewhere never keeps a working tablet out. Its own office+address count still holds.
   */
  signedInOfficeId?: string | null;
};

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Checks an office code and access code and opens a session. Bad credentials answer the same
 * whether or not the office exists. The attempt is counted before the access code is checked
 * (sign-in-throttle.ts); while a key it counts on is paused, it is refused unchecked, the right code
 * too. Each outcome is audited in the transaction that records it.
 */
export async function signIn(db: Database, attempt: SignInAttempt): Promise<SignInOutcome> {
  const { officeCode, accessCode, now } = attempt;
  const policy = attempt.policy ?? DEFAULT_THROTTLE;
  const keys = throttleKeys(officeCode, attempt.address);
  const found = await db.query<OfficeRow>(
    `select o.id, o.code, o.name, o.access_code_hash,
            i.name as insurer_name, i.number as insurer_number, i.phone as insurer_phone,
            i.kind as insurer_kind
       from offices o join insurers i on i.id = o.insurer_id
      where o.code = $1`,
    [officeCode],
  );
  const row = found.rows[0];
  // A typed office code that matches nothing is not logged: it may be a mistyped access code.
  const officeId = row?.id ?? null;
  const exempt = officeId !== null && attempt.signedInOfficeId === officeId;
  const kinds: ThrottleKind[] = exempt ? ['pair'] : ['pair', 'address', 'office'];

  const paused = await db.transaction(async (tx) => {
    const until = await countAttempt(tx, keys, kinds, now, policy);
    if (until) await recordAudit(tx, { action: 'sign_in', outcome: 'locked', officeId, reason: 'sign_in_locked' });
    return until;
  });
  if (paused) return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(paused, now) };

  // The scrypt check runs outside any transaction: it takes tens of milliseconds.
  const ok = row ? await verifyAccessCode(accessCode, row.access_code_hash) : await verifyAgainstNothing(accessCode);
  if (!row || !ok) {
    await recordAudit(db, { action: 'sign_in', outcome: 'failed', officeId, reason: 'invalid_credentials' });
    return { ok: false, reason: 'invalid_credentials' };
  }

  const token = newToken();
  const tokenHash = hashToken(token);
  const pushToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into sessions (token_hash, push_token_hash, office_id, created_at, expires_at)
       values ($1, $2, $3, $4, $5)`,
      [tokenHash, hashToken(pushToken), row.id, now.toISOString(), expiresAt.toISOString()],
    );
    await clearAfterSuccess(tx, keys);
    await recordAudit(tx, { action: 'sign_in', outcome: 'succeeded', officeId: row.id, sessionRef: tokenHash });
  });
  const office: Office = { id: row.id, code: row.code, name: row.name };
  const insurer: Insurer = {
    name: row.insurer_name,
    number: row.insurer_number,
    phone: row.insurer_phone,
    kind: row.insurer_kind,
  };
  return { ok: true, session: { token, pushToken, expiresAt: expiresAt.toISOString(), office, insurer } };
}

/**
 * What a token may do. `full`: everything. `push`: only push and sign out, the token a tablet keeps in
 * clear so that its outbox is sent while it is locked; it reads nothing (docs/security.md).
 */
export type TokenScope = 'full' | 'push';

/**
 * A live session: its office scopes every query; its ref (the full token's hash, whichever of the
 * two tokens was presented) names the session in the audit log.
 */
export type LiveSession = { officeId: string; sessionRef: string; scope: TokenScope };

/** The live session of a token (full or push), or null when it is unknown, expired or revoked. */
export async function sessionForToken(db: Queryable, token: string, now: Date): Promise<LiveSession | null> {
  const presented = hashToken(token);
  const found = await db.query<{ office_id: string; token_hash: string }>(
    `select office_id, token_hash from sessions
      where (token_hash = $1 or push_token_hash = $1) and revoked_at is null and expires_at > $2`,
    [presented, now.toISOString()],
  );
  const row = found.rows[0];
  if (!row) return null;
  return {
    officeId: row.office_id,
    sessionRef: row.token_hash,
    scope: row.token_hash === presented ? 'full' : 'push',
  };
}

/** Revokes a session for good (sign-out, hand-over): both its tokens are refused from now on. */
export async function revokeSession(db: Database, session: LiveSession, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null', [
      session.sessionRef,
      now.toISOString(),
    ]);
    await recordAudit(tx, {
      action: 'sign_out',
      outcome: 'succeeded',
      officeId: session.officeId,
      sessionRef: session.sessionRef,
    });
  });
}

/** Takes the token out of `Authorization: Bearer <token>`; anything else is no token. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}
