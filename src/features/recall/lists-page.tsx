import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, getMeta, type LocalItem, type LocalList } from '../../db/db';
import { countCollected } from '../../domain/checklist';
import { formatInstant, localToday } from '../../domain/dates';
import type { StatusCounts } from '../../domain/recall';

type ListWithCounts = LocalList & { counts: StatusCounts };

async function listsWithCounts(): Promise<ListWithCounts[]> {
  const [lists, items, session] = await Promise.all([db.lists.toArray(), db.items.toArray(), getMeta('session')]);
  const kind = session?.insurer.kind ?? 'kumiai';
  const today = localToday();
  const byList = new Map<string, LocalItem[]>();
  for (const item of items) byList.set(item.listId, [...(byList.get(item.listId) ?? []), item]);
  return lists
    .sort((a, b) => b.period.localeCompare(a.period) || b.receivedAt.localeCompare(a.receivedAt))
    .map((list) => ({ ...list, counts: countCollected(byList.get(list.id) ?? [], kind, today) }));
}

export function ListsPage() {
  const { t, i18n } = useTranslation();
  const lists = useLiveQuery(listsWithCounts);
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
          <Link className="button primary link-button" to="/events/new">
            {t('hrEvent.nav')}
          </Link>
        </div>
      </div>
      {lists.length === 0 ? (
        <p>{t('lists.empty')}</p>
      ) : (
        <ul className="list-cards">
          {lists.map((list) => (
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
