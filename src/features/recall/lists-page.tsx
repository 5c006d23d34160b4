import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, type LocalItem, type LocalList } from '../../db/db';
import { formatInstant } from '../../domain/dates';
import { countByStatus, type StatusCounts } from '../../domain/recall';

type ListWithCounts = LocalList & { counts: StatusCounts };

async function listsWithCounts(): Promise<ListWithCounts[]> {
  const [lists, items] = await Promise.all([db.lists.toArray(), db.items.toArray()]);
  // One array per list, pushed to: copying it for every item made a 10,000-item list quadratic.
  const byList = new Map<string, LocalItem[]>();
  for (const item of items) {
    const own = byList.get(item.listId);
    if (own) own.push(item);
    else byList.set(item.listId, [item]);
  }
  return lists
    .sort((a, b) => b.period.localeCompare(a.period) || b.receivedAt.localeCompare(a.receivedAt))
    .map((list) => ({ ...list, counts: countByStatus(byList.get(list.id) ?? []) }));
}

/** Cards shown at first and added per "show more": a tablet keeps years of lists (ADR 018). */
export const LIST_PAGE = 50;

export function ListsPage() {
  const { t, i18n } = useTranslation();
  const lists = useLiveQuery(listsWithCounts);
  const [shown, setShown] = useState(LIST_PAGE);
  if (!lists) return <p>{t('app.loading')}</p>;
  return (
    <>
      <div className="page-head">
        <h1>{t('lists.title')}</h1>
        <div className="page-actions">
          {lists.length > 0 && (
            <Link className="button secondary link-button" to="/all-lists">
              {t('allLists.open')}
            </Link>
          )}
          <Link className="button secondary link-button" to="/scan">
            {t('checklist.scan')}
          </Link>
          <Link className="button secondary link-button" to="/import">
            {t('checklist.import')}
          </Link>
        </div>
      </div>
      {lists.length === 0 ? (
        <p>{t('lists.empty')}</p>
      ) : (
        <ul className="list-cards">
          {lists.slice(0, shown).map((list) => (
            <li key={list.id}>
              <Link className="list-card" to={`/lists/${list.id}`}>
                <span className="list-title">{list.title}</span>
                <span className="list-received">
                  {t('lists.received', { date: formatInstant(list.receivedAt, i18n.language) })}
                </span>
                <span className="counts">
                  <Count label={t('lists.toCollect')} value={list.counts.to_collect} kind="to_collect" />
                  <Count label={t('lists.returned')} value={list.counts.returned} kind="returned" />
                  <Count label={t('lists.unreturnable')} value={list.counts.unreturnable} kind="unreturnable" />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {lists.length > shown && (
        <button type="button" className="button secondary" onClick={() => setShown(shown + LIST_PAGE)}>
          {t('lists.showMore', { count: Math.min(LIST_PAGE, lists.length - shown), rest: lists.length - shown })}
        </button>
      )}
    </>
  );
}

function Count({ label, value, kind }: { label: string; value: number; kind: string }) {
  return (
    <span className={`count ${kind}`} data-testid={`count-${kind}`}>
      <span className="count-label">{label}</span>
      <span className="count-value">{value}</span>
    </span>
  );
}
