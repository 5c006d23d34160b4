import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { type BuildInput, buildReport, countWaiting, type ReportableItem, staleItems } from './build-report';
import { reportCsvRows } from './report-csv';

const parties = {
  office: { code: 'DEMO-1', name: '株式会社サンプル 本社' },
  insurer: { name: 'MBK 連合健康保険組合', number: '06139999' },
  clerk: { name: '佐藤 花子', phone: '03-1234-5678' },
};
// Midday in Japan: the same calendar day in UTC and in Asia/Tokyo.
const returned = (id: string, day: string, extra: Partial<ReportableItem> = {}): ReportableItem => ({
  ...sampleItem(id),
  status: 'returned',
  returnedAt: `${day}T03:00:00.000Z`,
  statusChangedAt: `${day}T03:00:00.000Z`,
  ...extra,
});
const unreturnable = (id: string, kind: 'lost' | 'uncollectable', reason: string): ReportableItem => ({
  ...sampleItem(id),
  status: 'unreturnable',
  unreturnableKind: kind,
  unreturnableReason: reason,
  statusChangedAt: '2026-11-10T03:00:00.000Z',
});

const input = (over: Partial<BuildInput>): BuildInput => ({
  ...parties,
  form: 'return_notice',
  scope: { kind: 'list', listId: 'list-1' },
  items: [],
  reportedItemIds: new Set(),
  now: new Date('2026-11-20T03:00:00.000Z'),
  ...over,
});

