import { describe, expect, it } from 'vitest';
import { itemsToPurge, reportsToStrip } from './retention';

const now = new Date('2026-12-31T00:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

describe('itemsToPurge', () => {
  const items = [
    { id: 'old', status: 'returned' as const },
    { id: 'lost', status: 'unreturnable' as const },
    { id: 'recent', status: 'returned' as const },
    { id: 'draft', status: 'returned' as const },
    { id: 'unsent', status: 'returned' as const },
    { id: 'reopened', status: 'to_collect' as const },
    { id: 'unreported', status: 'returned' as const },
  ];
  const reports = [
    { status: 'received', submittedAt: daysAgo(31), itemIds: ['old', 'lost', 'unsent', 'reopened'] },
    { status: 'submitted', submittedAt: daysAgo(5), itemIds: ['recent'] },
    { status: 'draft', itemIds: ['draft'] },
  ];

  it('purges finished items of reports older than the retention period, with nothing unsent', () => {
    expect(itemsToPurge(items, reports, new Set(['unsent']), now)).toEqual(['old', 'lost']);
  });

  it('follows the configured number of days', () => {
    expect(itemsToPurge(items, reports, new Set(), now, 5)).toEqual(['old', 'lost', 'recent', 'unsent']);
    expect(itemsToPurge(items, reports, new Set(), now, 60)).toEqual([]);
  });

  it('refuses a negative period', () => {
    expect(() => itemsToPurge(items, reports, new Set(), now, -1)).toThrow(RangeError);
  });
});

describe('reportsToStrip', () => {
  it('clears the rows of received reports past the period only', () => {
    const reports = [
      { id: 'a', status: 'received', submittedAt: daysAgo(40), itemIds: [] },
      { id: 'b', status: 'received', submittedAt: daysAgo(40), itemIds: [], rowsPurged: true },
      { id: 'c', status: 'submitted', submittedAt: daysAgo(40), itemIds: [] },
      { id: 'd', status: 'received', submittedAt: daysAgo(3), itemIds: [] },
    ];
    expect(reportsToStrip(reports, now)).toEqual(['a']);
  });
});
