import readXlsxFile, { InvalidInputError, type SheetData } from 'read-excel-file/universal';
import type { CsvRecord } from '../../domain/csv/parse';
import { readPlainWorkbook } from './xlsx-fast';

/**
 * An .xlsx workbook → the records of one sheet, in the shape the CSV importer checks (the header
 * first), read with read-excel-file (docs/decisions/016-xlsx-reader.md). Loaded by the import
 * worker only when the picked file is a workbook, as its own chunk.
 *
 * Cells become the text a clerk would see: a date cell (a serial with a date format) becomes
 * YYYY-MM-DD, a number its digits (a date column's number without a date format is an Excel serial,
 * which validate.ts reads as one), 和暦 text stays text for parse-date.ts.
 *
 * A plain workbook (what Excel and LibreOffice write for a list) takes the quick way (xlsx-fast.ts,
 * docs/decisions/031-xlsx-fast-path.md), with the same text per cell; anything else, and anything the
 * quick way cannot account for, is read by read-excel-file.
 */
export type XlsxSheet = { sheets: string[]; sheet: string; records: CsvRecord[] };

export class XlsxFileError extends Error {
  constructor(readonly code: 'not_xlsx' | 'sheet_not_found' | 'empty_file') {
    super(code);
    this.name = 'XlsxFileError';
  }
}

export async function readXlsxRecords(bytes: ArrayBuffer, sheetName?: string): Promise<XlsxSheet> {
  const plain = await readPlainWorkbook(new Uint8Array(bytes), sheetName).catch(() => null);
  if (plain) {
    const records = plain.rows.map((fields, index) => ({ fields, line: index + 1 }));
    return { sheets: plain.sheets, sheet: plain.sheet, records };
  }
  return readWithLibrary(bytes, sheetName);
}

/** read-excel-file, for every workbook the quick way declines. */
export async function readWithLibrary(bytes: ArrayBuffer, sheetName?: string): Promise<XlsxSheet> {
  let sheets: { sheet: string; data: SheetData }[];
  try {
    sheets = await readXlsxFile(bytes);
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof Error) throw new XlsxFileError('not_xlsx');
    throw error;
  }
  const names = sheets.map((sheet) => sheet.sheet);
  // The first sheet, unless the clerk picked another.
  const chosen = sheetName === undefined ? sheets[0] : sheets.find((sheet) => sheet.sheet === sheetName);
  if (!chosen) throw new XlsxFileError(sheetName === undefined ? 'empty_file' : 'sheet_not_found');
  return { sheets: names, sheet: chosen.sheet, records: toRecords(chosen.data) };
}

function toRecords(data: SheetData): CsvRecord[] {
  // A sheet's row n is line n, as the clerk sees it in Excel.
  return data.map((row, index) => ({ fields: row.map(cellText), line: index + 1 }));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // read-excel-file gives the serial's day at 00:00 UTC.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  return String(value);
}
