import { dueDateFor } from '../due-dates';
import { hiraganaToKatakana } from '../kana';
import { parseFlexibleDate } from '../parse-date';
import type { DocumentKind, RecallReason, Relation } from '../recall';
import { type ColumnMapping, FIELD_HEADERS, type ImportField } from './columns';
import {
  BIDI_CONTROLS,
  BIDI_CONTROLS_ALL,
  CONTROL_CHARACTERS,
  type CsvRowError,
  type CsvRowErrorCode,
  type CsvRowWarning,
  type CsvRowWarningCode,
  displayValue,
  NAME_BREAK_RUNS,
  NAME_BREAKS,
} from './errors';
import { excelSerialToIso } from './excel-serial';
import { DOCUMENT_KIND_LABELS, labelLookup, REASON_LABELS, RELATION_LABELS, SEX_LABELS } from './labels';
import type { CsvRecord } from './parse';
import { oldCardKey } from './row-key';
import {
  type CodedField,
  MAX_UNKNOWN_VALUES,
  UNKNOWN_VALUE_ERROR,
  type UnknownValue,
  type ValueMapping,
  valueKey,
} from './values';

/** Personal data of one row, shaped like the API's Person so the UI can build a RecallItem from it. */
export type ImportPerson = {
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  symbol: string;
  number: string;
  branch: string;
  insuredName: string;
};

/** One valid list row, with RecallItem's field names. Dates are YYYY-MM-DD. '' 発行No.: an old card without one. */
export type ImportRow = {
  /** 1-based data row and physical line, as in CsvRowError. */
  row: number;
  line: number;
  issueNo: string;
  person: ImportPerson;
  relation: Relation;
  documentKind: DocumentKind;
  reason: RecallReason;
  lossDate: string | null;
  issuedOn: string;
  expiresOn: string | null;
  dueDate: string;
};

/** A row that cannot be imported, kept as read (its cells) with every reason, to send back to the insurer. */
export type SetAsideRow = { row: number; line: number; cells: string[]; errors: CsvRowError[] };

export type ValidationResult = {
  rows: ImportRow[];
  errors: CsvRowError[];
  /** Rows with any error, in file order; `errors` holds the same errors flat. */
  setAside?: SetAsideRow[];
  /** Cells changed so their row could be imported (a line break in a name, a bidi control). */
  warnings?: CsvRowWarning[];
  /** Values of coded columns the app does not know, with their row counts, for the clerk to map. */
  unknownValues?: UnknownValue[];
};

export type ValidateOptions = {
  /** Passed to dueDateFor for rows without a 期限. */
  today?: string;
  nextListDate?: string;
  /** The clerk's answers for wordings the app does not know (values.ts), over the built-in labels. */
  valueMapping?: ValueMapping;
  /** Numbers in date columns are Excel serial dates (an .xlsx cell without a date format). */
  excelSerials?: boolean;
};

const NAME_FIELDS: readonly ImportField[] = ['name', 'kana', 'insuredName'];

// Names are stored and shown as written; 100 characters (code points, so 𠮷 is one) fits any real
// name, including long foreign ones, and stops a runaway cell from filling the screen.
const MAX_NAME = 100;
const MAX_CODE = 20;
const MAX_OTHER = 100;

const ISSUE_NO = /^[A-Za-z0-9-]+$/;
const BRANCH = /^\d{1,2}$/;
// Full-width katakana (incl. ヴ ヵ ヶ ヷ-ヺ), the long vowel mark, iteration marks, the middle dot and
// ＝ used between parts of foreign names, and single spaces.
const KANA = /^[\u30a1-\u30fa\u30fc-\u30fe\u30fb\u30a0= ]+$/;

const builtIn = {
  reason: labelLookup(REASON_LABELS),
  documentKind: labelLookup(DOCUMENT_KIND_LABELS),
  relation: labelLookup(RELATION_LABELS),
  sex: labelLookup(SEX_LABELS),
};

/** The clerk's answer first, then the built-in labels. */
function lookupWith<K extends string>(field: CodedField, mapping: ValueMapping): (value: string) => K | null {
  const answers = mapping[field] ?? {};
  const labels = builtIn[field] as (value: string) => K | null;
  if (Object.keys(answers).length === 0) return labels;
  return (value) => (answers[valueKey(value)] as K | undefined) ?? labels(value);
}

/**
 * Data records (header excluded) → typed rows and every error found. A row with any error is left out
 * of `rows` and set aside with its cells and reasons (the ready rows import; plan.ts).
 */
