import type { UnreturnableKind } from '../collection-status';
import { localToday } from '../dates';
import type { DocumentKind, ItemStatus, RecallReason, Relation, ReturnMethod } from '../recall';
import { FIELD_HEADERS, IMPORT_FIELDS, type ImportField } from './columns';
import { DOCUMENT_KIND_LABELS, labelFor, REASON_LABELS, RELATION_LABELS, SEX_LABELS } from './labels';
import type { ImportPerson } from './validate';

/**
 * Recall items → rows for toCsv / toExcelCsvBytes. The first columns are exactly the import format
 * (same headers, same labels, ISO dates), so an exported list can be imported again; the collection
 * status follows in extra columns, which the importer ignores.
 */
export type ExportableItem = {
  issueNo: string;
  relation: Relation;
  documentKind: DocumentKind;
  reason: RecallReason;
  issuedOn: string;
  expiresOn: string | null;
  dueDate: string;
  status: ItemStatus;
  returnedAt: string | null;
  returnMethod: ReturnMethod | null;
  unreturnableKind: UnreturnableKind | null;
  unreturnableReason: string | null;
  person: ImportPerson;
  /** Not part of RecallItem; written when known. */
  lossDate?: string | null;
};

export const STATUS_HEADERS = ['状態', '回収日', '回収方法', '回収不能の種類', '回収不能の理由'] as const;

const STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  to_collect: '未回収',
  returned: '回収済',
  unreturnable: '回収不能',
};
const METHOD_LABELS: Readonly<Record<ReturnMethod, string>> = { hand: '手渡し', post: '郵送' };
// The form the employer files instead of the certificate (seed 001): 滅失届 or 回収不能届.
const UNRETURNABLE_LABELS: Readonly<Record<UnreturnableKind, string>> = { lost: '滅失届', uncollectable: '回収不能届' };

export function exportHeaders(): string[] {
  return [...IMPORT_FIELDS.map((f) => FIELD_HEADERS[f][0] ?? f), ...STATUS_HEADERS];
}

export function itemToRow(item: ExportableItem): string[] {
  const p = item.person;
  const values: Record<ImportField, string> = {
    issueNo: item.issueNo,
    symbol: p.symbol,
    number: p.number,
    branch: p.branch,
    name: p.name,
    kana: p.kana,
    birthDate: p.birthDate,
    sex: labelFor(SEX_LABELS, p.sex),
    relation: labelFor(RELATION_LABELS, item.relation),
    insuredName: p.insuredName,
    documentKind: labelFor(DOCUMENT_KIND_LABELS, item.documentKind),
    reason: labelFor(REASON_LABELS, item.reason),
    lossDate: item.lossDate ?? '',
    issuedOn: item.issuedOn,
    expiresOn: item.expiresOn ?? '',
    dueDate: item.dueDate,
  };
  return [
    ...IMPORT_FIELDS.map((f) => values[f]),
    STATUS_LABELS[item.status],
    // The clerk's local calendar day of the return, not the UTC instant.
    item.returnedAt ? localToday(new Date(item.returnedAt)) : '',
    item.returnMethod ? METHOD_LABELS[item.returnMethod] : '',
    item.unreturnableKind ? UNRETURNABLE_LABELS[item.unreturnableKind] : '',
    item.unreturnableReason ?? '',
  ];
}

export function exportRows(items: Iterable<ExportableItem>): string[][] {
  return [exportHeaders(), ...Array.from(items, itemToRow)];
}
