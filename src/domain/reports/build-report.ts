import type { UnreturnableKind } from '../collection-status';
import type { ImportPerson } from '../csv/validate';
import { localToday } from '../dates';
import type { DocumentKind, ItemStatus, Relation } from '../recall';
import { formatWareki } from '../wareki';
import { formFor, type ReportForm } from './report-forms';

/** What a report is built from: one recall list, or a month of returns across the insurer's lists. */
export type ReportScope = { kind: 'list'; listId: string } | { kind: 'period'; period: string };

export type ReportableItem = {
  id: string;
  listId: string;
  relation: Relation;
  documentKind: DocumentKind;
  status: ItemStatus;
  returnedAt: string | null;
  unreturnableKind: UnreturnableKind | null;
  unreturnableReason: string | null;
  statusChangedAt: string | null;
  /** Imported from a file: the insurer's API does not know it, so such a report is printed, never sent. */
  localOnly?: boolean;
  /** The insurer's word that the item is in a live report, whichever tablet sent it. */
  inReport?: { reportId: string } | null;
  person: Omit<ImportPerson, 'insuredName'>;
};

/**
 * Already reported: in a report the insurer holds (its mark, pulled by every tablet), or in one this
 * tablet submitted that the insurer may not have yet.
 */
export function isReported(
  item: Pick<ReportableItem, 'id' | 'inReport'>,
  reportedItemIds: ReadonlySet<string>,
): boolean {
  return Boolean(item.inReport) || reportedItemIds.has(item.id);
}

/** One line of a form: the personal snapshot taken when the report was built. */
export type ReportRow = {
  itemId: string;
  documentKind: DocumentKind;
  relation: Relation;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  symbol: string;
  number: string;
  branch: string;
  /** The clerk's calendar day the document came back (回収連絡書), YYYY-MM-DD. */
  returnedOn: string | null;
  /** Why it cannot come back (回収不能届 / 滅失届). */
  reason: string | null;
};

export type DocumentCounts = Record<DocumentKind, number>;

export type Clerk = { name: string; phone: string };
export type ReportParties = {
  office: { code: string; name: string };
  insurer: { name: string; number: string };
  clerk: Clerk;
};

export type ReportModel = ReportParties & {
  form: ReportForm;
  scope: ReportScope;
  itemIds: string[];
  rows: ReportRow[];
  counts: DocumentCounts;
  total: number;
  /** Items of an imported list: printed and exported, but the insurer's API cannot receive them. */
  localOnly: boolean;
  createdOn: string;
  createdOnWareki: string;
};

export type BuildRefusal = 'clerk_missing' | 'no_items' | 'all_reported';
export type BuildResult = { ok: true; report: ReportModel } | { ok: false; reason: BuildRefusal };

export type BuildInput = ReportParties & {
  form: ReportForm;
  scope: ReportScope;
  items: readonly ReportableItem[];
  /** Items in a report this tablet submitted (or received back): never reported twice. */
  reportedItemIds: ReadonlySet<string>;
  now?: Date;
};

/** The month an item's state was reached on this device's calendar: its return, or the day it was marked. */
function monthOf(item: ReportableItem): string | null {
  const at = item.status === 'returned' ? item.returnedAt : item.statusChangedAt;
  return at ? localToday(new Date(at)).slice(0, 7) : null;
}

function inScope(item: ReportableItem, scope: ReportScope): boolean {
  if (scope.kind === 'list') return item.listId === scope.listId;
  // A period gathers the insurer's lists only; an imported list is reported on its own.
  return !item.localOnly && monthOf(item) === scope.period;
}

