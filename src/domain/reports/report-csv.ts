import { DOCUMENT_KIND_LABELS, RELATION_LABELS, SEX_LABELS } from '../csv/labels';
import type { ReportRow } from './build-report';
import type { ReportForm } from './report-forms';

const first = (labels: readonly string[]) => labels[0] ?? '';

/**
 * A report as a table for Excel (pass it to toExcelCsvBytes: BOM, CRLF, formula escaping). Dates are
 * ISO so Excel sorts them; the printed form carries the 和暦.
 */
export function reportCsvRows(form: ReportForm, rows: readonly ReportRow[]): string[][] {
  if (form === 'return_notice') {
    return [
      ['記号', '番号', '枝番', '氏名', 'フリガナ', '本人家族', '書類', '返却日'],
      ...rows.map((r) => [
        r.symbol,
        r.number,
        r.branch,
        r.name,
        r.kana,
        first(RELATION_LABELS[r.relation]),
        first(DOCUMENT_KIND_LABELS[r.documentKind]),
        r.returnedOn ?? '',
      ]),
    ];
  }
  return [
    ['記号', '番号', '枝番', '氏名', 'フリガナ', '生年月日', '性別', '本人家族', '書類', '理由'],
    ...rows.map((r) => [
      r.symbol,
      r.number,
      r.branch,
      r.name,
      r.kana,
      r.birthDate,
      first(SEX_LABELS[r.sex]),
      first(RELATION_LABELS[r.relation]),
      first(DOCUMENT_KIND_LABELS[r.documentKind]),
      r.reason ?? '',
    ]),
  ];
}
