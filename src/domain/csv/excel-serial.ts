/**
 * An Excel serial date (days since 1899-12-30 in the 1900 date system, which every .xlsx written by
 * Excel for Windows or LibreOffice uses) → YYYY-MM-DD. A date cell without a date format reaches us as
 * this number. Only whole days from 1900-03-01 (61) to 2199-12-31 (109574) count: anything else in a
 * date column is not a date, and the 1900 leap-year bug's days (60 and before) never name a person's
 * birth date or a list's dates.
 */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const SERIAL = /^\d{2,6}(?:\.0+)?$/;

export function excelSerialToIso(cell: string): string | null {
  if (!SERIAL.test(cell)) return null;
  const serial = Number.parseFloat(cell);
  if (serial < 61 || serial > 109_574) return null;
  return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
}
