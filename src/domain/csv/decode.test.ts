import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './decode';
import { CsvFileError, MAX_CSV_BYTES } from './errors';
import { fixture } from './fixtures.test-helper';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvFileError) return error.code;
    throw error;
  }
  return undefined;
}

describe('decodeCsvBytes', () => {
  it('reads plain UTF-8 and keeps 𠮷 (outside the BMP)', () => {
    const { text, encoding } = decodeCsvBytes(fixture('recall-utf8.csv'));
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('発行No.,')).toBe(true);
    expect(text).toContain('\u{20BB7}野 太郎');
  });

  it('detects and strips the UTF-8 BOM', () => {
    const { text, encoding } = decodeCsvBytes(fixture('recall-utf8-bom.csv'));
    expect(encoding).toBe('utf-8-bom');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('発行No.,')).toBe(true);
  });

  it('reads Shift_JIS (CP932) including the IBM extension kanji 髙 and 﨑 and half-width kana', () => {
    const { text, encoding } = decodeCsvBytes(fixture('recall-sjis.csv'));
    expect(encoding).toBe('shift_jis');
    expect(text).toContain('髙橋 一郎');
    expect(text).toContain('山﨑 花子');
    expect(text).toContain('齋藤 健');
    expect(text).toContain('渡邊 美咲');
    expect(text).toContain('ﾖｼﾉ ﾀﾛｳ');
    expect(text).not.toContain('\uFFFD');
  });

  it('reads NEC special characters from CP932', () => {
    // ① = 0x87 0x40, ㈱ = 0x87 0x8A in CP932.
    expect(decodeCsvBytes(Uint8Array.from([0x87, 0x40, 0x2c, 0x87, 0x8a])).text).toBe('①,㈱');
  });

  it('treats pure ASCII as UTF-8', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('a,b\n1,2\n'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
  });

  it.each([
    ['PNG', fixture('not-csv.png')],
    ['ZIP / xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['PDF', new TextEncoder().encode('%PDF-1.7\n')],
    ['OLE2 / xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
    ['NUL bytes', new TextEncoder().encode('a,b\n1,\u00002\n')],
    ['mostly control bytes', Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))],
  ])('refuses %s as not_csv', (_, bytes) => {
    expect(codeOf(() => decodeCsvBytes(bytes))).toBe('not_csv');
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS as wrong_encoding', () => {
    expect(codeOf(() => decodeCsvBytes(fixture('invalid-encoding.csv')))).toBe('wrong_encoding');
  });

  it('refuses a BOM followed by invalid UTF-8', () => {
    expect(codeOf(() => decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xff])))).toBe('wrong_encoding');
  });

  it('refuses UTF-16 (Excel 「Unicode テキスト」)', () => {
    expect(codeOf(() => decodeCsvBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0x00])))).toBe('unsupported_encoding');
  });

  it('refuses an empty file and one over the size limit', () => {
    expect(codeOf(() => decodeCsvBytes(new Uint8Array(0)))).toBe('empty_file');
    expect(codeOf(() => decodeCsvBytes(new Uint8Array(MAX_CSV_BYTES + 1)))).toBe('file_too_large');
  });
});