export function validateRows(
  records: readonly CsvRecord[],
  headers: readonly string[],
  mapping: ColumnMapping,
  options: ValidateOptions = {},
): ValidationResult {
  const rows: ImportRow[] = [];
  const errors: CsvRowError[] = [];
  const setAside: SetAsideRow[] = [];
  const warnings: CsvRowWarning[] = [];
  const unknown = new Map<string, UnknownValue>();
  const unknownPerField = new Map<CodedField, number>();
  const valueMapping = options.valueMapping ?? {};
  const reasonOf = lookupWith<RecallReason>('reason', valueMapping);
  const documentKindOf = lookupWith<DocumentKind>('documentKind', valueMapping);
  const relationOf = lookupWith<Relation>('relation', valueMapping);
  const sexOf = lookupWith<'male' | 'female'>('sex', valueMapping);
  const firstRowOfIssueNo = new Map<string, number>();
  const firstRowOfOldCard = new Map<string, number>();
  // A list repeats the same few dates (issued on, expires on, due) on every row: parse each text once.
  const dates = new Map<string, string | null>();

  records.forEach((record, index) => {
    const row = index + 1;
    const { fields, line } = record;
    // Spreadsheets leave rows of empty cells (「,,,,」) below the data; they are not people.
    if (fields.every((f) => f.trim() === '')) return;
    const rowErrors: CsvRowError[] = [];
    const columnOf = (field: ImportField | '') =>
      field === '' ? '' : (headers[mapping[field] ?? -1] ?? FIELD_HEADERS[field][0] ?? field);
    const fail = (field: ImportField | '', code: CsvRowErrorCode, value: string) => {
      rowErrors.push({ row, line, column: columnOf(field), field, code, value: displayValue(value) });
    };
    const warn = (field: ImportField, code: CsvRowWarningCode, value: string) => {
      warnings.push({ row, line, column: columnOf(field), field, code, value: displayValue(value) });
    };
    const setRowAside = () => {
      errors.push(...rowErrors);
      setAside.push({ row, line, cells: fields, errors: rowErrors });
    };

    // Extra empty cells at the end are harmless (a stray comma); anything else shifts every value.
    const extra = fields.slice(headers.length);
    if (fields.length < headers.length || extra.some((f) => f.trim() !== '')) {
      fail('', 'wrong_column_count', `${fields.length}/${headers.length}`);
      setRowAside();
      return;
    }

    /** The trimmed cell, or null after recording why it is unusable. '' when blank and optional. */
    const cell = (field: ImportField, required: boolean, max = MAX_OTHER): string | null => {
      const index = mapping[field];
      const raw = index === undefined ? '' : (fields[index] ?? '');
      let value = raw.trim();
      // Bidi controls are removed and a name's line breaks and tabs become a space, each with a
      // warning (issue 17): the row imports, and the clerk sees what changed. Other controls stay
      // errors: they are not text anyone typed.
      if (BIDI_CONTROLS.test(value)) {
        warn(field, 'bidi_removed', value);
        value = value.replace(BIDI_CONTROLS_ALL, '').trim();
      }
      if (NAME_FIELDS.includes(field) && NAME_BREAKS.test(value)) {
        warn(field, 'line_break_replaced', value);
        value = value.replace(NAME_BREAK_RUNS, ' ').trim();
      }
      if (value === '') {
        if (required) fail(field, 'required', raw);
        return required ? null : '';
      }
      if (CONTROL_CHARACTERS.test(value)) {
        fail(field, 'control_characters', raw);
        return null;
      }
      // Counted in code points (𠮷 is one); a string no longer in UTF-16 units than `max` cannot be over.
      if (value.length > max && [...value].length > max) {
        fail(field, 'too_long', raw);
        return null;
      }
      return value;
    };
    const code = (field: ImportField, required: boolean, max: number) => {
      const value = cell(field, required, max);
      return value === null ? null : value.normalize('NFKC');
    };
    const date = (field: ImportField, required: boolean): string | null | undefined => {
      const value = cell(field, required);
      if (value === null) return undefined;
      if (value === '') return null;
      let iso = dates.get(value);
      if (iso === undefined) {
        iso = (options.excelSerials ? excelSerialToIso(value) : null) ?? parseFlexibleDate(value);
        dates.set(value, iso);
      }
      if (iso === null) fail(field, 'invalid_date', value);
      return iso ?? undefined;
    };
    const coded = <K>(field: CodedField, required: boolean, lookup: (v: string) => K | null) => {
      const value = cell(field, required);
      if (value === null) return undefined;
      if (value === '') return null;
      const result = lookup(value);
      if (result === null) {
        fail(field, UNKNOWN_VALUE_ERROR[field], value);
        const key = `${field}\u0000${valueKey(value)}`;
        const seen = unknown.get(key);
        if (seen) seen.count += 1;
        else if ((unknownPerField.get(field) ?? 0) < MAX_UNKNOWN_VALUES) {
          unknown.set(key, { field, key: valueKey(value), value, count: 1 });
          unknownPerField.set(field, (unknownPerField.get(field) ?? 0) + 1);
        }
      }
      return result ?? undefined;
    };

    // Blank is allowed for an old 健康保険証 only (checked below, once the document kind is known).
    const issueNo = code('issueNo', false, MAX_CODE);
    if (issueNo && !ISSUE_NO.test(issueNo)) fail('issueNo', 'invalid_issue_no', issueNo);
    else if (issueNo) {
      if (firstRowOfIssueNo.has(issueNo)) fail('issueNo', 'duplicate_issue_no_in_file', issueNo);
      else firstRowOfIssueNo.set(issueNo, row);
    }
    const symbol = code('symbol', true, MAX_CODE);
    const number = code('number', true, MAX_CODE);
    const rawBranch = code('branch', true, MAX_CODE);
    const branch = rawBranch && BRANCH.test(rawBranch) ? rawBranch.padStart(2, '0') : null;
    if (rawBranch && !branch) fail('branch', 'invalid_branch', rawBranch);

    const name = cell('name', true, MAX_NAME);
    const kana = normaliseKana(cell('kana', true, MAX_NAME));
    if (kana && !KANA.test(kana)) fail('kana', 'invalid_kana', kana);
    const birthDate = date('birthDate', true);
    const sex = coded('sex', true, sexOf);

    const reason = coded('reason', true, reasonOf);
    // 本人家族 may be left out: 枝番 00 is the insured person at most insurers. When it is given it
    // wins, because some insurers number the insured person otherwise (seed 001's sample: 本人, 枝番 73).
    const givenRelation = coded('relation', false, relationOf);
    const relation: Relation | undefined =
      givenRelation === null ? (branch ? (branch === '00' ? 'self' : 'dependant') : undefined) : givenRelation;
    const givenKind = coded('documentKind', false, documentKindOf);
    const documentKind: DocumentKind | undefined =
      givenKind === null ? (reason ? (reason === 'old_card' ? 'old_card' : 'certificate') : undefined) : givenKind;

    // 発行No. is printed on the 資格確認書 (seed 001's sample: 「健康保険資格確認書 発行No. 100000001」); an old
    // 健康保険証 may have none, and is known by 「被保険者の資格情報（記号・番号・枝番）」 (seed 001) instead:
    // such a row imports keyed by 記号・番号・枝番 (rowKey), once per file. Every other row needs it.
    if (issueNo === '') {
      if (documentKind !== 'old_card') fail('issueNo', 'required', '');
      else if (symbol && number && branch) {
        const key = oldCardKey(symbol, number, branch);
        if (firstRowOfOldCard.has(key)) fail('issueNo', 'duplicate_issue_no_in_file', '');
        else firstRowOfOldCard.set(key, row);
      }
    }

    const givenInsuredName = cell('insuredName', false, MAX_NAME);
    let insuredName: string | null = givenInsuredName;
    if (givenInsuredName === '') {
      // The insured person's own row names the household; a dependant's row must say whose it is.
      if (relation === 'self') insuredName = name;
      else if (relation === 'dependant') {
        fail('insuredName', 'required', '');
        insuredName = null;
      }
    }

    const lossDate = date('lossDate', false);
    const issuedOn = date('issuedOn', true);
    const expiresOn = date('expiresOn', false);
    const givenDue = date('dueDate', false);
    if (reason === 'lost_eligibility' && lossDate === null && givenDue === null) fail('lossDate', 'required', '');

    if (rowErrors.length > 0) {
      setRowAside();
      return;
    }
    // Every value below is known to be present: each missing one recorded an error above.
    const dueDate =
      givenDue ??
      dueDateFor(reason as RecallReason, {
        lossDate: lossDate ?? null,
        nextListDate: options.nextListDate ?? null,
        ...(options.today ? { today: options.today } : {}),
      });
    rows.push({
      row,
      line,
      issueNo: issueNo as string,
      person: {
        name: name as string,
        kana: kana as string,
        birthDate: birthDate as string,
        sex: sex as 'male' | 'female',
        symbol: symbol as string,
        number: number as string,
        branch: branch as string,
        insuredName: insuredName as string,
      },
      relation: relation as Relation,
      documentKind: documentKind as DocumentKind,
      reason: reason as RecallReason,
      lossDate: lossDate ?? null,
      issuedOn: issuedOn as string,
      expiresOn: expiresOn ?? null,
      dueDate,
    });
  });
  return { rows, errors, setAside, warnings, unknownValues: [...unknown.values()].sort((a, b) => b.count - a.count) };
}

/** Half-width and hiragana フリガナ → full-width katakana; any run of spaces (incl. U+3000) → one. */
function normaliseKana(value: string | null): string | null {
  if (!value) return value;
  return hiraganaToKatakana(value.normalize('NFKC')).replace(/\s+/g, ' ');
}
