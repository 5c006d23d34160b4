import { CsvFileError, MAX_CSV_BYTES, MAX_DATA_ROWS } from './errors';

/**
 * RFC 4180 CSV → records, in one pass over the string: quoted fields, doubled quotes, CRLF / LF / CR
 * line ends, line breaks inside quotes, and an optional final line break.
 *
 * Lenient where spreadsheets are sloppy and the intent is clear: a quote inside an unquoted field is
 * kept as a character, and text after a closing quote is appended. Strict where data would be lost:
 * a quote that is never closed would swallow the rest of the file, so it is a file error.
 *
 * It stops as soon as the data rows exceed the limit, so a 1,000,000-row file costs no more than
 * 20,001 rows.
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

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

// A JS string of this many UTF-16 units is at least this many bytes in any encoding we accept.
const MAX_TEXT_LENGTH = MAX_CSV_BYTES;

export function parseCsv(text: string, options: ParseOptions = {}): CsvRecord[] {
  if (text.length > MAX_TEXT_LENGTH) throw new CsvFileError('file_too_large');
  const maxRecords = (options.maxDataRows ?? MAX_DATA_ROWS) + 1; // + the header
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = (options.delimiter ?? detectDelimiter(text, start)).charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = start;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        quotedAny = true;
        i += 1;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) throw new CsvFileError('unterminated_quote', line);
          value += text.slice(i, close);
          line += countLineBreaks(text, i, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
      }
      const fieldStart = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === delimiter || c === CR || c === LF) break;
        i += 1;
      }
      value += text.slice(fieldStart, i);
      fields.push(value);

      const c = text.charCodeAt(i);
      if (c === delimiter) {
        i += 1;
        // "a,b," at the very end of the text still has an empty last field.
        if (i === n) fields.push('');
        else continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i += 1;
      if (c === CR || c === LF) line += 1;
      endOfRecord = true;
    }
    // A blank line is not a record (RFC 4180 would make it one empty field; nobody means that).
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue;
    records.push({ fields, line: recordLine });
    if (records.length > maxRecords) throw new CsvFileError('too_many_rows');
  }
  return records;
}

function detectDelimiter(text: string, start: number): ',' | '\t' {
  const lineEnd = text.slice(start, start + 4096).search(/[\r\n]/);
  const firstLine = text.slice(start, lineEnd === -1 ? start + 4096 : start + lineEnd);
  return !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count += 1;
  }
  return count;
}
