import Papa from 'papaparse';
import { CsvFileError, MAX_CSV_BYTES, MAX_DATA_ROWS } from './errors';

/**
 * CSV text → records, with Papa Parse (docs/decisions/015-csv-parser.md): quoted fields, doubled
 * quotes, CRLF / LF / CR line ends, line breaks inside quotes (Excel writes LF inside a cell and CRLF
 * between rows), and an optional final line break.
 *
 * A quote that is never closed would swallow the rest of the file, so it is a file error with the
 * line where the quote opens. A quote inside an unquoted field is kept as a character.
 *
 * Papa Parse stops after the row limit (its `preview`), so a 1,000,000-row file costs no more than
 * 20,000 rows.
 */
export type CsvRecord = {
  fields: string[];
  /** The physical line where the record starts, 1-based. */
  line: number;
};

export type ParseOptions = {
  maxDataRows?: number;
  /** Default: a comma, or a tab when the first line has tabs but no commas (Excel's タブ区切り). */
  delimiter?: ',' | '\t';
};

// A JS string of this many UTF-16 units is at least this many bytes in any encoding we accept.
const MAX_TEXT_LENGTH = MAX_CSV_BYTES;
// Blank lines are rows to Papa Parse but not records to us: a few spare rows over the limit let a
// file of exactly the limit with a final line break (or a blank line or two) through.
const BLANK_LINE_SLACK = 16;

export function parseCsv(text: string, options: ParseOptions = {}): CsvRecord[] {
  if (text.length > MAX_TEXT_LENGTH) throw new CsvFileError('file_too_large');
  const maxRecords = (options.maxDataRows ?? MAX_DATA_ROWS) + 1; // + the header
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const preview = maxRecords + BLANK_LINE_SLACK;
  const parsed = Papa.parse<string[]>(body, { delimiter, quoteChar: '"', skipEmptyLines: false, preview });

  const records: CsvRecord[] = [];
  const lines: number[] = [];
  let line = 1;
  parsed.data.forEach((fields) => {
    lines.push(line);
    const recordLine = line;
    // The next record starts one line break further, plus those inside this one's quoted cells.
    line += 1;
    for (const field of fields) if (field.includes('\n') || field.includes('\r')) line += countLineBreaks(field);
    // A blank line is not a record (RFC 4180 would make it one empty field; nobody means that).
    if (fields.length === 1 && fields[0] === '') return;
    records.push({ fields, line: recordLine });
  });
  // `truncated`: Papa Parse stopped at `preview` with text left over.
  if (records.length > maxRecords || parsed.meta.truncated) throw new CsvFileError('too_many_rows');
  const unclosed = parsed.errors.find((error) => error.code === 'MissingQuotes');
  if (unclosed) throw new CsvFileError('unterminated_quote', lines[unclosed.row ?? 0] ?? line);
  return records;
}

function detectDelimiter(text: string): ',' | '\t' {
  const head = text.slice(0, 4096);
  const lineEnd = head.search(/[\r\n]/);
  const firstLine = lineEnd === -1 ? head : head.slice(0, lineEnd);
  return !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
}

function countLineBreaks(field: string): number {
  let count = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && field.charCodeAt(i + 1) !== 0x0a)) count += 1;
  }
  return count;
}
