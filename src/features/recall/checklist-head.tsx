import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatusCounts } from '../../domain/recall';

/** The checklist's title, its scan and export actions, and how far the collection has come. */
export function ChecklistHead({
  title,
  counts,
  onExport,
}: {
  title: string;
  counts: StatusCounts;
  onExport: () => void;
}) {
  const { t } = useTranslation();
  const total = counts.to_collect + counts.returned + counts.unreturnable;
  return (
    <>
      <Link className="back-link" to="/">
        {t('list.back')}
      </Link>
      <div className="page-head">
        <h1>{title}</h1>
        <div className="page-actions">
          <Link className="button secondary link-button" to="/scan">
            {t('checklist.scan')}
          </Link>
          <button type="button" className="button secondary" onClick={onExport}>
            {t('checklist.export')}
          </button>
        </div>
      </div>
      <p className="progress" data-testid="list-progress">
        {t('list.progress', {
          toCollect: counts.to_collect,
          returned: counts.returned,
          unreturnable: counts.unreturnable,
        })}
      </p>
      <progress
        className="progress-bar"
        max={Math.max(total, 1)}
        value={counts.returned + counts.unreturnable}
        aria-label={t('checklist.progressLabel')}
      />
    </>
  );
}
