import { isOverdue } from './dates';
import type { DocumentKind, InsurerKind, ItemStatus, RecallReason, Relation, StatusCounts } from './recall';
import { isCollected, routeFor } from './recall-route';
import { matchesTerms } from './search-normalise';

/** The fields of an item the checklist filters, sorts and groups on. */
export type ChecklistItem = {
  id: string;
  householdId: string;
  relation: Relation;
  status: ItemStatus;
  reason: RecallReason;
  documentKind: DocumentKind;
  dueDate: string;
  expiresOn: string | null;
  lossDate?: string | null;
  noticeArrivedOn?: string | null;
  person: { branch: string; insuredName: string };
};

/** Which routes to show (recall-route.ts): what the office collects, or what it only tells the member about. */
export type RouteScope = 'all' | 'collected' | 'not_collected';

export type ChecklistFilter = {
  /** Normalised query terms (prepareQuery); all must match. */
  terms: readonly string[];
  status: ItemStatus | 'all';
  reason: RecallReason | 'all';
  documentKind: DocumentKind | 'all';
  overdueOnly: boolean;
  routeScope: RouteScope;
  kind: InsurerKind;
  today: string;
};

export const NO_FILTER: Omit<ChecklistFilter, 'today'> = {
  terms: [],
  status: 'all',
  reason: 'all',
  documentKind: 'all',
  overdueOnly: false,
  routeScope: 'all',
  // Until the session says otherwise: the app's behaviour before the insurer kinds.
  kind: 'kumiai',
};

/**
 * Status counts of what the office itself collects: a certificate the member posts back or destroys is
 * never "to collect" for the office (recall-route.ts), so it never shows as work left.
 */
export function countCollected(items: Iterable<ChecklistItem>, kind: InsurerKind, today: string): StatusCounts {
  const counts: StatusCounts = { to_collect: 0, returned: 0, unreturnable: 0 };
  for (const item of items) if (isCollected(routeFor(item, kind, today))) counts[item.status] += 1;
  return counts;
}

/** Overdue only counts for what the office itself must collect: a member's own posting has no office deadline. */
export function isOverdueFor(item: ChecklistItem, kind: InsurerKind, today: string): boolean {
  return isOverdue(item.dueDate, item.status, today) && isCollected(routeFor(item, kind, today));
}

const STATUS_ORDER: Record<ItemStatus, number> = { to_collect: 0, unreturnable: 1, returned: 2 };

// Ordinal, not locale-aware: the keys are ISO dates and ids, and localeCompare would cost most of
// a 10,000-item sort.
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Still to collect first, the most urgent due date first; then by household and branch. */
export function compareItems(a: ChecklistItem, b: ChecklistItem): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    ordinal(a.dueDate, b.dueDate) ||
    ordinal(a.householdId, b.householdId) ||
    ordinal(a.person.branch, b.person.branch) ||
    ordinal(a.id, b.id)
  );
}

/** Everything but the search terms. */
function passesFields(item: ChecklistItem, filter: ChecklistFilter): boolean {
  return (
    (filter.status === 'all' || item.status === filter.status) &&
    (filter.reason === 'all' || item.reason === filter.reason) &&
    (filter.documentKind === 'all' || item.documentKind === filter.documentKind) &&
    (!filter.overdueOnly || isOverdueFor(item, filter.kind, filter.today)) &&
    (filter.routeScope === 'all' ||
      isCollected(routeFor(item, filter.kind, filter.today)) === (filter.routeScope === 'collected'))
  );
}

/** `keyOf` gives the precomputed search key of an item (buildSearchKey), so a keystroke costs only `includes`. */
export function filterItems<T extends ChecklistItem>(
  items: readonly T[],
  filter: ChecklistFilter,
  keyOf: (item: T) => string,
): T[] {
  return items.filter(
    (item) => passesFields(item, filter) && (filter.terms.length === 0 || matchesTerms(keyOf(item), filter.terms)),
  );
}

/**
 * The current items that pass `filter`, in the order of `order`: a sorted snapshot of the items taken
 * when the clerk last changed the filter, so a tick does not move rows (the ticked row stays under the
 * finger) and no keystroke or tick pays for a sort. `current` holds the items as they are now, by id;
 * an item the snapshot does not know (it arrived since) goes after the others, in compareItems order.
 * `orderKeys`, when given, are the search keys of `order`'s items, used while an item is the same object.
 */
export function filterInOrder<T extends ChecklistItem>(
  order: readonly T[],
  current: ReadonlyMap<string, T>,
  filter: ChecklistFilter,
  keyOf: (item: T) => string,
  orderKeys?: readonly string[],
): T[] {
  const visible: T[] = [];
  let known = 0;
  for (let i = 0; i < order.length; i++) {
    const was = order[i] as T;
    const item = current.get(was.id);
    if (!item) continue;
    known++;
    if (!passesFields(item, filter)) continue;
    if (filter.terms.length > 0) {
      const key = item === was && orderKeys ? (orderKeys[i] as string) : keyOf(item);
      if (!matchesTerms(key, filter.terms)) continue;
    }
    visible.push(item);
  }
  if (known === current.size) return visible;
  const inOrder = new Set(order.map((item) => item.id));
  const arrived = [...current.values()].filter((item) => !inOrder.has(item.id));
  return visible.concat(filterItems(arrived, filter, keyOf).sort(compareItems));
}

export type Household<T extends ChecklistItem> = { householdId: string; insuredName: string; items: T[] };

/**
 * Groups items by household (世帯: the 被保険者 with dependants), keeping the order of the first
 * item of each household, and the insured person (本人) first inside it.
 */
export function groupByHousehold<T extends ChecklistItem>(sorted: readonly T[]): Household<T>[] {
  const households = new Map<string, Household<T>>();
  for (const item of sorted) {
    let household = households.get(item.householdId);
    if (!household) {
      household = { householdId: item.householdId, insuredName: item.person.insuredName, items: [] };
      households.set(item.householdId, household);
    }
    household.items.push(item);
  }
  for (const household of households.values()) {
    household.items.sort(
      (a, b) =>
        Number(a.relation !== 'self') - Number(b.relation !== 'self') || a.person.branch.localeCompare(b.person.branch),
    );
  }
  return [...households.values()];
}
