import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS, ITEM_STATUSES, RECALL_REASONS, type ReturnMethod } from '../../domain/recall';
import type { FilterState } from './use-checklist';

/**
 * The checklist's search and filters, and how the documents in hand came back (by hand or by post),
 * which every tick on the page records.
 */
export function ChecklistFilters({
  filter,
  setFilter,
  method,
  setMethod,
}: {
  filter: FilterState;
  setFilter: (filter: FilterState) => void;
  method: ReturnMethod;
  setMethod: (method: ReturnMethod) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="toolbar" aria-label={t('checklist.filters')}>
      <label className="field search">
        <span>{t('checklist.search')}</span>
        <input
          type="search"
          value={filter.query}
          placeholder={t('checklist.searchPlaceholder')}
          onChange={(event) => setFilter({ ...filter, query: event.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('checklist.status')}</span>
        <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as never })}>
          <option value="all">{t('checklist.statusAll')}</option>
          {ITEM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`itemStatus.${status}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('checklist.reason')}</span>
        <select value={filter.reason} onChange={(e) => setFilter({ ...filter, reason: e.target.value as never })}>
          <option value="all">{t('checklist.reasonAll')}</option>
          {RECALL_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`reason.${reason}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('checklist.document')}</span>
        <select
          value={filter.documentKind}
          onChange={(e) => setFilter({ ...filter, documentKind: e.target.value as never })}
        >
          <option value="all">{t('checklist.documentAll')}</option>
          {DOCUMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`document.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('route.filter')}</span>
        <select
          value={filter.routeScope}
          onChange={(e) => setFilter({ ...filter, routeScope: e.target.value as never })}
        >
          <option value="all">{t('route.filterAll')}</option>
          <option value="collected">{t('route.filterCollected')}</option>
          <option value="not_collected">{t('route.filterNotCollected')}</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.overdueOnly}
          onChange={(e) => setFilter({ ...filter, overdueOnly: e.target.checked })}
        />
        {t('checklist.overdueOnly')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.grouped}
          onChange={(e) => setFilter({ ...filter, grouped: e.target.checked })}
        />
        {t('checklist.groupByHousehold')}
      </label>
      <fieldset className="method">
        <legend>{t('checklist.method')}</legend>
        {(['hand', 'post'] as const).map((value) => (
          <label key={value} className="radio">
            <input type="radio" name="method" checked={method === value} onChange={() => setMethod(value)} />
            {t(value === 'hand' ? 'checklist.methodHand' : 'checklist.methodPost')}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
