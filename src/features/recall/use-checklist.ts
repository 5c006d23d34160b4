import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { LocalItem, LocalList } from '../../db/db';
import { type ChecklistFilter, compareItems, filterInOrder, groupByHousehold, NO_FILTER } from '../../domain/checklist';
import { localToday } from '../../domain/dates';
import { countByStatus, type InsurerKind, type ItemStatus, type StatusCounts } from '../../domain/recall';
import { prepareQuery } from '../../domain/search-normalise';
import { searchKeyOf } from './search-keys';
import { type ItemScope, useListItems } from './use-list-items';

export type ChecklistRow =
  | { kind: 'list'; list: LocalList; counts: StatusCounts; shown: number }
  | { kind: 'household'; householdId: string; insuredName: string; items: LocalItem[] }
  | { kind: 'item'; item: LocalItem; inHousehold: boolean };

export type FilterState = Omit<ChecklistFilter, 'terms' | 'today' | 'kind'> & { query: string; grouped: boolean };

/** Newest period first, then the most recently received: the order of the lists page. */
const compareLists = (a: LocalList, b: LocalList) =>
  b.period.localeCompare(a.period) || b.receivedAt.localeCompare(a.receivedAt);

// Safari has no requestIdleCallback: a short task per step there.
const whenIdle = (step: (deadline: { timeRemaining(): number }) => void): number =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(step)
    : window.setTimeout(() => {
        const end = performance.now() + 8;
        step({ timeRemaining: () => end - performance.now() });
      }, 0);
const cancelIdle = (handle: number) =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : window.clearTimeout(handle);

type Sorted = { items: readonly LocalItem[]; sorted: LocalItem[]; keys: string[] | null };

// Past this many changed items a fresh sort is cheaper than placing each one.
const PLACE_AT_MOST = 200;

