/**
 * Value conversions between PostgreSQL rows and the JSON contract. PGlite returns int8 as a number
 * and timestamptz as Date; node-postgres returns int8 as a string. These helpers accept both so the
 * same code runs on either driver.
 */
export function toNumber(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError('not a safe integer');
  return n;
}

/** ISO 8601 with a Z, or null. */
export function toInstant(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new TypeError('not a timestamp');
  return date.toISOString();
}

export function toInstantRequired(value: unknown): string {
  const iso = toInstant(value);
  if (iso === null) throw new TypeError('missing timestamp');
  return iso;
}
