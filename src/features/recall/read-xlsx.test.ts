import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRecallRecords, parseRecallCsv } from '../../domain/csv/import-csv';
import { readXlsxRecords, XlsxFileError } from './read-xlsx';

const fixture = (name: string) => {
  const bytes = readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const today = '2025-12-15';

describe('readXlsxRecords', () => {
  it('reads the .xlsx LibreOffice wrote into the same rows as its CSV twin', async () => {
    const sheet = await readXlsxRecords(fixture('twin.xlsx'));
    expect(sheet.sheets).toEqual(['twin']);
    // A date cell (a serial with a date format) becomes YYYY-MM-DD; 和暦 text stays text.
    expect(sheet.records[1]?.fields.slice(8, 12)).toEqual(['昭和50年4月1日', '男', '2025-11-01', '2030-11-30']);
    const fromXlsx = checkRecallRecords(
      sheet.records,
      { kind: 'xlsx', sheet: sheet.sheet, sheets: sheet.sheets },
      { today },
    );
    const fromCsv = parseRecallCsv(new Uint8Array(fixture('twin.csv')), { today });
    if (!fromXlsx.ok || !fromCsv.ok) throw new Error('not read');
    expect(fromXlsx.rows).toHaveLength(7);
    expect(fromXlsx.rows).toEqual(fromCsv.rows);
    expect(fromXlsx.rows.map((row) => row.person.name)).toContain('ﾔﾏﾀﾞ ﾀﾛｳ');
    expect(fromXlsx.rows[0]).toMatchObject({
      issuedOn: '2025-11-01',
      person: { birthDate: '1975-04-01', branch: '00' },
    });
  });

  it('reads a date column of bare serial numbers as dates', () => {
    const records = [
      {
        fields: ['発行No.', '記号', '番号', '枝番', '氏名', 'フリガナ', '生年月日', '性別', '回収理由', '交付年月日'],
        line: 1,
      },
      { fields: ['1', '7001', '1', '0', '山田', 'ヤマダ', '27485', '1', 'マイナ保険証取得', '45962'], line: 2 },
    ];
    const result = checkRecallRecords(records, { kind: 'xlsx', sheet: 's', sheets: ['s'] }, { today });
    expect(result.ok && result.rows[0]).toMatchObject({ issuedOn: '2025-11-01', person: { birthDate: '1975-04-01' } });
    // The same digits in a CSV are no date.
    const csv = checkRecallRecords(records, { kind: 'csv', encoding: 'utf-8' }, { today });
    expect(csv.ok && csv.rowErrors.map((error) => error.code)).toEqual(['invalid_date', 'invalid_date']);
  });

  it('refuses a sheet that is not there, and a file that is no workbook', async () => {
    await expect(readXlsxRecords(fixture('twin.xlsx'), 'Sheet9')).rejects.toEqual(new XlsxFileError('sheet_not_found'));
    const zipOfNothing = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]).buffer;
    await expect(readXlsxRecords(zipOfNothing)).rejects.toMatchObject({ code: 'not_xlsx' });
  });
});

describe('a workbook past the row limit', () => {
  it('is refused like a CSV', () => {
    const header = { fields: ['発行No.'], line: 1 };
    const rows = Array.from({ length: 20_001 }, (_, i) => ({ fields: [String(i)], line: i + 2 }));
    expect(checkRecallRecords([header, ...rows], { kind: 'xlsx', sheet: 's', sheets: ['s'] })).toMatchObject({
      ok: false,
      error: 'too_many_rows',
    });
  });
});
