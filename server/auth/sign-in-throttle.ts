import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';

/**
 * Sign-in attempts are counted per key, in the database so the count holds across restarts and
 * across API instances (docs/decisions/014). Three keys, each with its own rule:
 * - `pair`: this office code from this address. Strict: it is what stops one guesser, and it holds
 *   only that guesser back (a stranger elsewhere cannot use it against the clerk).
 * - `address`: this address, any office code (one address trying many offices). Higher, because an
 *   office's tablets can share one NAT address.
 * - `office`: this office code from any address (guessing spread over many addresses). Its delay is
 *   capped short, so that nobody can keep the clerk out for long with it.
 *
 * An attempt is counted BEFORE its access code is checked, in one transaction holding the keys' rows,
 * so concurrent attempts are counted one after another and never all pass a check made before any
 * was counted. The first `free` attempts in a window pass; from then on each counted attempt pauses
 * the key for a delay that doubles up to `maxDelayMs`, and an attempt during a pause is refused
 * unread (and not counted, so refused attempts do not lengthen the pause). A success clears the
 * office code's keys.
 */
export type ThrottleRule = { free: number; windowMs: number; baseDelayMs: number; maxDelayMs: number };

export type ThrottlePolicy = { pair: ThrottleRule; address: ThrottleRule; office: ThrottleRule };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  // Five tries of one office code from one address: the clerk's typos pass, guessing does not.
  pair: { free: 5, windowMs: 15 * MINUTE, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE },
  address: { free: 20, windowMs: 15 * MINUTE, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE },
  // Fifty tries of one office code from anywhere; after that one try per 5 s, doubling to one a minute.
  office: { free: 50, windowMs: 15 * MINUTE, baseDelayMs: 5 * SECOND, maxDelayMs: MINUTE },
};

export type ThrottleKind = keyof ThrottlePolicy;
export type ThrottleKeys = Record<ThrottleKind, string>;

const hashKey = (kind: string, value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');

/** sha256 hex, so that no address or typed office code is stored in clear (docs/security.md has the SQL). */
export function throttleKeys(officeCode: string, address: string): ThrottleKeys {
  return {
    pair: hashKey('office-address', `${officeCode}\n${address}`),
    address: hashKey('address', address),
    office: hashKey('office', officeCode),
  };
}

export function delayFor(rule: ThrottleRule, attempt: number): number | null {
  if (attempt < rule.free) return null;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(30, attempt - rule.free));
}

type Row = { failures: number; window_started_at: unknown; locked_until: unknown };
const asDate = (value: unknown) => (value ? new Date(value as string | Date) : null);

/**
 * Counts one attempt on each of `kinds`, or refuses it. Returns null when the attempt may go on to
 * the access-code check, or when the first pause it met ends. Run inside a transaction.
 */
export async function countAttempt(
  tx: Queryable,
  keys: ThrottleKeys,
  kinds: readonly ThrottleKind[],
  now: Date,
  policy: ThrottlePolicy,
): Promise<Date | null> {
  // Rows locked in one order (by key) so that concurrent attempts never wait on each other in a circle.
  const ordered = [...kinds].sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  const rows = new Map<ThrottleKind, Row>();
  for (const kind of ordered) {
    const found = await tx.query<Row>(
      `insert into sign_in_throttle as t (key, failures, window_started_at, locked_until)
       values ($1, 0, $2::timestamptz, null)
       on conflict (key) do update set key = t.key
       returning failures, window_started_at, locked_until`,
      [keys[kind], now.toISOString()],
    );
    rows.set(kind, found.rows[0] as Row);
  }
  let pausedUntil: Date | null = null;
  for (const row of rows.values()) {
    const until = asDate(row.locked_until);
    if (until && until > now && (!pausedUntil || until > pausedUntil)) pausedUntil = until;
  }
  if (pausedUntil) return pausedUntil;

  for (const kind of ordered) {
    const row = rows.get(kind) as Row;
    const rule = policy[kind];
    const started = asDate(row.window_started_at) ?? now;
    const expired = started.getTime() <= now.getTime() - rule.windowMs;
    const attempt = (expired ? 0 : Number(row.failures)) + 1;
    const delay = delayFor(rule, attempt);
    await tx.query(
      'update sign_in_throttle set failures = $2, window_started_at = $3::timestamptz, locked_until = $4 where key = $1',
      [
        keys[kind],
        attempt,
        (expired ? now : started).toISOString(),
        delay === null ? null : new Date(now.getTime() + delay).toISOString(),
      ],
    );
  }
  return null;
}

/**
 * A success clears the office code's keys (its own pauses). The address key only gives back the
 * attempt just counted: otherwise one valid office could be used to reset an address that is
 * guessing at other offices.
 */
export async function clearAfterSuccess(tx: Queryable, keys: ThrottleKeys): Promise<void> {
  await tx.query('delete from sign_in_throttle where key in ($1, $2)', [keys.pair, keys.office]);
  await tx.query('update sign_in_throttle set failures = greatest(failures - 1, 0) where key = $1', [keys.address]);
}
