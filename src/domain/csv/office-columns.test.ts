import { describe, expect, it } from 'vitest';
import { findOfficeColumns, namesOffice, officeOfRow, officeRefKey } from './office-columns';

describe('office columns of an insurer’s file', () => {
  it('finds the code or 事業所整理記号 + 事業所番号 however they are spelt', () => {
    const columns = findOfficeColumns(['発行No.', '事業所 整理記号', '事業所番号', '氏名']);
    expect(columns).toEqual({ officeSymbol: 1, officeNumber: 2 });
    expect(namesOffice(columns)).toBe(true);
    expect(findOfficeColumns(['ＯＦＦＩＣＥ　ＣＯＤＥ'])).toEqual({ officeCode: 0 });
    // A symbol without its number cannot name an office; 番号 alone is the member's, not the office's.
    expect(namesOffice(findOfficeColumns(['事業所整理記号', '番号']))).toBe(false);
  });

  it('names a row’s office by its code first, folding full-width text; blank cells name none', () => {
    const columns = { officeCode: 0, officeSymbol: 1, officeNumber: 2 };
    expect(officeOfRow(['ＤＥＭＯ－１', '01-イロハ', '1'], columns)).toEqual({ kind: 'code', code: 'DEMO-1' });
    const bySymbol = officeOfRow([' ', '01-ｲﾛﾊ', '０１２３'], columns);
    expect(bySymbol).toEqual({ kind: 'symbol', symbol: '01-イロハ', number: '0123' });
    expect(officeOfRow(['', '01-イロハ', ''], columns)).toBeNull();
    expect(officeRefKey({ kind: 'code', code: 'A' })).not.toBe(
      officeRefKey({ kind: 'symbol', symbol: 'A', number: '' }),
    );
  });
});
