import { normaliseHeader } from './columns';

/**
 * The office columns of an insurer's file that covers many offices at once (issue 20: 「upload the
 * insurer's monthly file … for many offices at once」). A tablet's file is one office's list and has
 * none of these; the insurer's file names the office on every row, either by the code its tablets
 * sign in with or by the insurer's own 事業所整理記号 and 事業所番号 (seed 000's 回収連絡書 asks for
 * 「事業所整理記号」「事業所番号」). Headers are folded like the list's other headers (columns.ts).
 */
export const OFFICE_FIELDS = ['officeCode', 'officeSymbol', 'officeNumber'] as const;
export type OfficeField = (typeof OFFICE_FIELDS)[number];

export const OFFICE_HEADERS: Readonly<Record<OfficeField, readonly string[]>> = {
  officeCode: ['事業所コード', '事業所ID', 'officeCode', 'office code', 'office id', 'officeId'],
  officeSymbol: ['事業所整理記号', '事業所記号', 'officeSymbol', 'office symbol'],
  officeNumber: ['事業所番号', 'officeNumber', 'office number'],
};

export type OfficeColumns = Partial<Record<OfficeField, number>>;

const FIELD_BY_HEADER: ReadonlyMap<string, OfficeField> = new Map(
  OFFICE_FIELDS.flatMap((field) => OFFICE_HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

/** The office columns found in `headers` (the first of a repeated header wins). */
export function findOfficeColumns(headers: readonly string[]): OfficeColumns {
  const found: OfficeColumns = {};
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (field !== undefined && found[field] === undefined) found[field] = index;
  });
  return found;
}

/** A code column, or both 事業所整理記号 and 事業所番号: otherwise a row cannot name its office. */
export function namesOffice(columns: OfficeColumns): boolean {
  return columns.officeCode !== undefined || (columns.officeSymbol !== undefined && columns.officeNumber !== undefined);
}

export type OfficeRef = { kind: 'code'; code: string } | { kind: 'symbol'; symbol: string; number: string };

/**
 * The office a row names, or null when its cells are blank. The code wins when both are given. Cells
 * are NFKC-folded (全角 digits and letters, as Excel users type them) and trimmed; 事業所番号 loses
 * leading zeros nowhere: it is compared as written after folding.
 */
export function officeOfRow(fields: readonly string[], columns: OfficeColumns): OfficeRef | null {
  const cell = (index: number | undefined) =>
    index === undefined ? '' : (fields[index] ?? '').normalize('NFKC').trim();
  const code = cell(columns.officeCode);
  if (code !== '') return { kind: 'code', code };
  const symbol = cell(columns.officeSymbol);
  const number = cell(columns.officeNumber);
  if (symbol !== '' && number !== '') return { kind: 'symbol', symbol, number };
  return null;
}

/** One key per office a row can name, for grouping rows by office. */
export const officeRefKey = (ref: OfficeRef) =>
  ref.kind === 'code' ? `code\u0000${ref.code}` : `symbol\u0000${ref.symbol}\u0000${ref.number}`;
