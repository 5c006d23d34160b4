import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db } from '../../db/db';
import { formatCalendarDate } from '../../domain/dates';
import { envelopeReceivedAt } from './report-standing';

/** Every report made on this tablet, newest first, with where it stands with the insurer. */
export function ReportHistory() {
  const { t, i18n } = useTranslation();
  const reports = useLiveQuery(async () => {
    const all = await db.reports.orderBy('createdAt').reverse().toArray();
    // One item per received report tells the envelope, so the history never reads the whole checklist.
    const envelopes = new Set<string>();
    for (const report of all) if (await envelopeReceivedAt(db, report)) envelopes.add(report.id);
    return { all, envelopes };
  });
  if (!reports) return null;
  const { all, envelopes } = reports;
  return (
    <section className="report-section" aria-labelledby="history-title">
      <h2 id="history-title">{t('reports.historyTitle')}</h2>
      {all.length === 0 ? (
        <p>{t('reports.historyEmpty')}</p>
      ) : (
        <ul className="report-history">
          {all.map((report) => {
            const form = t(`reports.forms.${report.form}`);
            return (
              <li key={report.id} data-report-id={report.id}>
                <span>
                  <strong>{form}</strong>・{report.scopeLabel}・{t('reports.count', { count: report.total })}・
                  {formatCalendarDate(report.createdOn, i18n.language)}
                </span>
                {/* Both words when the envelope came: it was sent first (issue 15, item 6). */}
                <span className="report-statuses">
                  <span className={`report-status ${report.status}`}>{t(`reports.status.${report.status}`)}</span>
                  {envelopes.has(report.id) && (
                    <span className="report-status received envelope">{t('reports.envelopeReceived')}</span>
                  )}
                </span>
                <Link
                  className="button secondary link-button"
                  to={`/reports/${report.id}`}
                  aria-label={t('reports.openReport', {
                    form,
                    date: formatCalendarDate(report.createdOn, i18n.language),
                  })}
                >
                  {t('reports.open')}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
