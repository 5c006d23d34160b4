import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef } from 'react';
import type { LocalItem } from '../../db/db';
import { isOverdueFor } from '../../domain/checklist';
import { localToday } from '../../domain/dates';
import type { InsurerKind } from '../../domain/recall';
import { routeFor } from '../../domain/recall-route';
import { HouseholdHeader, ListHeader } from './checklist-group-headers';
import { ItemRow } from './checklist-item-row';
import type { ChecklistRow } from './use-checklist';

// By the first letter of a row's key.
const ROW_HEIGHTS: Record<string, number> = { l: 120, h: 72, i: 160 };

const keyOf = (row: ChecklistRow): string =>
  row.kind === 'list' ? `l:${row.list.id}` : row.kind === 'household' ? `h:${row.householdId}` : `i:${row.item.id}`;

/**
 * The rows' keys, as the same array while they are the same keys in the same order. The virtualizer
 * recomputes the place of all 10,000 rows whenever its key function changes; a tick or the sync
 * marking a row changes the rows but not their keys, so it no longer pays for that (measured with
 * scripts/bench/checklist.ts: the largest part of a tick).
 */
function useStableKeys(rows: readonly ChecklistRow[]): readonly string[] {
  const last = useRef<readonly string[]>([]);
  return useMemo(() => {
    const keys = rows.map(keyOf);
    const was = last.current;
    if (was.length === keys.length && keys.every((key, index) => key === was[index])) return was;
    last.current = keys;
    return keys;
  }, [rows]);
}

type RowsProps = {
  rows: ChecklistRow[];
  /** The items as they are now: a row on screen shows its item's latest state before the rows catch up. */
  latest: ReadonlyMap<string, LocalItem>;
  pendingItemIds: Set<string | undefined>;
  kind: InsurerKind;
  onTick: (item: LocalItem) => void;
  onUntick: (item: LocalItem) => void;
  onTickHousehold: (items: LocalItem[], insuredName: string) => void;
  onOpen: (itemId: string) => void;
};

/** Only the rows on screen are in the DOM, so 10,000 items scroll and repaint like 50. */
export const ChecklistRows = memo(function ChecklistRows({
  rows,
  latest,
  pendingItemIds,
  kind,
  onTick,
  onUntick,
  onTickHousehold,
  onOpen,
}: RowsProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const keys = useStableKeys(rows);
  const getItemKey = useCallback((index: number) => keys[index] ?? index, [keys]);
  const estimateSize = useCallback((index: number) => ROW_HEIGHTS[keys[index]?.[0] ?? 'i'] ?? 160, [keys]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize,
    overscan: 6,
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey,
  });
  const today = localToday();

  return (
    <ul ref={listRef} className="items" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((virtual) => {
        const row = rows[virtual.index];
        if (!row) return null;
        const style = {
          position: 'absolute' as const,
          top: 0,
          left: 0,
          width: '100%',
          transform: `translateY(${virtual.start - virtualizer.options.scrollMargin}px)`,
        };
        if (row.kind === 'list')
          return (
            <li key={virtual.key} ref={virtualizer.measureElement} data-index={virtual.index} style={style}>
              <ListHeader row={row} />
            </li>
          );
        if (row.kind === 'household')
          return (
            <li key={virtual.key} ref={virtualizer.measureElement} data-index={virtual.index} style={style}>
              <HouseholdHeader row={row} onTickHousehold={onTickHousehold} />
            </li>
          );
        const item = latest.get(row.item.id) ?? row.item;
        const overdue = isOverdueFor(item, kind, today);
        return (
          <li
            key={virtual.key}
            ref={virtualizer.measureElement}
            data-index={virtual.index}
            style={style}
            className={`item ${item.status}${overdue ? ' overdue' : ''}${row.inHousehold ? ' in-household' : ''}`}
            data-item-id={item.id}
          >
            <ItemRow
              item={item}
              pending={pendingItemIds.has(item.id)}
              overdue={overdue}
              route={routeFor(item, kind, today)}
              onTick={onTick}
              onUntick={onUntick}
              onOpen={onOpen}
            />
          </li>
        );
      })}
    </ul>
  );
});
