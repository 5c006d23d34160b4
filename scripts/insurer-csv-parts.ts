import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import { findOfficeColumns, type OfficeColumns, officeOfRow, officeRefKey } from '../src/domain/csv/office-columns';

/**
 * An insurer's month as one CSV file is larger than one upload may be (20,000 rows, 12 MiB: the
 * publish route reads an upload whole to check every row before publishing any). The CLI therefore
 * sends a larger file as parts of whole offices, one after another, reading it as a stream so its
 * memory is one part, not the file (docs/decisions/032-set-based-publish.md):
 *
 * - pass 1 reads the file once: the encoding (as the tablet's import detects it: a BOM or valid
 *   UTF-8, else Shift_JIS), the rows, and that every office's rows are together (an office's rows
 *   split over two parts would be two lists, or with one key the second part skipped as published);
 * - pass 2 reads it again and yields parts of at most `maxRows` rows, each the header and whole
 *   offices, as UTF-8 with a BOM, with the map from a part's lines and rows back to the file's.
 *
 * Records are found by quote parity (a line break inside a quoted cell is not a record's end), so a
 * part holds the file's own text; the server parses it with the tablet's importer as always.
 */
export type CsvPart = {
  body: string;
  rows: number;
  /** The file's line and data row of a part's line and data row, for the server's problems. */
  fileLine(partLine: number): number;
  fileRow(partRow: number): number;
};

export class CsvSplitError extends Error {}

type CsvRecordText = { text: string; line: number; lines: number };

async function detectEncoding(path: string): Promise<'utf-8' | 'shift_jis'> {
  const handle = await open(path);
  try {
    const head = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    try {
      // stream: a character cut at the sample's end is not an error
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, bytesRead), { stream: true });
      return 'utf-8';
    } catch {
      return 'shift_jis';
    }
  } finally {
    await handle.close();
  }
}

/** The file's records, as text, with the physical line each starts on. */
async function* records(path: string, encoding: string, hash?: (bytes: Buffer) => void) {
  const decoder = new TextDecoder(encoding); // strips a UTF-8 BOM
  let pending = '';
  let record: string[] = [];
  let quotes = 0;
  let line = 1;
  let start = 1;
  const take = function* (text: string, last: boolean): Generator<CsvRecordText> {
    pending += text;
    let from = 0;
    for (;;) {
      const at = pending.indexOf('\n', from);
      if (at < 0) break;
      const physical = pending.slice(from, at).replace(/\r$/, '');
      from = at + 1;
      yield* push(physical);
    }
    pending = pending.slice(from);
    if (last && pending !== '') {
      const rest = pending;
      pending = '';
      yield* push(rest.replace(/\r$/, ''));
    }
  };
  const push = function* (physical: string): Generator<CsvRecordText> {
    if (record.length === 0) start = line;
    record.push(physical);
    line += 1;
    for (let i = physical.indexOf('"'); i >= 0; i = physical.indexOf('"', i + 1)) quotes += 1;
    if (quotes % 2 === 0) {
      yield { text: record.join('\n'), line: start, lines: record.length };
      record = [];
      quotes = 0;
    }
  };
  for await (const chunk of createReadStream(path)) {
    hash?.(chunk as Buffer);
    yield* take(decoder.decode(chunk as Buffer, { stream: true }), false);
  }
  yield* take(decoder.decode(), true);
  // An unclosed quote: send the rest as it is, the server names the line.
  if (record.length > 0) yield { text: record.join('\n'), line: start, lines: record.length };
}

function fieldsOf(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  return (Papa.parse<string[]>(text, { delimiter, quoteChar: '"' }).data[0] ?? []) as string[];
}

type Header = { text: string; delimiter: string; columns: OfficeColumns };
const headerOf = (text: string): Header => {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = body.includes('\t') && !body.includes(',') ? '\t' : ',';
  return { text: body, delimiter, columns: findOfficeColumns(fieldsOf(body, delimiter).map((h) => h.trim())) };
};
const officeKey = (h: Header, text: string) => {
  const ref = officeOfRow(fieldsOf(text, h.delimiter), h.columns);
  return ref ? officeRefKey(ref) : '';
};
const blank = (text: string) => /^[\s,\t]*$/.test(text);

