import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LocalItem } from '../../db/db';
import type { ChecklistRow } from './use-checklist';

/** A list's title and progress above its items, on the all-lists checklist. */
export function ListHeader({ row }: { row: Extract<ChecklistRow, { kind: 'list' }> }) {
  const { t } = useTranslation();
  const { counts, list } = row;
  const total = counts.to_collect + counts.returned + counts.unreturnable;
  return (
    <div className="list-group" data-list-id={list.id}>
      <h2 className="list-group-title">
        <Link to={`/lists/${list.id}`}>{list.title}</Link>
      </h2>
      <p className="progress">
        {t('list.progress', {
          toCollect: counts.to_collect,
          returned: counts.returned,
          unreturnable: counts.unreturnable,
        })}{' '}
        <span className="list-group-shown">{t('allLists.shown', { count: row.shown })}</span>
      </p>
      <progress
        className="progress-bar"
        max={Math.max(total, 1)}
        value={counts.returned + counts.unreturnable}
        aria-label={t('allLists.progressOf', { title: list.title })}
      />
    </div>
  );
}

/** A household's insured name above its members, with one tick for all of them. */
export function HouseholdHeader({
  row,
  onTickHousehold,
}: {
  row: Extract<ChecklistRow, { kind: 'household' }>;
  onTickHousehold: (items: LocalItem[], insuredName: string) => void;
}) {
  const { t } = useTranslation();
  const open = row.items.filter((item) => item.status === 'to_collect').length;
  return (
    <div className="household">
      <span className="household-name">
        {t('checklist.household', { name: row.insuredName, count: row.items.length })}
      </span>
      {open > 0 && row.items.length > 1 && (
        <button type="button" className="button primary" onClick={() => onTickHousehold(row.items, row.insuredName)}>
          {t('checklist.householdTick', { count: open })}
        </button>
      )}
    </div>
  );
}
