import { createHash } from 'node:crypto';
import { type PublishRequest, PublishRow } from '../../src/api/insurer-schemas';
import { FIELD_HEADERS, missingFields, suggestMapping } from '../../src/domain/csv/columns';
import { decodeCsvBytes } from '../../src/domain/csv/decode';
import { CsvFileError } from '../../src/domain/csv/errors';
import {
  findOfficeColumns,
  namesOffice,
  OFFICE_HEADERS,
  type OfficeRef,
  officeOfRow,
  officeRefKey,
} from '../../src/domain/csv/office-columns';
import { type CsvRecord, parseCsv } from '../../src/domain/csv/parse';
import { validateRows } from '../../src/domain/csv/validate';
import type { Queryable } from '../db/database';
import { yieldToEventLoop } from '../db/yield';
import { ProblemError } from '../http/problem';
import { type RowLocator, type RowProblem, rowsInvalid } from './publish';
import type { StaffSession } from './staff-auth';
import { asValueMapping, insurerValueMappings } from './value-mappings';

/**
 * An insurer's monthly file as CSV (docs/decisions/029-insurer-csv-publish-and-scale.md): the tablet's
 * own importer (src/domain/csv: encoding detection for UTF-8 / Shift_JIS, Papa Parse, the header and
 * value mapping, the row checks) reads it, office by office, so a file the tablet would import is a
 * file the API publishes, with the same wordings accepted. The rows that pass become the JSON
 * upload's PublishRows, and from there the two paths are one (checkRows, publish).
 */
export type CsvUpload = {
  period: string;
  title: string;
  bytes: Uint8Array;
  /** Japan's calendar day: the due date of a row without 期限 is counted from it (due-dates.ts). */
  today: string;
};

export type ReadCsvUpload = { request: PublishRequest; locate: RowLocator; digest: string };

const FILE_MESSAGES: Record<string, string> = {
  empty_file: 'The file is empty',
  not_csv: 'The file is not a CSV (a spreadsheet, PDF or image?)',
  wrong_encoding: 'The file is neither UTF-8 nor Shift_JIS',
  unsupported_encoding: 'UTF-16 files are not read; save as CSV (UTF-8) or CSV',
  file_too_large: 'The file is too large',
  too_many_rows: 'The file has more rows than one upload may carry',
  unterminated_quote: 'A quoted cell is never closed',
};

const fileInvalid = (code: string, line?: number) =>
  new ProblemError(422, 'csv_invalid', 'The file cannot be read as a recall list', FILE_MESSAGES[code], [
    { path: 'file', message: FILE_MESSAGES[code] ?? code, code, ...(line === undefined ? {} : { line }) },
  ]);

/**
 * Reads the CSV into a publish request, or throws a 422 naming every bad row (nothing published):
 * file errors (`csv_invalid`), missing columns (`missing_columns`), then every row problem of every
 * office at once (`rows_invalid`, paths `rows.<data row>.<field>` with the file's line).
 */
