import { describe, expect, it } from 'vitest';
import { escapeFormula, toCsv, toExcelCsvBytes } from './export';

describe('toCsv', () => {
  it('joins with commas and CRLF and quotes only where needed', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['Santos, Maria', 'say "hi"', 'two\nlines', ' padded'],
      ]),
    ).toBe('a,b\r\n"Santos, Maria","say ""hi""","two\nlines"," padded"\r\n');
  });

  it('writes an empty table as nothing', () => {
    expect(toCsv([])).toBe('');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+81-90-1234-5678', "'+81-90-1234-5678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
    ['＝1+1', "'＝1+1"],
  ])('defuses the formula %j', (cell, written) => {
    expect(toCsv([[cell]])).toBe(`${written}\r\n`);
  });

  it.each(['-5', '+81', '-1.5', '2025-12-01', '100000001', 'a=b', '髙橋 一郎', '<img src=x onerror=alert(1)>'])(
    'leaves %j alone',
    (cell) => {
      expect(escapeFormula(cell)).toBe(cell);
    },
  );
});

describe('toExcelCsvBytes', () => {
  it('is UTF-8 with a BOM', () => {
    const bytes = toExcelCsvBytes([['氏名'], ['\u{20BB7}野']]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('氏名\r\n\u{20BB7}野\r\n');
  });
});
