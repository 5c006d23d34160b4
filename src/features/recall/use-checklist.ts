import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { LocalItem } from '../../db/db';
import { type ChecklistFilter, compareItems, filterItems, groupByHousehold, NO_FILTER } from '../../domain/checklist';
import { localToday } from '../../domain/dates';
import type { ItemStatus } from '../../domain/recall';
import { prepareQuery } from '../../domain/search-normalise';
import { searchKeyOf } from './search-keys';
import { useListItems } from './use-list-items';

export type ChecklistRow =
  | { kind: 'household'; householdId: string; insuredName: string; items: LocalItem[] }
  | { kind: 'item'; item: LocalItem; inHousehold: boolean };

export type FilterState = Omit<ChecklistFilter, 'terms' | 'today'> & { query: string; grouped: boolean };

/**
 * The checklist's data: the list's items from IndexedDB, filtered and grouped in memory. A tick shows
 * at once through an optimistic overlay, before IndexedDB's live query comes back with the stored
 * truth (tick-to-paint does not wait for a 10,000-item re-read).
 */
export function useChecklist(listId: string) {
  const data = useListItems(listId);
  const [filter, setFilter] = useState<FilterState>({ ...NO_FILTER, query: '', grouped: false });
  const [overlay, setOverlay] = useState<{ base: unknown; statuses: Map<string, ItemStatus> }>({
    base: null,
    statuses: new Map(),
  });
  const query = useDeferredValue(filter.query);

  // The overlay only covers the data it was made on; fresh data from IndexedDB replaces it.
  const statuses = overlay.base === data.items ? overlay.statuses : null;
  const items = useMemo(() => {
    if (!data.items) return [];
    const stored = [...data.items.values()];
    if (!statuses || statuses.size === 0) return stored;
    return stored.map((item) => {
      const status = statuses.get(item.id);
      return status ? { ...item, status } : item;
    });
  }, [data.items, statuses]);

  const showOptimistic = useCallback(
    (itemIds: string[], status: ItemStatus) =>
      setOverlay((current) => {
        const next = new Map(current.base === data.items ? current.statuses : []);
        for (const id of itemIds) next.set(id, status);
        return { base: data.items, statuses: next };
      }),
    [data.items],
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
    loading: data.loading,
    list: data.list,
    items,
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
