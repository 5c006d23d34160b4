import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { db, type LocalItem } from '../../db/db';
import { type ChecklistFilter, compareItems, filterItems, groupByHousehold, NO_FILTER } from '../../domain/checklist';
import { localToday } from '../../domain/dates';
import type { ItemStatus } from '../../domain/recall';
import { prepareQuery } from '../../domain/search-normalise';
import { searchKeyOf } from './search-keys';

export type ChecklistRow =
  | { kind: 'household'; householdId: string; insuredName: string; items: LocalItem[] }
  | { kind: 'item'; item: LocalItem; inHousehold: boolean };

export type FilterState = Omit<ChecklistFilter, 'terms' | 'today'> & { query: string; grouped: boolean };

async function loadList(listId: string) {
  const [list, items, pending] = await Promise.all([
    db.lists.get(listId),
    db.items.where('listId').equals(listId).toArray(),
    db.outbox.where('status').equals('pending').toArray(),
  ]);
  return { list: list ?? null, items, pendingItemIds: new Set(pending.map((entry) => entry.itemId)) };
}

/**
 * The checklist's data: the list's items from IndexedDB, filtered and grouped in memory. A tick shows
 * at once through an optimistic overlay, before IndexedDB's live query comes back with the stored
 * truth (tick-to-paint does not wait for a 10,000-item re-read).
 */
export function useChecklist(listId: string) {
  const data = useLiveQuery(() => loadList(listId), [listId]);
  const [filter, setFilter] = useState<FilterState>({ ...NO_FILTER, query: '', grouped: false });
  const [overlay, setOverlay] = useState<{ base: unknown; statuses: Map<string, ItemStatus> }>({
    base: null,
    statuses: new Map(),
  });
  const query = useDeferredValue(filter.query);

  // The overlay only covers the data it was made on; fresh data from IndexedDB replaces it.
  const statuses = overlay.base === data ? overlay.statuses : null;
  const items = useMemo(() => {
    if (!data) return [];
    if (!statuses || statuses.size === 0) return data.items;
    return data.items.map((item) => {
      const status = statuses.get(item.id);
      return status ? { ...item, status } : item;
    });
  }, [data, statuses]);

  const showOptimistic = useCallback(
    (itemIds: string[], status: ItemStatus) =>
      setOverlay((current) => {
        const next = new Map(current.base === data ? current.statuses : []);
        for (const id of itemIds) next.set(id, status);
        return { base: data, statuses: next };
      }),
    [data],
  );

  // Rows keep their places while the clerk ticks: a ticked row stays under the finger (undo is right
  // there) instead of jumping to the end. The order is made afresh when the filter or the list changes.
  const order = useRef<{ key: string; index: Map<string, number> }>({ key: '', index: new Map() });
  const rows = useMemo(() => {
    const matching = filterItems(items, { ...filter, terms: prepareQuery(query), today: localToday() }, searchKeyOf);
    const orderKey = JSON.stringify([listId, filter, query, items.length]);
    if (order.current.key !== orderKey) {
      const sorted = [...matching].sort(compareItems);
      order.current = { key: orderKey, index: new Map(sorted.map((item, i) => [item.id, i])) };
    }
    const place = (item: LocalItem) => order.current.index.get(item.id) ?? Number.MAX_SAFE_INTEGER;
    const visible = matching.sort((a, b) => place(a) - place(b) || compareItems(a, b));
    if (!filter.grouped)
      return {
        rows: visible.map((item): ChecklistRow => ({ kind: 'item', item, inHousehold: false })),
        count: visible.length,
      };
    const grouped: ChecklistRow[] = [];
    for (const household of groupByHousehold(visible)) {
      grouped.push({ kind: 'household', ...household });
      for (const item of household.items) grouped.push({ kind: 'item', item, inHousehold: true });
    }
    return { rows: grouped, count: visible.length };
  }, [items, filter, query, listId]);

  return {
    loading: data === undefined,
    list: data?.list ?? null,
    items,
    pendingItemIds: data?.pendingItemIds ?? new Set<string | undefined>(),
    rows: rows.rows,
    visibleCount: rows.count,
    filter,
    setFilter,
    showOptimistic,
  };
}
