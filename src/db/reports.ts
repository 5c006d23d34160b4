import type { ReportSubmitted } from '../api/schemas';
import { localToday } from '../domain/dates';
import { type ReportModel, staleItems } from '../domain/reports/build-report';
import { isLiveReport, type ReportForm } from '../domain/reports/report-forms';
import { getMeta, type LocalReport, type RecallDb } from './db';
import { appendOutbox } from './outbox';

/**
 * Items in a report this tablet sent, which the insurer has or will have: they go in no other report
 * and are not reopened. Reports from other tablets come as the items' `inReport` mark (isReported).
 */
export async function reportedItemIds(database: RecallDb, except?: string): Promise<Set<string>> {
  const live = await database.reports.where('status').anyOf('submitted', 'received').toArray();
  return new Set(live.filter((report) => report.id !== except).flatMap((report) => report.itemIds));
}

/** The form and day of the live report an item is in. */
export type ItemReport = { form: ReportForm; createdOn: string };

/**
 * The live report an item is in, if any (the item dialog says so instead of reopening): one this
 * tablet sent, or, by the item's mark, one another tablet of the office sent.
 */
export async function liveReportOf(database: RecallDb, itemId: string): Promise<ItemReport | undefined> {
  const live = await database.reports.where('status').anyOf('submitted', 'received').toArray();
  const own = live.find((report) => report.itemIds.includes(itemId));
  if (own) return { form: own.form, createdOn: own.createdOn };
  const mark = (await database.items.get(itemId))?.inReport;
  return mark ? { form: mark.form, createdOn: localToday(new Date(mark.createdAt)) } : undefined;
}

/** Stores a built report as a draft: it can be previewed, printed and exported, offline. */
export async function saveDraft(
  database: RecallDb,
  model: ReportModel,
  scopeLabel: string,
  now = new Date(),
): Promise<string> {
  const report: LocalReport = {
    id: crypto.randomUUID(),
    form: model.form,
    status: 'draft',
    scope: model.scope,
    scopeLabel,
    itemIds: model.itemIds,
    counts: model.counts,
    total: model.total,
    localOnly: model.localOnly,
    office: model.office,
    insurer: model.insurer,
    createdAt: now.toISOString(),
    createdOn: model.createdOn,
    rows: model.rows,
  };
  await database.reports.add(report);
  return report.id;
}

export type SubmitRefusal = 'not_draft' | 'local_only' | 'clerk_missing' | 'stale';
export type SubmitResult = { ok: true } | { ok: false; reason: SubmitRefusal; itemIds?: string[] };

/**
 * Sends a draft to the insurer: the report becomes `submitted` and its mutation joins the outbox in
 * one transaction (works offline; the outbox sends it once). Refused when an item changed since the
 * draft was built, so the insurer never gets a report that does not match the tablet.
 */
export async function submitReport(database: RecallDb, reportId: string, now = new Date()): Promise<SubmitResult> {
  return database.transaction('rw', [database.reports, database.items, database.outbox, database.meta], async () => {
    const report = await database.reports.get(reportId);
    if (report?.status !== 'draft') return { ok: false, reason: 'not_draft' };
    if (report.localOnly) return { ok: false, reason: 'local_only' };
    const clerk = await getMeta('clerk', database);
    if (!clerk?.name.trim() || !clerk.phone.trim()) return { ok: false, reason: 'clerk_missing' };
    const items = await database.items.bulkGet(report.itemIds);
    const current = new Map(items.flatMap((item) => (item ? [[item.id, item] as const] : [])));
    const stale = staleItems(report, current, await reportedItemIds(database, report.id));
    if (stale.length > 0) return { ok: false, reason: 'stale', itemIds: stale };

    const at = now.toISOString();
    const mutation: ReportSubmitted = {
      id: crypto.randomUUID(),
      type: 'report.submitted',
      at,
      payload: {
        reportId: report.id,
        form: report.form,
        scope: report.scope,
        itemIds: report.itemIds,
        clerk: { name: clerk.name.trim(), phone: clerk.phone.trim() },
        createdAt: report.createdAt,
      },
    };
    await appendOutbox(database, mutation);
    await database.reports.update(report.id, { status: 'submitted', submittedAt: at, mutationId: mutation.id });
    return { ok: true };
  });
}

export async function deleteDraft(database: RecallDb, reportId: string): Promise<void> {
  await database.transaction('rw', database.reports, async () => {
    const report = await database.reports.get(reportId);
    if (report && !isLiveReport(report.status)) await database.reports.delete(reportId);
  });
}
