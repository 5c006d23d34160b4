/** Exponential backoff with full jitter: a fleet of tablets coming back online does not retry in step. */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 2_000,
  capMs = 300_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
