import type { LocalReport } from '../../db/db';
import { toExcelCsvBytes } from '../../domain/csv/export';
import { reportCsvRows } from '../../domain/reports/report-csv';
import { FORM_TITLES } from '../../domain/reports/report-forms';
import { downloadBytes } from '../../ui/download';

/** The report as a CSV for Excel (BOM, formula-safe); the file name carries no personal data. */
export function downloadReportCsv(report: LocalReport): void {
  const bytes = toExcelCsvBytes(reportCsvRows(report.form, report.rows));
  downloadBytes(`${FORM_TITLES[report.form]}_${report.createdOn}.csv`, bytes, 'text/csv;charset=utf-8');
}
