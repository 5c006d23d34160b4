import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalItem } from '../../db/db';
import { formatCalendarDate, formatInstant } from '../../domain/dates';
import { filingFor, isCollected, type RecallRoute } from '../../domain/recall-route';

// A row whose item did not change is not rendered again when the search or a tick moves the others.
export const ItemRow = memo(function ItemRow({
  item,
  pending,
  overdue,
  route,
  onTick,
  onUntick,
  onOpen,
}: {
  item: LocalItem;
  pending: boolean;
  overdue: boolean;
  route: RecallRoute;
  onTick: (item: LocalItem) => void;
  onUntick: (item: LocalItem) => void;
  onOpen: (itemId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = item.person.name;
  return (
    <div className="item-grid">
      <div className="item-who">
        <span className="item-name">{name}</span>
        <span className="item-kana">{item.person.kana}</span>
        <span className="tag">{t(`relation.${item.relation}`)}</span>
      </div>
      {/* Tells apart members of one family with the same name without opening 詳細 (issue 21). */}
      <div className="item-ids">
        <span>
          {t('list.symbolNumber', {
            symbol: item.person.symbol,
            number: item.person.number,
            branch: item.person.branch,
          })}
        </span>
        {item.issueNo ? (
          <span>{t('list.issueNo', { issueNo: item.issueNo })}</span>
        ) : (
          <span>
            <span aria-hidden="true">{t('list.noIssueNo')}</span>
            <span className="visually-hidden">{t('list.noIssueNoSpoken')}</span>
          </span>
        )}
      </div>
      <div className="item-what">
        <span>{t(`document.${item.documentKind}`)}</span>
        <span>{t(`reason.${item.reason}`)}</span>
        <span className={isCollected(route) ? 'tag route' : 'tag route not-collected'} data-route={route}>
          {t(routeLabelKey(route, item))}
        </span>
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
        {item.status === 'unreturnable' && item.unreturnableKind && (
          <span className="item-time">{t(`unreturnableKind.${item.unreturnableKind}`)}</span>
        )}
        {pending && <span className="tag pending">{t('list.pendingSync')}</span>}
      </div>
      <div className="item-actions">
        {item.status === 'to_collect' && !isCollected(route) ? null : item.status === 'to_collect' ? (
          <button
            type="button"
            className="button primary"
            // Named for the document in hand: an old card is a 健康保険証, not a 資格確認書 (issue 21).
            aria-label={t('list.markReturnedFor', { name, document: t(`document.${item.documentKind}`) })}
            onClick={() => onTick(item)}
          >
            {t('list.markReturned')}
          </button>
        ) : item.inReport ? null : (
          // In a report the insurer holds (from any tablet): no undo here; the details say why.
          <button
            type="button"
            className="button secondary"
            aria-label={t('list.undoFor', { name })}
            onClick={() => onUntick(item)}
          >
            {t('list.undo')}
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          aria-label={t('checklist.detailsFor', { name })}
          onClick={() => onOpen(item.id)}
        >
          {t('checklist.details')}
        </button>
      </div>
    </div>
  );
});

/** The route in words a clerk acts on; at 協会けんぽ it names the 届 the certificate goes with. */
export function routeLabelKey(route: RecallRoute, item: Pick<LocalItem, 'reason' | 'hrEvent'>): string {
  return route === 'attach_to_filing' ? `route.attach_to_filing_${filingFor(item)}` : `route.${route}`;
}
