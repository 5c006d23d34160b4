/**
 * How long a finished item stays on the tablet: once the insurer has its report, the personal data
 * has done its job here. An item is purged when it is returned or cannot be returned, is in a report
 * submitted or received at least `days` ago, and has no change still waiting in the outbox (an unsent
 * change would be lost, and the clerk still needs to see it).
 */
export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

export type RetentionItem = { id: string; status: 'to_collect' | 'returned' | 'unreturnable' };
export type RetentionReport = { status: string; submittedAt?: string; itemIds: readonly string[] };

export function itemsToPurge(
  items: readonly RetentionItem[],
  reports: readonly RetentionReport[],
  itemsWithOutbox: ReadonlySet<string>,
  now: Date,
  days = DEFAULT_RETENTION_DAYS,
): string[] {
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be 0 or more: ${days}`);
  const cutoff = now.getTime() - days * DAY_MS;
  const settled = new Set<string>();
  for (const report of reports) {
    if (report.status !== 'submitted' && report.status !== 'received') continue;
    if (!report.submittedAt || Date.parse(report.submittedAt) > cutoff) continue;
    for (const id of report.itemIds) settled.add(id);
  }
  return items
    .filter((item) => item.status !== 'to_collect' && settled.has(item.id) && !itemsWithOutbox.has(item.id))
    .map((item) => item.id);
}

/** Reports whose personal rows have outlived the retention period: their rows are cleared, counts kept. */
export function reportsToStrip(
  reports: readonly (RetentionReport & { id: string; rowsPurged?: boolean })[],
  now: Date,
  days = DEFAULT_RETENTION_DAYS,
): string[] {
  const cutoff = now.getTime() - days * DAY_MS;
  return reports
    .filter((r) => r.status === 'received' && !r.rowsPurged && r.submittedAt && Date.parse(r.submittedAt) <= cutoff)
    .map((r) => r.id);
}
