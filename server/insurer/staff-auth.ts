import type { StaffSignInResponse } from '../../src/api/insurer-schemas';
import type { InsurerKind } from '../../src/domain/recall';
import { recordAudit } from '../audit/audit-log';
import { hashToken, newToken, verifyAccessCode, verifyAgainstNothing } from '../auth/access-code';
import { SESSION_DAYS } from '../auth/sessions';
import {
  clearAfterSuccess,
  countAttempt,
  DEFAULT_THROTTLE,
  type ThrottlePolicy,
  throttleKeys,
} from '../auth/sign-in-throttle';
import type { Database, Queryable } from '../db/database';

/**
 * Insurer staff sign-in, with the offices' rules reused as they are: scrypt hashes (auth/access-code.ts),
 * the same failure counting and lockout (auth/sign-in-throttle.ts; the login is counted under a
 * `staff:` prefix, which no office code can contain, and the client address shares the offices'
 * counter), 30-day sessions stored as a token hash, and revocation for good on sign-out.
 */

/** A staff session: the insurer scopes every staff query. */
export type StaffSession = { staffId: string; insurerId: string; sessionRef: string };

export type StaffSignInOutcome =
  | { ok: true; session: StaffSignInResponse }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

type StaffRow = {
  id: string;
  login: string;
  password_hash: string;
  insurer_id: string;
  insurer_name: string;
  insurer_number: string;
  insurer_kind: InsurerKind;
};

const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export async function staffSignIn(
  db: Database,
  attempt: { login: string; password: string; address: string; now: Date; policy?: ThrottlePolicy },
): Promise<StaffSignInOutcome> {
  const { login, password, now } = attempt;
  const policy = attempt.policy ?? DEFAULT_THROTTLE;
  const keys = throttleKeys(`staff:${login}`, attempt.address);
  const found = await db.query<StaffRow>(
    `select s.id, s.login, s.password_hash, i.id as insurer_id, i.name as insurer_name,
            i.number as insurer_number, i.kind as insurer_kind
       from insurer_staff s join insurers i on i.id = s.insurer_id
      where s.login = $1 and s.disabled_at is null`,
    [login],
  );
  const row = found.rows[0];
  // Counted before the password is checked, in one transaction, as the offices' sign-in does
  // (docs/decisions/014): concurrent guesses cannot slip past the limit.
  const paused = await db.transaction(async (tx) => {
    const until = await countAttempt(tx, keys, ['pair', 'address', 'office'], now, policy);
    if (until)
      await recordAudit(tx, {
        action: 'staff.sign_in',
        outcome: 'locked',
        targetId: row?.id,
        reason: 'sign_in_locked',
      });
    return until;
  });
  if (paused) return { ok: false, reason: 'locked', retryAfterSeconds: secondsUntil(paused, now) };
  const ok = row ? await verifyAccessCode(password, row.password_hash) : await verifyAgainstNothing(password);
  if (!row || !ok) {
    await recordAudit(db, {
      action: 'staff.sign_in',
      outcome: 'failed',
      targetId: row?.id ?? null,
      reason: 'invalid_credentials',
    });
    return { ok: false, reason: 'invalid_credentials' };
  }
  const token = newToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into staff_sessions (token_hash, staff_id, insurer_id, created_at, expires_at) values ($1, $2, $3, $4, $5)`,
      [tokenHash, row.id, row.insurer_id, now.toISOString(), expiresAt.toISOString()],
    );
    await clearAfterSuccess(tx, keys);
    await recordAudit(tx, { action: 'staff.sign_in', outcome: 'succeeded', targetId: row.id, sessionRef: tokenHash });
  });
  return {
    ok: true,
    session: {
      token,
      expiresAt: expiresAt.toISOString(),
      insurer: { id: row.insurer_id, name: row.insurer_name, number: row.insurer_number, kind: row.insurer_kind },
      login: row.login,
    },
  };
}

/** The live staff session of a token, or null (unknown, expired, revoked, or a disabled staff member). */
export async function staffSessionForToken(db: Queryable, token: string, now: Date): Promise<StaffSession | null> {
  const tokenHash = hashToken(token);
  const found = await db.query<{ staff_id: string; insurer_id: string }>(
    `select ss.staff_id, ss.insurer_id from staff_sessions ss join insurer_staff s on s.id = ss.staff_id
      where ss.token_hash = $1 and ss.revoked_at is null and ss.expires_at > $2 and s.disabled_at is null`,
    [tokenHash, now.toISOString()],
  );
  const row = found.rows[0];
  return row ? { staffId: row.staff_id, insurerId: row.insurer_id, sessionRef: tokenHash } : null;
}

export async function revokeStaffSession(db: Database, session: StaffSession, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('update staff_sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null', [
      session.sessionRef,
      now.toISOString(),
    ]);
    await recordAudit(tx, {
      action: 'staff.sign_out',
      outcome: 'succeeded',
      targetId: session.staffId,
      sessionRef: session.sessionRef,
    });
  });
}

/**
 * Demo staff, one per demo insurer (README's demo table): minato-staff / staff-pass-1 and
 * kyokai-staff / staff-pass-2. The scrypt hashes are computed once and written here, so that seeding
 * every test database does not pay two scrypt runs (the passwords are public demo values anyway).
 */
export const DEMO_STAFF = [
  {
    id: 'staff-minato',
    insurerId: 'ins-minato',
    login: 'minato-staff',
    passwordHash: '71f9fa240a2a82476e8a0bd861ac608b:a4ddd9b57e0e0c847675d1956b8d3aa749d6daae3db86482fb5015227e0259bd',
  },
  {
    id: 'staff-kyokai-kanagawa',
    insurerId: 'ins-kyokai-kanagawa',
    login: 'kyokai-staff',
    passwordHash: 'fada001625de0f09d4560946b8d58118:8c8cd16db345d802667118ceb4710f03f2b4ddaba352d92e4ae995127b6a67b2',
  },
] as const;
export const DEMO_STAFF_PASSWORDS: Record<string, string> = {
  'minato-staff': 'staff-pass-1',
  'kyokai-staff': 'staff-pass-2',
};

/** Inserts the demo staff when their insurer exists and they do not; safe to run on every start. */
export async function seedDemoStaff(db: Database): Promise<number> {
  let inserted = 0;
  for (const staff of DEMO_STAFF) {
    const result = await db.query<{ id: string }>(
      `insert into insurer_staff (id, insurer_id, login, password_hash)
       select $1, i.id, $3, $4 from insurers i where i.id = $2
       on conflict do nothing returning id`,
      [staff.id, staff.insurerId, staff.login, staff.passwordHash],
    );
    inserted += result.rows.length;
  }
  return inserted;
}
