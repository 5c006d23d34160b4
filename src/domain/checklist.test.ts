import { describe, expect, it } from 'vitest';
import { type ChecklistItem, compareItems, filterItems, groupByHousehold, NO_FILTER } from './checklist';
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
