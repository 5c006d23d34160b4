import { type ColumnMapping, type ImportField, isValidMapping, missingFields, suggestMapping } from './columns';
import { type CsvEncoding, decodeCsvBytes } from './decode';
import { CsvFileError, type CsvFileErrorCode, type CsvRowError } from './errors';
import { parseCsv } from './parse';
import { planImport } from './plan';
import { type ImportRow, validateRows } from './validate';

/**
 * The importer's one entry point: bytes of the uploaded file → a plan the UI shows before saving.
 *
 * Flow for the UI: call without `mapping`. On `missing_columns`, show the column-mapping step with
 * `headers` and `suggestedMapping`, then call again with the clerk's `mapping`. On `row_errors`, list
 * `rowErrors` (the first MAX_REPORTED_ROW_ERRORS; `rowErrorCount` is the total).
 */
export type ImportOptions = {
  mapping?: ColumnMapping;
  /** 発行No. of items already held, so a re-import adds only new ones. */
  existingIssueNos?: ReadonlySet<string>;
  /** For due dates of rows without a 期限 (see due-dates.ts). */
  today?: string;
  nextListDate?: string;
};

export type ImportResult =
  | {
      ok: true;
      encoding: CsvEncoding;
      headers: string[];
      mapping: ColumnMapping;
      rows: ImportRow[];
      toAdd: ImportRow[];
      alreadyPresent: ImportRow[];
    }
  | {
      ok: false;
      error: CsvFileErrorCode;
      /** For unterminated_quote: where the open quote starts. */
      line?: number;
      encoding?: CsvEncoding;
      headers?: string[];
      suggestedMapping?: ColumnMapping;
      missingColumns?: ImportField[];
      rowErrors?: CsvRowError[];
      rowErrorCount?: number;
    };

// A list full of errors is a wrong file or wrong mapping; a thousand lines say so well enough.
export const MAX_REPORTED_ROW_ERRORS = 1000;

export function parseRecallCsv(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  let encoding: CsvEncoding | undefined;
  try {
    const decoded = decodeCsvBytes(bytes);
    encoding = decoded.encoding;
    const [header, ...records] = parseCsv(decoded.text);
    if (!header) return { ok: false, error: 'empty_file', encoding };
    const headers = header.fields.map((h) => h.trim());
    const suggested = suggestMapping(headers);

    let mapping = suggested.mapping;
    if (options.mapping) {
      if (!isValidMapping(options.mapping, headers.length))
        return { ok: false, error: 'invalid_mapping', encoding, headers, suggestedMapping: suggested.mapping };
      mapping = options.mapping;
    }
    const missing = missingFields(mapping);
    if (missing.length > 0)
      return {
        ok: false,
        error: 'missing_columns',
        encoding,
        headers,
        suggestedMapping: suggested.mapping,
        missingColumns: missing,
      };

    const validated = validateRows(records, headers, mapping, {
      ...(options.today ? { today: options.today } : {}),
      ...(options.nextListDate ? { nextListDate: options.nextListDate } : {}),
    });
    const plan = planImport(validated, options.existingIssueNos ?? new Set());
    if (!plan.ok)
      return {
        ok: false,
        error: 'row_errors',
        encoding,
        headers,
        rowErrors: plan.errors.slice(0, MAX_REPORTED_ROW_ERRORS),
        rowErrorCount: plan.errors.length,
      };
    if (validated.rows.length === 0) return { ok: false, error: 'no_data_rows', encoding, headers };
    return {
      ok: true,
      encoding,
      headers,
      mapping,
      rows: validated.rows,
      toAdd: plan.toAdd,
      alreadyPresent: plan.alreadyPresent,
    };
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    return {
      ok: false,
      error: error.code,
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(encoding ? { encoding } : {}),
    };
  }
}
