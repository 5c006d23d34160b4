import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef } from 'react';
import type { LocalItem } from '../../db/db';
import { isOverdueFor } from '../../domain/checklist';
import { localToday } from '../../domain/dates';
import type { InsurerKind } from '../../domain/recall';
import { routeFor } from '../../domain/recall-route';
import { HouseholdHeader, ListHeader } from './checklist-group-headers';
import { ItemRow } from './checklist-item-row';
import type { ChecklistRow } from './use-checklist';

const ROW_HEIGHTS: Record<ChecklistRow['kind'], number> = { list: 120, household: 72, item: 160 };

type RowsProps = {
  rows: ChecklistRow[];
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
  pendingItemIds,
  kind,
  onTick,
  onUntick,
  onTickHousehold,
  onOpen,
}: RowsProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => ROW_HEIGHTS[rows[index]?.kind ?? 'item'],
    overscan: 6,
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey: (index) => {
      const row = rows[index];
      if (row?.kind === 'list') return `l:${row.list.id}`;
      return row?.kind === 'household' ? `h:${row.householdId}` : `i:${row?.item.id}`;
    },
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
        return row.kind === 'household' ? (
          <li key={virtual.key} ref={virtualizer.measureElement} data-index={virtual.index} style={style}>
            <HouseholdHeader row={row} onTickHousehold={onTickHousehold} />
          </li>
        ) : (
          <li
            key={virtual.key}
            ref={virtualizer.measureElement}
            data-index={virtual.index}
            style={style}
            className={`item ${row.item.status}${isOverdueFor(row.item, kind, today) ? ' overdue' : ''}${row.inHousehold ? ' in-household' : ''}`}
            data-item-id={row.item.id}
          >
            <ItemRow
              item={row.item}
              pending={pendingItemIds.has(row.item.id)}
              overdue={isOverdueFor(row.item, kind, today)}
              route={routeFor(row.item, kind, today)}
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
