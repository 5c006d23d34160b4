import { describe, expect, it } from 'vitest';
import { CsvFileError, MAX_DATA_ROWS } from './errors';
import { parseCsv } from './parse';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits simple rows', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it.each([
    ['LF', 'a,b\n1,2\n3,4'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['CR', 'a,b\r1,2\r3,4\r'],
  ])('accepts %s line ends with or without a final one', (_, text) => {
    expect(fieldsOf(text)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('handles quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'name,note\r\n"Santos, Maria","He said ""hi""\r\nthen left"\r\n"",x\r\n';
    expect(fieldsOf(text)).toEqual([
      ['name', 'note'],
      ['Santos, Maria', 'He said "hi"\r\nthen left'],
      ['', 'x'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c,\n,,,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', '', '', ''],
    ]);
    expect(fieldsOf('a,b,')).toEqual([['a', 'b', '']]);
  });

  it('skips blank lines, and a line of one empty field, which holds no one', () => {
    expect(fieldsOf('a\n\n\nb\n""\n')).toEqual([['a'], ['b']]);
  });

  it('records the physical line where each record starts', () => {
    // Excel's own shape: CRLF between rows, LF inside a cell.
    const records = parseCsv('h1,h2\r\n"multi\nline",x\r\n\r\nlast,y\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(fieldsOf('5"2,x\n')).toEqual([['5"2', 'x']]);
  });

  it('refuses text after a closing quote rather than guess where the field ends', () => {
    expect(() => parseCsv('a,b\n"ab"c,d\n')).toThrow(expect.objectContaining({ code: 'unterminated_quote', line: 2 }));
  });

  it('reports an unterminated quote with its line', () => {
    try {
      parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFileError);
      expect((error as CsvFileError).code).toBe('unterminated_quote');
      expect((error as CsvFileError).line).toBe(3);
    }
  });

  it('ignores a BOM left in the text', () => {
    expect(fieldsOf('\uFEFFa,b\n')).toEqual([['a', 'b']]);
  });

  it('reads tab-separated text when the header has tabs and no commas', () => {
    expect(fieldsOf('a\tb\n1,5\t2\n')).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('parses a 10,000-row file', () => {
    const row = '100000001,5115,554,00,髙橋 一郎,タカハシ イチロウ,1980-04-01,男,本人,,,マイナ保険証取得,,2025-12-01,,';
    const text = `header\n${Array.from({ length: 10_000 }, () => row).join('\n')}\n`;
    const records = parseCsv(text);
    expect(records).toHaveLength(10_001);
    expect(records[10_000]?.fields).toHaveLength(16);
    expect(records[10_000]?.line).toBe(10_001);
  });

  it('accepts exactly the row limit', () => {
    expect(parseCsv(`h\n${'1\n'.repeat(MAX_DATA_ROWS)}`)).toHaveLength(MAX_DATA_ROWS + 1);
  });

  it('stops a 1,000,000-row file with too_many_rows without reading it all', () => {
    // The unclosed quote at the very end would be an unterminated_quote error if the parser read that
    // far; getting too_many_rows instead proves it stopped at the limit.
    const text = `h\n${'1\n'.repeat(1_000_000)}"unclosed`;
    expect(() => parseCsv(text)).toThrow(expect.objectContaining({ code: 'too_many_rows' }));
    expect(() => parseCsv(text, { maxDataRows: 2_000_000 })).toThrow(
      expect.objectContaining({ code: 'unterminated_quote' }),
    );
  });

  it('refuses text over the size limit', () => {
    expect(() => parseCsv('a'.repeat(20 * 1024 * 1024 + 1))).toThrow(
      expect.objectContaining({ code: 'file_too_large' }),
    );
  });

  it('honours a smaller row limit', () => {
    expect(() => parseCsv('h\n1\n2\n3\n', { maxDataRows: 2 })).toThrow(
      expect.objectContaining({ code: 'too_many_rows' }),
    );
  });
});
