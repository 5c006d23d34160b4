import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { db, type LocalItem } from '../../db/db';
import { markReturned, reopen } from '../../db/item-changes';
import { formatCalendarDate, formatInstant, isOverdue, localToday } from '../../domain/dates';
import { countByStatus, ITEM_STATUSES } from '../../domain/recall';
import { Toast, type ToastMessage } from '../../ui/toast';

const statusOrder = (item: LocalItem) => ITEM_STATUSES.indexOf(item.status);

async function loadList(listId: string) {
  const [list, items, pending] = await Promise.all([
    db.lists.get(listId),
    db.items.where('listId').equals(listId).toArray(),
    db.outbox.where('status').equals('pending').toArray(),
  ]);
  items.sort(
    (a, b) => statusOrder(a) - statusOrder(b) || a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
  );
  return { list: list ?? null, items, pendingItemIds: new Set(pending.map((entry) => entry.itemId)) };
}

export function ListPage() {
  const { listId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const data = useLiveQuery(() => loadList(listId), [listId]);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);

  if (!data) return <p>{t('app.loading')}</p>;
  if (!data.list) {
    return (
      <>
        <p>{t('list.notFound')}</p>
        <Link to="/">{t('list.back')}</Link>
      </>
    );
  }
  const counts = countByStatus(data.items);
  const today = localToday();

  const tick = async (item: LocalItem) => {
    await markReturned(db, item.id, 'hand');
    setToast({
      id: Date.now(),
      text: t('list.tickedToast', { name: item.person.name }),
      action: { label: t('list.undo'), run: () => void undo(item) },
    });
  };
  const undo = async (item: LocalItem) => {
    await reopen(db, item.id);
    setToast({ id: Date.now(), text: t('list.undoneToast', { name: item.person.name }) });
  };

  return (
    <>
      <Link className="back-link" to="/">
        {t('list.back')}
      </Link>
      <h1>{data.list.title}</h1>
      <p className="progress" data-testid="list-progress">
        {t('list.progress', {
          toCollect: counts.to_collect,
          returned: counts.returned,
          unreturnable: counts.unreturnable,
        })}
      </p>
      <ul className="items">
        {data.items.map((item) => {
          const overdue = isOverdue(item.dueDate, item.status, today);
          return (
            <li key={item.id} className={`item ${item.status}${overdue ? ' overdue' : ''}`} data-item-id={item.id}>
              <div className="item-who">
                <span className="item-name">{item.person.name}</span>
                <span className="item-kana">{item.person.kana}</span>
                <span className="tag">{t(`relation.${item.relation}`)}</span>
              </div>
              <div className="item-what">
                <span>{t(`document.${item.documentKind}`)}</span>
                <span>{t(`reason.${item.reason}`)}</span>
                <span className={overdue ? 'due overdue' : 'due'}>
                  {t('list.due', { date: formatCalendarDate(item.dueDate, i18n.language) })}
                  {overdue && <strong className="tag warning">{t('list.overdue')}</strong>}
                </span>
              </div>
              <div className="item-status">
                <span className={`status-label ${item.status}`}>{t(`itemStatus.${item.status}`)}</span>
                {item.returnedAt && item.status === 'returned' && (
                  <span className="item-time">
                    {t('list.returnedAt', { time: formatInstant(item.returnedAt, i18n.language) })}
                  </span>
                )}
                {data.pendingItemIds.has(item.id) && <span className="tag pending">{t('list.pendingSync')}</span>}
              </div>
              <div className="item-actions">
                {item.status === 'to_collect' ? (
                  <button
                    type="button"
                    className="button primary"
                    aria-label={t('list.markReturnedFor', { name: item.person.name })}
                    onClick={() => void tick(item)}
                  >
                    {t('list.markReturned')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('list.undoFor', { name: item.person.name })}
                    onClick={() => void undo(item)}
                  >
                    {t('list.undo')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}