export type CsvFilePlan = { encoding: 'utf-8' | 'shift_jis'; rows: number; offices: number; digest: string };

/** Pass 1: reads the whole file once and refuses one whose offices' rows are not together. */
export async function planCsvFile(path: string, period: string, title: string): Promise<CsvFilePlan> {
  const encoding = await detectEncoding(path);
  const hash = createHash('sha256').update(`csv-parts:${period}\u0000${title}\u0000`);
  let header: Header | undefined;
  const done = new Set<string>();
  let current: string | undefined;
  let rows = 0;
  for await (const record of records(path, encoding, (bytes) => hash.update(bytes))) {
    if (record.text === '') continue; // an empty line is no record (parseCsv)
    if (!header) {
      header = headerOf(record.text);
      continue;
    }
    if (blank(record.text)) continue;
    rows += 1;
    const key = officeKey(header, record.text);
    if (key === current) continue;
    if (current !== undefined) done.add(current);
    if (done.has(key))
      throw new CsvSplitError(
        `line ${record.line}: this office’s rows are not together with its earlier rows; a file of more than one upload must list each office’s rows together (sort it by office)`,
      );
    current = key;
  }
  if (current !== undefined) done.add(current);
  return { encoding, rows, offices: done.size, digest: hash.digest('hex') };
}

/** Pass 2: the file as parts of whole offices, at most `maxRows` rows each (an office larger than that is a part of its own). */
export async function* csvParts(path: string, plan: CsvFilePlan, maxRows: number): AsyncGenerator<CsvPart> {
  let header: Header | undefined;
  let part: CsvRecordText[] = [];
  let office: CsvRecordText[] = [];
  let officeKeyNow: string | undefined;
  let partRows = 0;
  let dataRow = 0;
  let firstRowOfPart = 1;
  let firstRowOfOffice = 1;
  const make = (recordsOfPart: CsvRecordText[], firstRow: number): CsvPart => {
    const h = header as Header;
    // A part's line of each record: the header is line 1.
    const starts: { part: number; file: number }[] = [];
    let line = 2;
    for (const r of recordsOfPart) {
      starts.push({ part: line, file: r.line });
      line += r.lines;
    }
    return {
      body: `\uFEFF${[h.text, ...recordsOfPart.map((r) => r.text)].join('\r\n')}\r\n`,
      rows: recordsOfPart.filter((r) => !blank(r.text)).length,
      fileLine(partLine) {
        if (partLine <= 1) return 1;
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid]?.part ?? 0) <= partLine) lo = mid;
          else hi = mid - 1;
        }
        const at = starts[lo] ?? { part: 2, file: 2 };
        return at.file + (partLine - at.part);
      },
      fileRow: (partRow) => firstRow + partRow - 1,
    };
  };
  for await (const record of records(path, plan.encoding)) {
    if (record.text === '') continue; // an empty line is no record (parseCsv), so no row either
    if (!header) {
      header = headerOf(record.text);
      continue;
    }
    dataRow += 1;
    const isBlank = blank(record.text);
    const key = isBlank ? officeKeyNow : officeKey(header, record.text);
    if (key !== officeKeyNow && office.length > 0) {
      // The office before is complete: into this part if it fits, else the part goes first.
      const rowsOfOffice = office.filter((r) => !blank(r.text)).length;
      if (partRows > 0 && partRows + rowsOfOffice > maxRows) {
        yield make(part, firstRowOfPart);
        part = [];
        partRows = 0;
        firstRowOfPart = firstRowOfOffice;
      }
      part.push(...office);
      partRows += rowsOfOffice;
      office = [];
      firstRowOfOffice = dataRow;
    }
    officeKeyNow = key;
    office.push(record);
  }
  const rowsOfOffice = office.filter((r) => !blank(r.text)).length;
  if (partRows > 0 && partRows + rowsOfOffice > maxRows) {
    yield make(part, firstRowOfPart);
    part = [];
    firstRowOfPart = firstRowOfOffice;
  }
  part.push(...office);
  if (part.length > 0) yield make(part, firstRowOfPart);
}
