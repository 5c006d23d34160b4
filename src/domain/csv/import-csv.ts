import { type ColumnMapping, type ImportField, isValidMapping, missingFields, suggestMapping } from './columns';
import { type CsvEncoding, decodeCsvBytes } from './decode';
import { CsvFileError, type CsvFileErrorCode, type CsvRowError, type CsvRowWarning, MAX_DATA_ROWS } from './errors';
import { type CsvRecord, parseCsv } from './parse';
import { planImport } from './plan';
import { type ImportRow, type SetAsideRow, validateRows } from './validate';
import type { UnknownValue, ValueMapping } from './values';

/**
 * The importer's entry points: bytes of an uploaded CSV (parseRecallCsv), or the records of a sheet
 * read from an .xlsx (checkRecallRecords) → a plan the UI shows before saving.
 *
 * Flow for the UI: call without `mapping`. On `missing_columns`, show the column-mapping step with
 * `headers` and `suggestedMapping`, then call again with the clerk's `mapping`. Otherwise the result
 * is ok: `toAdd` ready rows, `setAside` rows with problems (never imported; downloadable with their
 * reasons), `unknownValues` for the value-mapping step (call again with `valueMapping`).
 */
export type ImportOptions = {
  mapping?: ColumnMapping;
  /** The clerk's answers for coded values the app does not know (values.ts). */
  valueMapping?: ValueMapping;
  /** 発行No. of items already held, so a re-import adds only new ones. */
  existingIssueNos?: ReadonlySet<string>;
  /** For due dates of rows without a 期限 (see due-dates.ts). */
  today?: string;
  nextListDate?: string;
};

/** What the file was read as: a CSV in an encoding, or one sheet of an Excel workbook. */
export type ImportSource = { kind: 'csv'; encoding: CsvEncoding } | { kind: 'xlsx'; sheet: string; sheets: string[] };

export type ImportResult =
  | {
      ok: true;
      /** For a CSV; absent for a workbook (see `source`). */
      encoding?: CsvEncoding;
      source: ImportSource;
      headers: string[];
      mapping: ColumnMapping;
      rows: ImportRow[];
      toAdd: ImportRow[];
      alreadyPresent: ImportRow[];
      setAside: SetAsideRow[];
      /** Every error of the set-aside rows, flat (the first MAX_REPORTED_ROW_ERRORS; `rowErrorCount` is the total). */
      rowErrors: CsvRowError[];
      rowErrorCount: number;
      warnings: CsvRowWarning[];
      unknownValues: UnknownValue[];
    }
  | {
      ok: false;
      error: CsvFileErrorCode;
      /** For unterminated_quote: where the open quote starts. */
      line?: number;
      encoding?: CsvEncoding;
      source?: ImportSource;
      headers?: string[];
      suggestedMapping?: ColumnMapping;
      missingColumns?: ImportField[];
    };

// Grouped for display (problems.ts); the set-aside rows keep every error for the download anyway.
export const MAX_REPORTED_ROW_ERRORS = 20_000;

export function parseRecallCsv(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  let encoding: CsvEncoding | undefined;
  try {
    const decoded = decodeCsvBytes(bytes);
    encoding = decoded.encoding;
    return checkRecallRecords(parseCsv(decoded.text), { kind: 'csv', encoding }, options);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    return {
      ok: false,
      error: error.code,
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(encoding ? { encoding, source: { kind: 'csv' as const, encoding } } : {}),
    };
  }
}

/** Records (the header first) of a CSV or of a workbook's sheet → the import's plan. */
export function checkRecallRecords(
  records: readonly CsvRecord[],
  source: ImportSource,
  options: ImportOptions = {},
): ImportResult {
  const encoding = source.kind === 'csv' ? source.encoding : undefined;
  const about = { ...(encoding ? { encoding } : {}), source };
  const [header, ...data] = records;
  if (!header) return { ok: false, error: 'empty_file', ...about };
  // parseCsv stops at the limit itself; a workbook's sheet arrives whole.
  if (data.length > MAX_DATA_ROWS) return { ok: false, error: 'too_many_rows', ...about };
  const headers = header.fields.map((h) => h.trim());
  const suggested = suggestMapping(headers);

  let mapping = suggested.mapping;
  if (options.mapping) {
    if (!isValidMapping(options.mapping, headers.length))
      return { ok: false, error: 'invalid_mapping', ...about, headers, suggestedMapping: suggested.mapping };
    mapping = options.mapping;
  }
  const missing = missingFields(mapping);
  if (missing.length > 0)
    return {
      ok: false,
      error: 'missing_columns',
      ...about,
      headers,
      suggestedMapping: suggested.mapping,
      missingColumns: missing,
    };

  const validated = validateRows(data, headers, mapping, {
    ...(options.today ? { today: options.today } : {}),
    ...(options.nextListDate ? { nextListDate: options.nextListDate } : {}),
    ...(options.valueMapping ? { valueMapping: options.valueMapping } : {}),
    ...(source.kind === 'xlsx' ? { excelSerials: true } : {}),
  });
  const setAside = validated.setAside ?? [];
  if (validated.rows.length === 0 && setAside.length === 0)
    return { ok: false, error: 'no_data_rows', ...about, headers };
  const plan = planImport(validated, options.existingIssueNos ?? new Set());
  return {
    ok: true,
    ...about,
    headers,
    mapping,
    rows: validated.rows,
    toAdd: plan.toAdd,
    alreadyPresent: plan.alreadyPresent,
    setAside,
    rowErrors: validated.errors.slice(0, MAX_REPORTED_ROW_ERRORS),
    rowErrorCount: validated.errors.length,
    warnings: validated.warnings ?? [],
    unknownValues: validated.unknownValues ?? [],
  };
}
