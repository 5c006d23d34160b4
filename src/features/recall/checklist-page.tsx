import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useInsurerKind } from '../../db/use-insurer-kind';
import { countCollected } from '../../domain/checklist';
import { toExcelCsvBytes } from '../../domain/csv/export';
import { exportRows } from '../../domain/csv/export-items';
import { localToday } from '../../domain/dates';
import type { ReturnMethod } from '../../domain/recall';
import { downloadBytes } from '../../ui/download';
import { Toast } from '../../ui/toast';
import { ChecklistFilters } from './checklist-filters';
import { ChecklistHead } from './checklist-head';
import { ChecklistRows } from './checklist-rows';
import { ItemDialog } from './item-dialog';
import { useChecklist } from './use-checklist';
import type { ItemScope } from './use-list-items';
import { useTickActions } from './use-tick-actions';

export function ChecklistPage() {
  const { listId = '' } = useParams();
  return <Checklist scope={listId} />;
}

/** Every list at once, grouped by list, each with its own progress: one search across all of them. */
export function AllListsPage() {
  return <Checklist scope={null} />;
}

function Checklist({ scope }: { scope: ItemScope }) {
  const { t } = useTranslation();
  const kind = useInsurerKind();
  const checklist = useChecklist(scope, kind);
  const [method, setMethod] = useState<ReturnMethod>('hand');
  const [openItemId, setOpenItemId] = useState<string | null>(null);
  const { filter, setFilter, showOptimistic } = checklist;
  const { toast, showToast, dismiss, onTick, onUntick, onTickHousehold } = useTickActions(showOptimistic, method);
  const counts = useMemo(() => countCollected(checklist.items, kind, localToday()), [checklist.items, kind]);

  if (checklist.loading) return <p>{t('app.loading')}</p>;
  const list = scope === null ? null : checklist.lists?.get(scope);
  if (scope !== null && !list) {
    return (
      <>
        <p>{t('list.notFound')}</p>
        <Link to="/">{t('list.back')}</Link>
      </>
    );
  }
  const title = list ? list.title : t('allLists.title');
  const exportCsv = () =>
    downloadBytes(`${title}.csv`, toExcelCsvBytes(exportRows(checklist.items)), 'text/csv;charset=utf-8');

  return (
    <>
      <ChecklistHead title={title} counts={counts} onExport={exportCsv} />
      <ChecklistFilters filter={filter} setFilter={setFilter} method={method} setMethod={setMethod} />
      <p className="results" role="status" data-testid="result-count" data-query={checklist.renderedQuery}>
        {checklist.visibleCount > 0
          ? t('checklist.results', { count: checklist.visibleCount })
          : t('checklist.noResults')}
      </p>
      <ChecklistRows
        rows={checklist.rows}
        latest={checklist.latest}
        pendingItemIds={checklist.pendingItemIds}
        kind={kind}
        onTick={onTick}
        onUntick={onUntick}
        onTickHousehold={onTickHousehold}
        onOpen={setOpenItemId}
      />
      {openItemId && <ItemDialog itemId={openItemId} onClose={() => setOpenItemId(null)} onDone={showToast} />}
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}
