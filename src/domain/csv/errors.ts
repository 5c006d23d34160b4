/**
 * Stable error codes of the recall-list importer. The UI translates them (docs/formats.md lists the
 * meaning of each in Japanese and English); never rename one, only add.
 */

/** The file as a whole cannot be imported. */
export const CSV_FILE_ERROR_CODES = [
  'empty_file',
  'not_csv',
  'wrong_encoding',
  'unsupported_encoding',
  'file_too_large',
  'too_many_rows',
  'unterminated_quote',
  'missing_columns',
  'invalid_mapping',
  'no_data_rows',
  'row_errors',
  // An .xlsx that cannot be read, or a sheet the clerk picked that is no longer there.
  'not_xlsx',
  'sheet_not_found',
] as const;
export type CsvFileErrorCode = (typeof CSV_FILE_ERROR_CODES)[number];

/** One cell (or one row) is wrong; every such error in the file is collected. */
export const CSV_ROW_ERROR_CODES = [
  'required',
  'invalid_date',
  'invalid_branch',
  'invalid_kana',
  'invalid_sex',
  'invalid_relation',
  'invalid_document_kind',
  'invalid_issue_no',
  'unknown_reason',
  'duplicate_issue_no_in_file',
  'control_characters',
  'too_long',
  'wrong_column_count',
] as const;
export type CsvRowErrorCode = (typeof CSV_ROW_ERROR_CODES)[number];

/** A cell changed so the row could be imported; the preview says so, the row is not set aside. */
export const CSV_ROW_WARNING_CODES = ['line_break_replaced', 'bidi_removed'] as const;
export type CsvRowWarningCode = (typeof CSV_ROW_WARNING_CODES)[number];

export type CsvRowWarning = Omit<CsvRowError, 'code'> & { code: CsvRowWarningCode };

export const CSV_ERROR_CODES = [...CSV_FILE_ERROR_CODES, ...CSV_ROW_ERROR_CODES] as const;
export type CsvErrorCode = CsvFileErrorCode | CsvRowErrorCode;

/**
 * `row` is the 1-based data row (the header is row 0), so "row 3" is the third person in the list.
 * `line` is the physical line in the file where the row starts (the header is line 1): it equals the
 * row number a spreadsheet shows unless an earlier cell holds a line break.
 */
export type CsvRowError = {
  row: number;
  line: number;
  /** The column's header as written in the file ('' for whole-row errors). */
  column: string;
  /** The import field the column maps to (see columns.ts), or '' for whole-row errors. */
  field: string;
  code: CsvRowErrorCode;
  /** The offending cell, shortened and with control characters made visible, for display. */
  value: string;
};

export class CsvFileError extends Error {
  constructor(
    readonly code: CsvFileErrorCode,
    /** For `unterminated_quote`: the line where the open quote starts. */
    readonly line?: number,
  ) {
    super(code);
    this.name = 'CsvFileError';
  }
}

// Caps the size of the file and the work done before we know a file is not a recall list.
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;

const SHOWN_VALUE_MAX = 50;
// C0, DEL and C1 controls, plus bidi overrides/isolates that can make a name display as something else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/**
 * Bidi embeddings, overrides, isolates and marks: never part of a Japanese list's data, and able to
 * make a name display reversed (issue 17's hostile file), so they are removed with a warning.
 */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
export const BIDI_CONTROLS_ALL = new RegExp(BIDI_CONTROLS.source, 'gu');
/** Line breaks and tabs inside a name (a cell typed with Alt+Enter): one space each run, with a warning. */
export const NAME_BREAKS = /[\r\n\t]/;
export const NAME_BREAK_RUNS = /[\r\n\t]+/g;
const CONTROL_CHARACTERS_GLOBAL = new RegExp(CONTROL_CHARACTERS.source, 'gu');

/** A cell made safe to show in an error list: short, with invisible controls spelt out as U+XXXX. */
export function displayValue(value: string): string {
  const points = [...value];
  const shown = points.length > SHOWN_VALUE_MAX ? `${points.slice(0, SHOWN_VALUE_MAX).join('')}…` : value;
  return shown.replace(
    CONTROL_CHARACTERS_GLOBAL,
    (c) => `[U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}
