import { describe, expect, it } from 'vitest';
import { type ChecklistItem, compareItems, filterInOrder, filterItems, groupByHousehold, NO_FILTER } from './checklist';
import { buildSearchKey, prepareQuery } from './search-normalise';

type Row = ChecklistItem & { name: string; kana: string };
const row = (id: string, over: Partial<Row>): Row => ({
  id,
  householdId: 'h1',
  relation: 'self',
  status: 'to_collect',
  reason: 'got_myna',
  documentKind: 'certificate',
  dueDate: '2026-12-01',
  expiresOn: '2029-12-01',
  person: { branch: '00', insuredName: '髙橋 一郎' },
  name: '髙橋 一郎',
  kana: 'タカハシ イチロウ',
  ...over,
});
const rows = [
  row('1', {}),
  row('2', {
    relation: 'dependant',
    person: { branch: '01', insuredName: '髙橋 一郎' },
    name: '髙橋 花子',
    kana: 'タカハシ ハナコ',
    status: 'returned',
  }),
  row('3', {
    householdId: 'h2',
    name: '𠮷野 太郎',
    kana: 'ヨシノ タロウ',
    person: { branch: '00', insuredName: '𠮷野 太郎' },
    reason: 'lost_eligibility',
    dueDate: '2026-11-10',
  }),
  row('4', {
    householdId: 'h3',
    name: 'Maria Santos',
    kana: 'マリア サントス',
    person: { branch: '00', insuredName: 'Maria Santos' },
    documentKind: 'old_card',
    status: 'unreturnable',
  }),
];
const keys = new Map(rows.map((r) => [r.id, buildSearchKey([r.name, r.kana])]));
const filter = (over: Partial<typeof NO_FILTER>) =>
  filterItems(rows, { ...NO_FILTER, today: '2026-11-23', ...over }, (r) => keys.get(r.id) ?? '').map((r) => r.id);

describe('checklist filtering', () => {
  it('finds by kana typed in hiragana and by a new-form kanji', () => {
    expect(filter({ terms: prepareQuery('たかはし') })).toEqual(['1', '2']);
    expect(filter({ terms: prepareQuery('吉野') })).toEqual(['3']);
    expect(filter({ terms: prepareQuery('高橋 はなこ') })).toEqual(['2']);
  });

  it('filters by status, reason, document kind and overdue', () => {
    expect(filter({ status: 'returned' })).toEqual(['2']);
    expect(filter({ reason: 'lost_eligibility' })).toEqual(['3']);
    expect(filter({ documentKind: 'old_card' })).toEqual(['4']);
    expect(filter({ overdueOnly: true })).toEqual(['3']);
  });

  it('filters by route for the kind of insurer, and counts overdue only for what the office collects', () => {
    // Rows 1 and 2 are monthly マイナ保険証 recalls: a 組合 collects them, 協会けんぽ does not recall them.
    // Row 4 is an old card the insurer listed: collected.
    expect(filter({ routeScope: 'collected', kind: 'kumiai' })).toEqual(['1', '2', '3', '4']);
    expect(filter({ routeScope: 'not_collected', kind: 'kyokai' })).toEqual(['1', '2']);
    expect(filter({ routeScope: 'collected', kind: 'kyokai' })).toEqual(['3', '4']);
    const expiredBeforeLoss = { ...rows[2], lossDate: '2026-11-05', expiresOn: '2026-11-01' } as Row;
    expect(
      filterItems([expiredBeforeLoss], { ...NO_FILTER, overdueOnly: true, today: '2026-11-23' }, () => ''),
    ).toEqual([]);
  });

  it('sorts what is still to collect and most urgent first', () => {
    expect([...rows].sort(compareItems).map((r) => r.id)).toEqual(['3', '1', '4', '2']);
  });

  it('groups by household with the insured person first', () => {
    const households = groupByHousehold([rows[1], rows[0], rows[2]] as Row[]);
    expect(households.map((h) => [h.householdId, h.items.map((i) => i.id)])).toEqual([
      ['h1', ['1', '2']],
      ['h2', ['3']],
    ]);
  });
});

describe('filtering in a kept order', () => {
  const snapshot = [...rows].sort(compareItems);
  const byId = (items: Row[]) => new Map(items.map((r) => [r.id, r]));
  const inOrder = (current: Map<string, Row>, over: Partial<typeof NO_FILTER>, orderKeys?: string[]) =>
    filterInOrder(
      snapshot,
      current,
      { ...NO_FILTER, today: '2026-11-23', ...over },
      (r) => keys.get(r.id) ?? '',
      orderKeys,
    ).map((r) => r.id);

  it('keeps a ticked row in its place instead of sorting it to the end', () => {
    const ticked = byId(rows.map((r) => (r.id === '3' ? { ...r, status: 'returned' as const } : r)));
    expect(inOrder(ticked, {})).toEqual(['3', '1', '4', '2']);
    // …but a filter still applies to the item as it is now.
    expect(inOrder(ticked, { status: 'to_collect' })).toEqual(['1']);
  });

  it('puts items that arrived after the order was taken last, sorted, and drops removed ones', () => {
    const arrived = [row('5', { dueDate: '2026-11-01' }), row('6', { dueDate: '2026-10-01' })];
    const current = byId([...rows.filter((r) => r.id !== '4'), ...arrived]);
    expect(inOrder(current, {})).toEqual(['3', '1', '2', '6', '5']);
  });

  it('searches the kept keys of unchanged items and fresh keys of changed ones', () => {
    const stale = snapshot.map(() => 'no match');
    expect(inOrder(byId(rows), { terms: prepareQuery('たかはし') }, stale)).toEqual([]);
    const changed = byId(rows.map((r) => (r.id === '1' ? { ...r } : r)));
    expect(inOrder(changed, { terms: prepareQuery('たかはし') }, stale)).toEqual(['1']);
  });
});
