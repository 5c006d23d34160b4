import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClerkForm } from './clerk-form';
import { ReportBuilder } from './report-builder';
import { ReportHistory } from './report-history';
import './reports.css';

/** Reports to the insurer: who signs them, making one, and what was sent. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <p>
        <Link className="button secondary link-button" to="/reports/forms">
          {t('officialForms.open')}
        </Link>
      </p>
      <ClerkForm />
      <ReportBuilder />
      <ReportHistory />
    </>
  );
}