describe('buildReport', () => {
  it('takes only returned items of the list, counted per document kind, dated in 和暦', () => {
    const items = [
      returned('a', '2026-11-02'),
      returned('b', '2026-11-03', { documentKind: 'old_card' }),
      returned('c', '2026-11-04'),
      { ...sampleItem('open') },
      unreturnable('gone', 'lost', '紛失'),
      returned('other-list', '2026-11-02', { listId: 'list-2' }),
    ];
    const result = buildReport(input({ items }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.itemIds.sort()).toEqual(['a', 'b', 'c']);
    expect(result.report.counts).toEqual({ certificate: 2, old_card: 1 });
    expect(result.report.total).toBe(3);
    expect(result.report.createdOnWareki).toBe('令和8年11月20日');
    expect(result.report.rows.find((r) => r.itemId === 'b')?.returnedOn).toBe('2026-11-03');
  });

  it('never counts an item twice: already reported items and repeated items are left out', () => {
    const a = returned('a', '2026-11-02');
    const result = buildReport(input({ items: [a, a, returned('b', '2026-11-02')], reportedItemIds: new Set(['b']) }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.itemIds).toEqual(['a']);
    expect(result.report.total).toBe(1);
  });

  it('refuses an empty report with a reason', () => {
    expect(buildReport(input({ items: [sampleItem('open')] }))).toEqual({ ok: false, reason: 'no_items' });
    expect(buildReport(input({ items: [returned('a', '2026-11-02')], reportedItemIds: new Set(['a']) }))).toEqual({
      ok: false,
      reason: 'all_reported',
    });
    expect(buildReport(input({ items: [returned('a', '2026-11-02')], clerk: { name: '佐藤', phone: ' ' } }))).toEqual({
      ok: false,
      reason: 'clerk_missing',
    });
  });

  it('splits items that cannot come back into 滅失届 and 回収不能届, with their reasons', () => {
    const items = [unreturnable('l', 'lost', '火災で焼失'), unreturnable('u', 'uncollectable', '連絡がつかない')];
    const lost = buildReport(input({ form: 'lost', items }));
    const uncollectable = buildReport(input({ form: 'uncollectable', items }));
    if (!lost.ok || !uncollectable.ok) throw new Error('refused');
    expect(lost.report.rows.map((r) => [r.itemId, r.reason])).toEqual([['l', '火災で焼失']]);
    expect(uncollectable.report.rows.map((r) => [r.itemId, r.reason])).toEqual([['u', '連絡がつかない']]);
  });

  it('a period gathers the month of return across the insurer lists, never imported items', () => {
    const items = [
      returned('nov', '2026-11-30', { listId: 'list-1' }),
      returned('nov-2', '2026-11-01', { listId: 'list-2' }),
      returned('oct', '2026-10-31'),
      returned('imported', '2026-11-05', { localOnly: true }),
    ];
    const result = buildReport(input({ scope: { kind: 'period', period: '2026-11' }, items }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.itemIds.sort()).toEqual(['nov', 'nov-2']);
    expect(result.report.localOnly).toBe(false);
  });

  it('an imported list builds a print-only report', () => {
    const result = buildReport(input({ items: [returned('imported', '2026-11-05', { localOnly: true })] }));
    expect(result.ok && result.report.localOnly).toBe(true);
  });

  it("leaves out items the insurer marks as in another tablet's report; none left is all_reported", () => {
    const mark = { reportId: '7d3b2c1a-0000-4000-8000-000000000001', form: 'return_notice' as const };
    const theirs = returned('theirs', '2026-11-02', { inReport: mark });
    const result = buildReport(input({ items: [theirs, returned('mine', '2026-11-03')] }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.report.itemIds).toEqual(['mine']);
    expect(result.report.total).toBe(1);
    expect(buildReport(input({ items: [theirs] }))).toEqual({ ok: false, reason: 'all_reported' });
    // A mark of null (pulled from a server that says "in no live report") leaves it reportable.
    const freed = buildReport(input({ items: [returned('freed', '2026-11-02', { inReport: null })] }));
    expect(freed.ok && freed.report.itemIds).toEqual(['freed']);
  });

  it('rows are in 記号・番号・枝番 order, numbers compared as numbers', () => {
    const at = (id: string, number: string, branch: string) =>
      returned(id, '2026-11-02', { person: { ...sampleItem(id).person, number, branch } });
    const result = buildReport(input({ items: [at('x', '100', '00'), at('y', '20', '01'), at('z', '20', '00')] }));
    expect(result.ok && result.report.itemIds).toEqual(['z', 'y', 'x']);
  });
});

describe('countWaiting', () => {
  it('counts what a report would hold, with or without a clerk saved', () => {
    const items = [
      returned('a', '2026-11-02'),
      returned('a', '2026-11-02'),
      returned('b', '2026-11-03'),
      returned('c', '2026-11-03'),
      sampleItem('open'),
    ];
    const noClerk = input({ items, clerk: { name: '', phone: '' }, reportedItemIds: new Set(['c']) });
    expect(buildReport(noClerk)).toEqual({ ok: false, reason: 'clerk_missing' });
    expect(countWaiting(noClerk)).toBe(2);
    expect(countWaiting({ ...noClerk, form: 'uncollectable' })).toBe(0);
    expect(countWaiting({ ...noClerk, scope: { kind: 'list', listId: 'list-2' } })).toBe(0);
  });
});

describe('staleItems', () => {
  it('names items reopened, changed form, gone or reported elsewhere since the report was built', () => {
    const items = new Map([
      ['ok', { status: 'returned' as const, unreturnableKind: null }],
      ['reopened', { status: 'to_collect' as const, unreturnableKind: null }],
      ['now-lost', { status: 'unreturnable' as const, unreturnableKind: 'lost' as const }],
      ['elsewhere', { status: 'returned' as const, unreturnableKind: null }],
    ]);
    const report = { form: 'return_notice' as const, itemIds: ['ok', 'reopened', 'now-lost', 'gone', 'elsewhere'] };
    expect(staleItems(report, items, new Set(['elsewhere']))).toEqual(['reopened', 'now-lost', 'gone', 'elsewhere']);
  });

  it("names items another tablet reported since (the insurer's mark came with a pull)", () => {
    const inReport = { reportId: '7d3b2c1a-0000-4000-8000-000000000002' };
    const items = new Map([
      ['ok', { status: 'returned' as const, unreturnableKind: null, inReport: null }],
      ['theirs', { status: 'returned' as const, unreturnableKind: null, inReport }],
    ]);
    expect(staleItems({ form: 'return_notice', itemIds: ['ok', 'theirs'] }, items, new Set())).toEqual(['theirs']);
  });
});

describe('reportCsvRows', () => {
  it('writes one row per item under the form headers, labels in Japanese', () => {
    const result = buildReport(input({ form: 'lost', items: [unreturnable('l', 'lost', '火災で焼失')] }));
    if (!result.ok) throw new Error(result.reason);
    const rows = reportCsvRows('lost', result.report.rows);
    expect(rows[0]).toContain('理由');
    expect(rows[1]).toEqual([
      '12',
      '345',
      '00',
      '髙橋 一郎',
      'タカハシ イチロウ',
      '1980-04-01',
      '男',
      '本人',
      '資格確認書',
      '火災で焼失',
    ]);
  });
});
