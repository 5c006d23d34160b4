import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { db, getMeta } from '../../db/db';
import { deleteDraft, type SubmitResult, submitReport } from '../../db/reports';
import { formatInstant } from '../../domain/dates';
import { downloadReportCsv } from './export-report';
import { useOfficeProfile } from './office-profile-form';
import { PRINT_CHUNK, ReportSheet, SHEET_PAGE } from './report-sheet';
import { envelopeReceivedAt } from './report-standing';
import { useRowsAheadForPrint } from './use-shown-until-print';
import './reports.css';
import './sheets.css';

/**
 * One report: the form as it prints (the preview is the print), its packing check, CSV export,
 * and sending it to the insurer through the outbox (offline too).
 */
export function ReportViewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { reportId = '' } = useParams();
  const report = useLiveQuery(async () => (await db.reports.get(reportId)) ?? null, [reportId]);
  const clerk = useLiveQuery(() => getMeta('clerk'));
  const office = useOfficeProfile();
  // From the report already read: reading it again would copy its thousands of rows a second time.
  const envelopeAt = useLiveQuery(async () => (report ? envelopeReceivedAt(db, report) : null), [report]);
  const ahead = useRowsAheadForPrint(report?.rows.length ?? 0, SHEET_PAGE, PRINT_CHUNK);
  const [preparing, setPreparing] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  // Deleting a draft cannot be undone: it asks once more, in place (issue 21).
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  if (report === undefined) return <p>{t('app.loading')}</p>;
  if (report === null)
    return (
      <>
        <h1>{t('reports.notFound')}</h1>
        <Link to="/reports">{t('reports.back')}</Link>
      </>
    );

  const form = t(`reports.forms.${report.form}`);
  const canSubmit = report.status === 'draft' && !report.localOnly;
  const canDelete = report.status === 'draft' || report.status === 'rejected';
  const statusText =
    report.status === 'received' && report.receivedAt
      ? t('reports.receivedAt', { time: formatInstant(report.receivedAt, i18n.language) })
      : t(`reports.statusLong.${report.status}`, { reason: t(`errors.${report.rejection ?? 'unknown'}`) });

  return (
    <>
      <div className="report-toolbar">
        <Link className="back-link" to="/reports">
          {t('reports.back')}
        </Link>
        <h1>{form}</h1>
        <p>
          <span className={`report-status ${report.status}`} data-testid="report-status">
            {t(`reports.status.${report.status}`)}
          </span>{' '}
          {statusText}
        </p>
        {envelopeAt && (
          <p>
            <span className="report-status received envelope" data-testid="envelope-status">
              {t('reports.envelopeReceived')}
            </span>{' '}
            {t('reports.envelopeReceivedAt', { time: formatInstant(envelopeAt, i18n.language) })}
          </p>
        )}
        {report.form === 'return_notice' && !report.rowsPurged && (
          <p className="packing-check" role="note" data-testid="packing-check">
            {report.counts.old_card > 0
              ? t('reports.packingWithOldCards', {
                  certificates: report.counts.certificate,
                  oldCards: report.counts.old_card,
                })
              : t('reports.packing', { certificates: report.counts.certificate })}
          </p>
        )}
        {report.localOnly && <p role="note">{t('reports.localOnly')}</p>}
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={preparing}
            onClick={async () => {
              // The rows not rendered ahead yet, a chunk per task with progress: no frozen screen.
              setPreparing(true);
              try {
                await ahead.renderAll(PRINT_CHUNK);
              } finally {
                setPreparing(false);
              }
              window.print();
            }}
          >
            {t('reports.print')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={report.rowsPurged}
            onClick={() => downloadReportCsv(report)}
          >
            {t('reports.csv')}
          </button>
          {canSubmit && (
            <button
              type="button"
              className="button primary"
              onClick={async () => setResult(await submitReport(db, report.id))}
            >
              {t('reports.submit')}
            </button>
          )}
          {canDelete && !confirmingDelete && (
            <button type="button" className="button warning" onClick={() => setConfirmingDelete(true)}>
              {t('reports.delete')}
            </button>
          )}
        </div>
        {preparing && (
          <p className="forms-preparing" aria-live="polite">
            <progress max={report.rows.length} value={ahead.rendered} />{' '}
            {t('reports.preparingRows', { done: ahead.rendered, total: report.rows.length })}
          </p>
        )}
        {canDelete && confirmingDelete && (
          <fieldset className="delete-confirm">
            <legend>{t('reports.deleteConfirm', { form })}</legend>
            <div className="actions">
              <button
                type="button"
                className="button warning"
                onClick={async () => {
                  await deleteDraft(db, report.id);
                  navigate('/reports');
                }}
              >
                {t('reports.deleteYes')}
              </button>
              <button
                type="button"
                className="button secondary"
                // biome-ignore lint/a11y/noAutofocus: the question just appeared where the clerk tapped; focus follows it, on the safe answer
                autoFocus
                onClick={() => setConfirmingDelete(false)}
              >
                {t('reports.deleteNo')}
              </button>
            </div>
          </fieldset>
        )}
        {result && !result.ok && (
          <p className="form-error" role="alert">
            {t(`reports.submitRefusal.${result.reason}`, { count: result.itemIds?.length ?? 0 })}
          </p>
        )}
        {/* Once the insurer has it, the status above says so: "queued" beside "received" would contradict it. */}
        {result?.ok && report.status === 'submitted' && (
          <p role="status">{navigator.onLine ? t('reports.sending') : t('reports.submitted')}</p>
        )}
      </div>
      <ReportSheet report={report} clerk={clerk} ahead={ahead} {...(office ? { office } : {})} />
    </>
  );
}
