import { DOCUMENT_KINDS, RECALL_REASONS, RELATIONS } from '../recall';
import { type ImportField, normaliseHeader } from './columns';
import type { CsvRowErrorCode } from './errors';
import { DOCUMENT_KIND_LABELS, labelFor, REASON_LABELS, RELATION_LABELS, SEX_LABELS } from './labels';

/**
 * Coded columns: a cell must be one of the app's values. An insurer's own wording (被扶養者削除,
 * 新しい資格確認書の交付…) the app does not know is listed in the preview with its row count, and the
 * clerk says once which value it means; the answer is kept per insurer (src/db/value-mappings.ts),
 * so next month's file imports in one step.
 */
export const CODED_FIELDS = ['reason', 'relation', 'sex', 'documentKind'] as const satisfies readonly ImportField[];
export type CodedField = (typeof CODED_FIELDS)[number];

export const CODED_VALUES: Readonly<Record<CodedField, readonly string[]>> = {
  reason: RECALL_REASONS,
  relation: RELATIONS,
  sex: ['male', 'female'],
  documentKind: DOCUMENT_KINDS,
};

const LABELS: Readonly<Record<CodedField, Readonly<Record<string, readonly string[]>>>> = {
  reason: REASON_LABELS,
  relation: RELATION_LABELS,
  sex: SEX_LABELS,
  documentKind: DOCUMENT_KIND_LABELS,
};

/** The row error of a coded field whose value is unknown (stable codes, errors.ts). */
export const UNKNOWN_VALUE_ERROR: Readonly<Record<CodedField, CsvRowErrorCode>> = {
  reason: 'unknown_reason',
  relation: 'invalid_relation',
  sex: 'invalid_sex',
  documentKind: 'invalid_document_kind',
};

/** The documented spelling of each accepted value, for an error that names what is accepted. */
export function acceptedLabels(field: CodedField): string[] {
  const labels = LABELS[field];
  return CODED_VALUES[field].map((code) => labelFor(labels, code));
}

/**
 * The clerk's answers: per coded field, the folded cell text (valueKey) → one of CODED_VALUES. Tolerant
 * of what it is read from (IndexedDB, an older or newer app): fields and values it does not know are
 * dropped by cleanValueMapping, never trusted.
 */
export type ValueMapping = Partial<Record<CodedField, Record<string, string>>>;

/** Cells are matched after the same folding as headers: width, case, spaces, brackets. */
export const valueKey = (cell: string) => normaliseHeader(cell.trim());

export function cleanValueMapping(input: unknown): ValueMapping {
  const clean: ValueMapping = {};
  if (typeof input !== 'object' || input === null) return clean;
  for (const field of CODED_FIELDS) {
    const entries = (input as Record<string, unknown>)[field];
    if (typeof entries !== 'object' || entries === null) continue;
    const kept: Record<string, string> = {};
    for (const [key, code] of Object.entries(entries as Record<string, unknown>))
      if (typeof code === 'string' && CODED_VALUES[field].includes(code) && key !== '') kept[key] = code;
    if (Object.keys(kept).length > 0) clean[field] = kept;
  }
  return clean;
}

/** `extra` over `base`, field by field: a later answer about one wording replaces the earlier one. */
export function mergeValueMappings(base: ValueMapping, extra: ValueMapping): ValueMapping {
  const merged: ValueMapping = {};
  for (const field of CODED_FIELDS) {
    const entries = { ...base[field], ...extra[field] };
    if (Object.keys(entries).length > 0) merged[field] = entries;
  }
  return merged;
}

/** A value of a coded column the app does not know, as first written in the file, and how many rows have it. */
export type UnknownValue = { field: CodedField; key: string; value: string; count: number };

// A file of endless distinct wordings is a wrong column, not wordings to map one by one.
export const MAX_UNKNOWN_VALUES = 50;