export async function readCsvUpload(db: Queryable, session: StaffSession, upload: CsvUpload): Promise<ReadCsvUpload> {
  let records: CsvRecord[];
  try {
    records = parseCsv(decodeCsvBytes(upload.bytes).text);
  } catch (error) {
    if (error instanceof CsvFileError) throw fileInvalid(error.code, error.line);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw fileInvalid('empty_file');
  const headers = header.fields.map((h) => h.trim());
  const { mapping } = suggestMapping(headers);
  const officeColumns = findOfficeColumns(headers);
  const missing = missingFields(mapping).map((field) => FIELD_HEADERS[field][0] ?? field);
  if (!namesOffice(officeColumns))
    missing.unshift(
      `${OFFICE_HEADERS.officeCode[0]} / ${OFFICE_HEADERS.officeSymbol[0]}+${OFFICE_HEADERS.officeNumber[0]}`,
    );
  if (missing.length > 0)
    throw new ProblemError(
      422,
      'missing_columns',
      'The file lacks columns every row needs',
      `Missing: ${missing.join(', ')}`,
      missing.map((column) => ({ path: 'columns', message: column, code: 'missing_columns', line: 1 })),
    );

  const problems: RowProblem[] = [];
  // Rows by office, in file order; the blank rows spreadsheets leave below the data are not rows.
  const groups = new Map<string, { ref: OfficeRef; indexes: number[] }>();
  data.forEach((record, index) => {
    if (record.fields.every((f) => f.trim() === '')) return;
    const ref = officeOfRow(record.fields, officeColumns);
    if (!ref) {
      problems.push({
        path: `rows.${index + 1}.officeCode`,
        message: 'the row names no office',
        line: record.line,
        code: 'required',
      });
      return;
    }
    const key = officeRefKey(ref);
    const group = groups.get(key) ?? { ref, indexes: [] };
    group.indexes.push(index);
    groups.set(key, group);
  });

  // The insurer's answers for its own wordings, as the tablet's import uses the clerk's (docs/decisions/032).
  const valueMapping = asValueMapping(await insurerValueMappings(db, session.insurerId));
  const codes = await officeCodes(
    db,
    session,
    [...groups.values()].map((g) => g.ref),
  );
  const rows: PublishRow[] = [];
  const dataIndexOfRow: number[] = [];
  for (const [key, group] of groups) {
    const code = codes.get(key);
    if (typeof code !== 'string') {
      for (const index of group.indexes)
        problems.push({
          path: `rows.${index + 1}.officeCode`,
          message:
            code === 'ambiguous'
              ? 'more than one office of this insurer has this 事業所整理記号・事業所番号; name it by its code'
              : 'no enabled office of this insurer is named so',
          line: data[index]?.line ?? 0,
          code: code === 'ambiguous' ? 'ambiguous_office' : 'unknown_office',
        });
      continue;
    }
    // One office's rows are one list, checked as the tablet checks the list it imports (a 発行No.
    // once per list, a dependant's 被保険者氏名, a lost eligibility's date…).
    // The checks are synchronous: one office's rows at a time, then the requests waiting meanwhile.
    await yieldToEventLoop();
    const groupRecords = group.indexes.map((i) => data[i] as CsvRecord);
    const validated = validateRows(groupRecords, headers, mapping, { today: upload.today, valueMapping });
    const dataRow = (groupRow: number) => (group.indexes[groupRow - 1] ?? 0) + 1;
    for (const error of validated.errors)
      problems.push({
        path: `rows.${dataRow(error.row)}.${error.field || 'row'}`,
        message: `${error.column || 'row'}: ${error.code}${error.value ? ` (${error.value})` : ''}`,
        line: error.line,
        code: error.code,
      });
    for (const row of validated.rows) {
      const candidate = {
        officeCode: code,
        symbol: row.person.symbol,
        number: row.person.number,
        branch: row.person.branch,
        relation: row.relation,
        name: row.person.name,
        kana: row.person.kana,
        birthDate: row.person.birthDate,
        sex: row.person.sex,
        documentKind: row.documentKind,
        reason: row.reason,
        issueNo: row.issueNo,
        issuedOn: row.issuedOn,
        expiresOn: row.expiresOn,
        lossDate: row.lossDate,
        dueDate: row.dueDate,
      };
      // The API's contract is the last word on what is stored (its limits differ from the tablet's in places).
      const parsed = PublishRow.safeParse(candidate);
      const at = dataRow(row.row);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({
            path: `rows.${at}.${issue.path.map(String).join('.')}`,
            message: issue.message,
            line: row.line,
            code: 'invalid',
          });
        continue;
      }
      rows.push(parsed.data);
      dataIndexOfRow.push(at - 1);
    }
  }
  if (problems.length > 0) throw rowsInvalid(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  if (rows.length === 0) throw fileInvalid('empty_file');

  const digest = createHash('sha256')
    .update(`csv:${upload.period}\u0000${upload.title}\u0000`)
    .update(upload.bytes)
    .digest('hex');
  return {
    request: { period: upload.period, title: upload.title, rows },
    locate: (index) => {
      const dataIndex = dataIndexOfRow[index] ?? 0;
      return { path: `rows.${dataIndex + 1}`, line: data[dataIndex]?.line ?? 0 };
    },
    digest,
  };
}

/**
 * The code of the enabled office of this insurer each reference names, by reference key; 'ambiguous'
 * when a 事業所整理記号・番号 names several. Another insurer's office is not found, like a missing one.
 */
async function officeCodes(
  db: Queryable,
  session: StaffSession,
  refs: readonly OfficeRef[],
): Promise<Map<string, string | 'ambiguous'>> {
  const codes = [...new Set(refs.flatMap((r) => (r.kind === 'code' ? [r.code] : [])))];
  const wanted = new Set(codes);
  const symbols = [...new Set(refs.flatMap((r) => (r.kind === 'symbol' ? [r.symbol] : [])))];
  const found = await db.query<{ code: string; office_symbol: string | null; office_number: string | null }>(
    `select code, office_symbol, office_number from offices
      where insurer_id = $1 and disabled_at is null and (code = any($2::text[]) or office_symbol = any($3::text[]))`,
    [session.insurerId, codes, symbols],
  );
  const result = new Map<string, string | 'ambiguous'>();
  for (const office of found.rows) {
    if (wanted.has(office.code)) result.set(officeRefKey({ kind: 'code', code: office.code }), office.code);
    if (office.office_symbol === null || office.office_number === null) continue;
    const key = officeRefKey({ kind: 'symbol', symbol: office.office_symbol, number: office.office_number });
    result.set(key, result.has(key) ? 'ambiguous' : office.code);
  }
  return result;
}
