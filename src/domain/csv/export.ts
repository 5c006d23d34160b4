/**
 * CSV for clerks to open in Excel: UTF-8 with a BOM (without it, Japanese Excel reads the file as
 * Shift_JIS and shows mojibake), CRLF line ends, and quotes only where a cell needs them.
 *
 * Formula injection: Excel runs a cell that starts with = + - @ (or a tab / CR before one) as a
 * formula, so a name like `=HYPERLINK("http://evil", "click")` from an insurer file or a typed note
 * would become a live link or worse on the clerk's PC. Such cells get a leading apostrophe, which
 * Excel shows as plain text (OWASP "CSV Injection"). Plain numbers such as -5 or +81 are left alone:
 * they are not formulas and an apostrophe would corrupt them. Full-width ＝＋－＠ are escaped too
 * because Japanese IME input produces them and some Excel versions convert them on entry.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)*$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export function toCsvCell(cell: string): string {
  const safe = escapeFormula(cell);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(toCsvCell).join(',')}\r\n`).join('');
}

const BOM = [0xef, 0xbb, 0xbf];

export function toExcelCsvBytes(rows: readonly (readonly string[])[]): Uint8Array {
  const body = new TextEncoder().encode(toCsv(rows));
  const bytes = new Uint8Array(BOM.length + body.length);
  bytes.set(BOM, 0);
  bytes.set(body, BOM.length);
  return bytes;
}
