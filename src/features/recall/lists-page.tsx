import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, getMeta, type LocalItem, type LocalList } from '../../db/db';
import { isRemovable, type ListRemovalPreview, previewListRemoval, removeImportedList } from '../../db/remove-list';
import { countCollected } from '../../domain/checklist';
import { formatInstant, localToday } from '../../domain/dates';
import type { StatusCounts } from '../../domain/recall';

type ListWithCounts = LocalList & { counts: StatusCounts; removable: boolean };

async function listsWithCounts(): Promise<ListWithCounts[]> {
  const [lists, items, session] = await Promise.all([db.lists.toArray(), db.items.toArray(), getMeta('session')]);
  const kind = session?.insurer.kind ?? 'kumiai';
  const today = localToday();
  // One array per list, pushed to: copying it for every item made a 10,000-item list quadratic.
  const byList = new Map<string, LocalItem[]>();
  for (const item of items) {
    const own = byList.get(item.listId);
    if (own) own.push(item);
    else byList.set(item.listId, [item]);
  }
  // An imported list the insurer holds is the office's (docs/decisions/025): no tablet removes it alone.
  const removable = await Promise.all(lists.map((list) => isRemovable(db, list)));
  return lists
    .map((list, index) => ({
      ...list,
      counts: countCollected(byList.get(list.id) ?? [], kind, today),
      removable: removable[index] === true,
    }))
    .sort((a, b) => b.period.localeCompare(a.period) || b.receivedAt.localeCompare(a.receivedAt));
}

/** Cards shown at first and added per "show more": a tablet keeps years of lists (ADR 018). */
export const LIST_PAGE = 50;

export function ListsPage() {
  const { t, i18n } = useTranslation();
  const lists = useLiveQuery(listsWithCounts);
  const [removed, setRemoved] = useState<string | null>(null);
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
          <Link className="button primary link-button" to="/events/new">
            {t('hrEvent.nav')}
          </Link>
        </div>
      </div>
      <p role="status" className="list-removed">
        {removed ? t('lists.removed', { title: removed }) : ''}
      </p>
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
              {list.removable && <RemoveImportedList listId={list.id} title={list.title} onRemoved={setRemoved} />}
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

/**
 * A list imported by mistake leaves the tablet here (issue 21), not only by wiping it at sign-out.
 * First what goes with it (records not yet reported, reports, unsent changes), then a confirmation.
 */
function RemoveImportedList({
  listId,
  title,
  onRemoved,
}: {
  listId: string;
  title: string;
  onRemoved: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ListRemovalPreview | null>(null);
  const [failed, setFailed] = useState(false);
  const questionId = `remove-${listId}`;
  if (!preview)
    return (
      <>
        <button
          type="button"
          className="button warning list-remove"
          aria-label={t('lists.removeFor', { title })}
          onClick={() => void previewListRemoval(db, listId).then(setPreview, () => setFailed(true))}
        >
          {t('lists.remove')}
        </button>
        {failed && (
          <p className="form-error" role="alert">
            {t('lists.removeFailed')}
          </p>
        )}
      </>
    );
  const nothing = preview.unreported === 0 && preview.reports === 0 && preview.unsent === 0;
  return (
    <fieldset className="list-remove-confirm" aria-describedby={questionId}>
      <legend>{t('lists.removeQuestion', { title })}</legend>
      <ul id={questionId}>
        <li>{t('lists.removeItems', { count: preview.items })}</li>
        {preview.unreported > 0 && <li>{t('lists.removeUnreported', { count: preview.unreported })}</li>}
        {preview.reports > 0 && <li>{t('lists.removeReports', { count: preview.reports })}</li>}
        {preview.unsent > 0 && <li>{t('lists.removeUnsent', { count: preview.unsent })}</li>}
        {nothing && <li>{t('lists.removeNothingUnsent')}</li>}
      </ul>
      <div className="page-actions">
        <button
          type="button"
          className="button warning"
          onClick={async () => {
            try {
              await removeImportedList(db, listId);
              onRemoved(title);
            } catch {
              setPreview(null);
              setFailed(true);
            }
          }}
        >
          {t('lists.removeYes')}
        </button>
        <button
          type="button"
          className="button secondary"
          // biome-ignore lint/a11y/noAutofocus: the question just appeared where the clerk tapped; focus goes to the safe answer
          autoFocus
          onClick={() => setPreview(null)}
        >
          {t('lists.removeNo')}
        </button>
      </div>
    </fieldset>
  );
}
