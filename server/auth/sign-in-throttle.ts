import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';

/**
 * Failed sign-ins are counted per office code tried and per client address, in the database so the
 * count holds across restarts and across API instances. A key that reaches its limit within the
 * window is locked for the lockout time: every attempt on it is refused, even with the right access
 * code, so guessing cannot continue at a slower pace once locked.
 */
export type ThrottleRule = { maxFailures: number; windowMs: number; lockoutMs: number };

export type ThrottlePolicy = { office: ThrottleRule; address: ThrottleRule };

const MINUTE = 60_000;
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  // Five wrong codes for one office in 15 minutes: the clerk's typos pass, guessing does not.
  office: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
  // One address trying many offices. Higher, because an office's tablets can share one NAT address.
  address: { maxFailures: 20, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
};

export type ThrottleKeys = { office: string; address: string };

const hashKey = (kind: string, value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');

export function throttleKeys(officeCode: string, address: string): ThrottleKeys {
  return { office: hashKey('office', officeCode), address: hashKey('address', address) };
}

/** When the later of the two keys' locks ends, or null when neither is locked. */
export async function lockedUntil(db: Queryable, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const found = await db.query<{ until: unknown }>(
    `select max(locked_until) as until from sign_in_throttle
      where key in ($1, $2) and locked_until > $3::timestamptz`,
    [keys.office, keys.address, now.toISOString()],
  );
  const until = found.rows[0]?.until;
  return until ? new Date(until as string | Date) : null;
}

/**
 * Counts one failure on each key (one atomic upsert per key, safe with concurrent instances).
 * Returns when a lock now ends, if this failure reached a limit.
 */
export async function recordFailure(
  tx: Queryable,
  keys: ThrottleKeys,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Date | null> {
  let until: Date | null = null;
  for (const [key, rule] of [
    [keys.office, policy.office],
    [keys.address, policy.address],
  ] as const) {
    const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
    const lockEnd = new Date(now.getTime() + rule.lockoutMs).toISOString();
    // A window older than windowMs starts again at one failure.
    const found = await tx.query<{ locked_until: unknown }>(
      `insert into sign_in_throttle as t (key, failures, window_started_at, locked_until)
       values ($1, 1, $2::timestamptz, case when 1 >= $5::integer then $4::timestamptz end)
       on conflict (key) do update set
         failures = case when t.window_started_at <= $3::timestamptz then 1 else t.failures + 1 end,
         window_started_at = case when t.window_started_at <= $3::timestamptz then $2::timestamptz
                                  else t.window_started_at end,
         locked_until = case
           when (case when t.window_started_at <= $3::timestamptz then 1 else t.failures + 1 end) >= $5::integer
             then $4::timestamptz
           else t.locked_until end
       returning locked_until`,
      [key, now.toISOString(), windowStart, lockEnd, rule.maxFailures],
    );
    const locked = found.rows[0]?.locked_until;
    const lockedDate = locked ? new Date(locked as string | Date) : null;
    if (lockedDate && lockedDate > now && (!until || lockedDate > until)) until = lockedDate;
  }
  return until;
}

/**
 * A successful sign-in clears the office code's count. The address count stays: otherwise one valid
 * office could be used to reset an address that is guessing at other offices.
 */
export async function clearOffice(tx: Queryable, keys: ThrottleKeys): Promise<void> {
  await tx.query('delete from sign_in_throttle where key = $1', [keys.office]);
}