/** Where `item` goes in `sorted` (compareItems order), by binary search. */
function placeOf(sorted: readonly LocalItem[], item: LocalItem): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareItems(sorted[middle] as LocalItem, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `items` in compareItems order. A tick changes one item (a household a few): those are taken out of
 * the last order and put back in their places by binary search, instead of sorting 10,000 items after
 * every tick (a 25–40 ms task on the tablet, measured with scripts/bench/checklist.ts). The search keys
 * of the unchanged items come along.
 */
export function sortedItems(
  last: Sorted | null,
  items: readonly LocalItem[],
  current: ReadonlyMap<string, LocalItem>,
): Sorted {
  if (!last) return { items, sorted: [...items].sort(compareItems), keys: null };
  const sorted: LocalItem[] = [];
  const keys: string[] | null = last.keys ? [] : null;
  const changed: LocalItem[] = [];
  let kept = 0;
  for (let i = 0; i < last.sorted.length; i++) {
    const was = last.sorted[i] as LocalItem;
    const now = current.get(was.id);
    if (now === undefined) continue;
    kept++;
    if (now !== was) {
      changed.push(now);
      continue;
    }
    sorted.push(was);
    if (keys) keys.push((last.keys as string[])[i] as string);
  }
  if (kept < current.size) {
    const known = new Set(last.sorted.map((item) => item.id));
    for (const item of current.values()) if (!known.has(item.id)) changed.push(item);
  }
  if (changed.length > PLACE_AT_MOST) return { items, sorted: [...items].sort(compareItems), keys: null };
  for (const item of changed) {
    const at = placeOf(sorted, item);
    sorted.splice(at, 0, item);
    if (keys) keys.splice(at, 0, searchKeyOf(item));
  }
  return { items, sorted, keys };
}

/**
 * The checklist's data: the items of one list (or of every list, grouped by list) from IndexedDB,
 * filtered and grouped in memory. A tick shows at once through an optimistic overlay, before the
 * stored change comes back.
 */
export function useChecklist(scope: ItemScope, kind: InsurerKind = 'kumiai') {
  const data = useListItems(scope);
  const [filter, setFilter] = useState<FilterState>({ ...NO_FILTER, query: '', grouped: false });
  const [overlay, setOverlay] = useState<{ base: unknown; statuses: Map<string, ItemStatus> }>({
    base: null,
    statuses: new Map(),
  });
  const query = useDeferredValue(filter.query);
  // The rest of the filter, as a value that changes only when one of its fields does: typing changes
  // `filter` at once but must leave the rows alone until the deferred query catches up.
  const { query: _typed, ...fieldValues } = filter;
  const fieldsKey = JSON.stringify(fieldValues);
  const fields = useMemo(() => JSON.parse(fieldsKey) as Omit<FilterState, 'query'>, [fieldsKey]);

  // The overlay only covers the data it was made on; fresh data from IndexedDB replaces it.
  const statuses = overlay.base === data.items ? overlay.statuses : null;
  const latest = useMemo(() => {
    if (!data.items) return new Map<string, LocalItem>();
    if (!statuses || statuses.size === 0) return data.items;
    const next = new Map(data.items);
    for (const [id, status] of statuses) {
      const item = next.get(id);
      if (item) next.set(id, { ...item, status });
    }
    return next;
  }, [data.items, statuses]);
  // The rows (filter, order and groups over 10,000 items) and the counts follow a change one render
  // later, as a transition: the tapped row itself shows a tick at once, as ChecklistRows draws the
  // rows on screen from `latest` (tick to paint, scripts/bench/checklist.ts).
  // Not on opening a list, though: its first rows come at once (no "nothing found" in between).
  const deferred = useDeferredValue(useMemo(() => ({ latest, scope }), [latest, scope]));
  const current = deferred.scope === scope && deferred.latest.size > 0 ? deferred.latest : latest;
  const items = useMemo(() => [...current.values()], [current]);

  const showOptimistic = useCallback(
    (itemIds: string[], status: ItemStatus) =>
      setOverlay((was) => {
        const next = new Map(was.base === data.items ? was.statuses : []);
        for (const id of itemIds) next.set(id, status);
        return { base: data.items, statuses: next };
      }),
    [data.items],
  );

  // Every item in compareItems order, sorted at most once per version of the items and only when an
  // order is needed; with the search keys of those same objects, built when a search first needs them.
  const sortedRef = useRef<Sorted | null>(null);

  // Rows keep their places while the clerk ticks: a ticked row stays under the finger (undo is right
  // there) instead of jumping to the end. The order is taken afresh when the filter, the search or the
  // list changes; a keystroke then costs one pass of `includes` over precomputed keys, no sort.
  const order = useRef<{ key: string; snapshot: Sorted }>({ key: '', snapshot: { items: [], sorted: [], keys: null } });
  const lists = data.lists;
  const rows = useMemo(() => {
    const orderKey = JSON.stringify([scope, fieldsKey, kind, query, items.length]);
    if (order.current.key !== orderKey) {
      if (sortedRef.current?.items !== items) sortedRef.current = sortedItems(sortedRef.current, items, current);
      order.current = { key: orderKey, snapshot: sortedRef.current };
    }
    const { snapshot } = order.current;
    const terms = prepareQuery(query);
    if (terms.length > 0 && !snapshot.keys) snapshot.keys = snapshot.sorted.map(searchKeyOf);
    const visible = filterInOrder(
      snapshot.sorted,
      current,
      { ...fields, kind, terms, today: localToday() },
      searchKeyOf,
      snapshot.keys ?? undefined,
    );
    const toRows = (inOrder: LocalItem[]): ChecklistRow[] => {
      if (!fields.grouped) return inOrder.map((item) => ({ kind: 'item', item, inHousehold: false }));
      const grouped: ChecklistRow[] = [];
      for (const household of groupByHousehold(inOrder)) {
        grouped.push({ kind: 'household', ...household });
        for (const item of household.items) grouped.push({ kind: 'item', item, inHousehold: true });
      }
      return grouped;
    };
    if (scope !== null || !lists) return { rows: toRows(visible), count: visible.length };

    // Every list: one group per list with its own progress, in the lists page's order.
    const byList = new Map<string, LocalItem[]>();
    for (const item of visible) {
      const group = byList.get(item.listId);
      if (group) group.push(item);
      else byList.set(item.listId, [item]);
    }
    const allByList = new Map<string, LocalItem[]>();
    for (const item of items) {
      const group = allByList.get(item.listId);
      if (group) group.push(item);
      else allByList.set(item.listId, [item]);
    }
    const grouped: ChecklistRow[] = [];
    for (const list of [...lists.values()].sort(compareLists)) {
      const shown = byList.get(list.id);
      if (!shown) continue;
      grouped.push({ kind: 'list', list, counts: countByStatus(allByList.get(list.id) ?? []), shown: shown.length });
      for (const row of toRows(shown)) grouped.push(row);
    }
    return { rows: grouped, count: visible.length };
  }, [items, current, lists, fields, fieldsKey, kind, query, scope]);

  // Build the search keys once the list is loaded, a little at a time while the tablet is idle, so
  // the first keystroke finds them ready; items that change later get theirs when a search needs them.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(() => {
    if (data.loading) return;
    const all = itemsRef.current;
    let index = 0;
    let handle = 0;
    const step = (deadline: { timeRemaining(): number }) => {
      while (index < all.length && deadline.timeRemaining() > 1) searchKeyOf(all[index++] as LocalItem);
      if (index < all.length) handle = whenIdle(step);
    };
    handle = whenIdle(step);
    return () => cancelIdle(handle);
  }, [data.loading]);

  return {
    loading: data.loading,
    lists: data.lists,
    items,
    /** Every item as it is now, by id, a render ahead of `items` and `rows` after a change. */
    latest,
    pendingItemIds: data.pendingItemIds,
    rows: rows.rows,
    visibleCount: rows.count,
    /** The query the rows on screen were filtered with (it trails the input while typing fast). */
    renderedQuery: query,
    filter,
    setFilter,
    showOptimistic,
  };
}
