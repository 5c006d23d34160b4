import { describe, expect, it } from 'vitest';
import { matchScan, type ScannableItem } from './scan-match';

const item = (
  id: string,
  issueNo: string,
  symbol: string,
  number: string,
  branch: string,
  status: ScannableItem['status'] = 'to_collect',
): ScannableItem => ({
  id,
  issueNo,
  status,
  reason: 'got_myna',
  person: { symbol, number, branch },
});
const items = [
  item('a', '1234567890', '5021', '101', '00'),
  item('b', '1234567891', '5021', '101', '01', 'returned'),
  item('c', '', '5021', '202', '00'),
  item('d', '1234567893', '5021', '303', '00', 'unreturnable'),
];

describe('matching a scanned or typed code', () => {
  it('finds a certificate by its 発行No., typed in full-width digits too', () => {
    expect(matchScan('1234567890', items)).toMatchObject({ kind: 'to_collect', item: { id: 'a' } });
    expect(matchScan('１２３４５６７８９０', items)).toMatchObject({ kind: 'to_collect', item: { id: 'a' } });
  });

  it('finds one by 記号・番号・枝番 with any separator, and an old card that has no 発行No.', () => {
    expect(matchScan('5021-101-00', items)).toMatchObject({ kind: 'to_collect', item: { id: 'a' } });
    expect(matchScan('5021 202 0', items)).toMatchObject({ kind: 'to_collect', item: { id: 'c' } });
  });

  it('says when the certificate is already returned or marked as not returnable', () => {
    expect(matchScan('1234567891', items)).toMatchObject({ kind: 'already_returned', item: { id: 'b' } });
    expect(matchScan('5021-303-00', items)).toMatchObject({ kind: 'already_unreturnable', item: { id: 'd' } });
  });

  it('tells a newer certificate of a listed member from the one to collect', () => {
    expect(matchScan('5021-101-00 9999999999', items)).toMatchObject({ kind: 'other_certificate', item: { id: 'a' } });
  });

  it('recognises another office by its 記号, and otherwise says it is on no list', () => {
    expect(matchScan('7777-101-00', items)).toEqual({ kind: 'other_office' });
    expect(matchScan('5021-999-00', items)).toEqual({ kind: 'not_on_list' });
    expect(matchScan('0000000000', items)).toEqual({ kind: 'not_on_list' });
    expect(matchScan('abc', items)).toEqual({ kind: 'unreadable' });
  });
});