// Made on first use: a Japanese collator loads ICU's collation data (tens of ms), and this module
// loads with the checklist, which every signed-in load evaluates before its passcode screen.
let collator: Intl.Collator | undefined;
export function compareRows(a: ReportRow, b: ReportRow): number {
  collator ??= new Intl.Collator('ja', { numeric: true });
  const byNumber = collator;
  return (
    byNumber.compare(a.symbol, b.symbol) ||
    byNumber.compare(a.number, b.number) ||
    byNumber.compare(a.branch, b.branch) ||
    (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
  );
}

export function toRow(item: ReportableItem): ReportRow {
  const p = item.person;
  return {
    itemId: item.id,
    documentKind: item.documentKind,
    relation: item.relation,
    name: p.name,
    kana: p.kana,
    birthDate: p.birthDate,
    sex: p.sex,
    symbol: p.symbol,
    number: p.number,
    branch: p.branch,
    returnedOn: item.status === 'returned' && item.returnedAt ? localToday(new Date(item.returnedAt)) : null,
    reason: item.status === 'unreturnable' ? (item.unreturnableReason ?? '') : null,
  };
}

export function countKinds(rows: readonly { documentKind: DocumentKind }[]): DocumentCounts {
  const counts: DocumentCounts = { certificate: 0, old_card: 0 };
  for (const row of rows) counts[row.documentKind] += 1;
  return counts;
}

/**
 * How many items are waiting for this form in this scope: what a report would hold. It depends only on
 * the items, never on the clerk's name or phone, so a clerk who has not typed a name yet is not told
 * there is nothing to report (issue 21); the name is asked for only when a form is made (buildReport).
 */
export function countWaiting(input: Pick<BuildInput, 'form' | 'scope' | 'items' | 'reportedItemIds'>): number {
  const seen = new Set<string>();
  for (const item of input.items) {
    if (!inScope(item, input.scope) || formFor(item.status, item.unreturnableKind) !== input.form) continue;
    if (isReported(item, input.reportedItemIds)) continue;
    seen.add(item.id);
  }
  return seen.size;
}

/**
 * A report from the items in scope that are in the form's state and in no live report yet (isReported).
 * Refused, with the reason the clerk reads, when the clerk's name or phone is missing (the insurer
 * calls back about a form) or when nothing is left to report.
 */
export function buildReport(input: BuildInput): BuildResult {
  if (!input.clerk.name.trim() || !input.clerk.phone.trim()) return { ok: false, reason: 'clerk_missing' };
  const matching = input.items.filter(
    (item) => inScope(item, input.scope) && formFor(item.status, item.unreturnableKind) === input.form,
  );
  if (matching.length === 0) return { ok: false, reason: 'no_items' };
  const unseen = new Set<string>();
  const fresh = matching.filter((item) => {
    if (isReported(item, input.reportedItemIds) || unseen.has(item.id)) return false;
    unseen.add(item.id);
    return true;
  });
  if (fresh.length === 0) return { ok: false, reason: 'all_reported' };
  const rows = fresh.map(toRow).sort(compareRows);
  const createdOn = localToday(input.now ?? new Date());
  return {
    ok: true,
    report: {
      form: input.form,
      scope: input.scope,
      office: input.office,
      insurer: input.insurer,
      clerk: { name: input.clerk.name.trim(), phone: input.clerk.phone.trim() },
      itemIds: rows.map((row) => row.itemId),
      rows,
      counts: countKinds(rows),
      total: rows.length,
      localOnly: fresh.some((item) => item.localOnly === true),
      createdOn,
      createdOnWareki: formatWareki(createdOn),
    },
  };
}

/**
 * Items of a built report that may no longer be sent as they are: gone from the tablet, reopened or
 * changed to another form since, or put in another live report meanwhile (from any tablet).
 */
export function staleItems(
  report: { form: ReportForm; itemIds: readonly string[] },
  items: ReadonlyMap<string, Pick<ReportableItem, 'status' | 'unreturnableKind' | 'inReport'>>,
  reportedItemIds: ReadonlySet<string>,
): string[] {
  return report.itemIds.filter((id) => {
    const item = items.get(id);
    return (
      !item ||
      formFor(item.status, item.unreturnableKind) !== report.form ||
      isReported({ id, inReport: item.inReport }, reportedItemIds)
    );
  });
}
