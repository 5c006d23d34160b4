import { describe, expect, it } from 'vitest';
import { planImport } from './plan';
import type { ImportRow } from './validate';

const row = (issueNo: string, n: number): ImportRow => ({
  row: n,
  line: n + 1,
  issueNo,
  person: {
    name: `名前${n}`,
    kana: 'ナマエ',
    birthDate: '1980-01-01',
    sex: 'male',
    symbol: '1',
    number: String(n),
    branch: '00',
    insuredName: `名前${n}`,
  },
  relation: 'self',
  documentKind: 'certificate',
  reason: 'got_myna',
  lossDate: null,
  issuedOn: '2025-12-01',
  expiresOn: null,
  dueDate: '2026-01-01',
});

describe('planImport', () => {
  it('adds new rows and recognises rows already held by 発行No.', () => {
    const rows = [row('A1', 1), row('A2', 2), row('A3', 3)];
    const plan = planImport({ rows }, new Set(['A2', 'Z9']));
    expect(plan.toAdd.map((r) => r.issueNo)).toEqual(['A1', 'A3']);
    expect(plan.alreadyPresent.map((r) => r.issueNo)).toEqual(['A2']);
  });

  it('adds nothing when the same list is imported again', () => {
    const rows = [row('A1', 1), row('A2', 2)];
    const first = planImport({ rows }, new Set());
    const held = new Set(first.toAdd.map((r) => r.issueNo));
    const again = planImport({ rows }, held);
    expect(again.toAdd).toEqual([]);
    expect(again.alreadyPresent).toHaveLength(2);
  });
});
