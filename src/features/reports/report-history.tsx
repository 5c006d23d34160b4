import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db } from '../../db/db';
import { formatCalendarDate } from '../../domain/dates';

/** Every report made on this tablet, newest first, with where it stands with the insurer. */
export function ReportHistory() {
  const { t, i18n } = useTranslation();
  const reports = useLiveQuery(async () => {
    const all = await db.reports.orderBy('createdAt').reverse().toArray();
    // The insurer's envelope record reaches the tablet as the mark on the report's items (issue 20);
    // one item per received report tells it, so the history never reads the whole checklist.
    const envelopes = new Set<string>();
    for (const report of all) {
      const first = report.status === 'received' ? report.itemIds[0] : undefined;
      const mark = first ? (await db.items.get(first))?.inReport : undefined;
      if (mark?.reportId === report.id && mark.envelopeReceivedAt) envelopes.add(report.id);
    }
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
                {envelopes.has(report.id) ? (
                  <span className="report-status received envelope">{t('reports.envelopeReceived')}</span>
                ) : (
                  <span className={`report-status ${report.status}`}>{t(`reports.status.${report.status}`)}</span>
                )}
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
