import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import type { LocalItem } from '../../db/db';
import { compareItems } from '../../domain/checklist';
import { searchKeyOf } from './search-keys';
import { sortedItems } from './use-checklist';

const statuses = ['to_collect', 'returned', 'unreturnable'] as const;
const items = Array.from({ length: 300 }, (_, i) =>
  sampleItem(`i${String(i).padStart(3, '0')}`, {
    householdId: `h${i % 37}`,
    dueDate: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
    status: statuses[i % 3],
  }),
);
const byId = (list: readonly LocalItem[]) => new Map(list.map((item) => [item.id, item]));

describe('the checklist order after a change', () => {
  it('places changed, new and removed items as a full sort would, with their search keys', () => {
    const first = sortedItems(null, items, byId(items));
    expect(first.sorted).toEqual([...items].sort(compareItems));
    const withKeys = { ...first, keys: first.sorted.map(searchKeyOf) };

    // A tick, an undo, a household ticked, an item withdrawn and one arrived.
    const next = items
      .filter((item) => item.id !== 'i150')
      .map((item) =>
        ['i001', 'i002', 'i100', 'i101', 'i102'].includes(item.id)
          ? { ...item, status: item.status === 'returned' ? ('to_collect' as const) : ('returned' as const) }
          : item,
      )
      .concat(sampleItem('i999', { householdId: 'h0', dueDate: '2026-12-01', status: 'to_collect' }));
    const after = sortedItems(withKeys, next, byId(next));

    expect(after.sorted).toEqual([...next].sort(compareItems));
    expect(after.keys).toEqual(after.sorted.map(searchKeyOf));
    // The unchanged items are the same objects, so their search keys are not built again.
    expect(after.sorted.find((item) => item.id === 'i003')).toBe(items[3]);
  });

  it('sorts afresh when most items changed', () => {
    const last = sortedItems(null, items, byId(items));
    const all = items.map((item) => ({ ...item, status: 'returned' as const }));
    expect(sortedItems(last, all, byId(all)).sorted).toEqual([...all].sort(compareItems));
  });
});
