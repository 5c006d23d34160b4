import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db } from '../../db/db';
import { formatCalendarDate } from '../../domain/dates';

/** Every report made on this tablet, newest first, with where it stands with the insurer. */
export function ReportHistory() {
  const { t, i18n } = useTranslation();
  const reports = useLiveQuery(() => db.reports.orderBy('createdAt').reverse().toArray());
  if (!reports) return null;
  return (
    <section className="report-section" aria-labelledby="history-title">
      <h2 id="history-title">{t('reports.historyTitle')}</h2>
      {reports.length === 0 ? (
        <p>{t('reports.historyEmpty')}</p>
      ) : (
        <ul className="report-history">
          {reports.map((report) => {
            const form = t(`reports.forms.${report.form}`);
            return (
              <li key={report.id} data-report-id={report.id}>
                <span>
                  <strong>{form}</strong>・{report.scopeLabel}・{t('reports.count', { count: report.total })}・
                  {formatCalendarDate(report.createdOn, i18n.language)}
                </span>
                <span className={`report-status ${report.status}`}>{t(`reports.status.${report.status}`)}</span>
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
