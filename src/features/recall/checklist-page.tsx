import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { db, type LocalItem } from '../../db/db';
import { markAllReturned, markReturned, reopen } from '../../db/item-changes';
import { useInsurerKind } from '../../db/use-insurer-kind';
import { countCollected, isOverdueFor } from '../../domain/checklist';
import { toExcelCsvBytes } from '../../domain/csv/export';
import { exportRows } from '../../domain/csv/export-items';
import { formatCalendarDate, formatInstant, localToday } from '../../domain/dates';
import {
  countByStatus,
  DOCUMENT_KINDS,
  type InsurerKind,
  ITEM_STATUSES,
  RECALL_REASONS,
  type ReturnMethod,
} from '../../domain/recall';
import { filingFor, isCollected, type RecallRoute, routeFor } from '../../domain/recall-route';
import { downloadBytes } from '../../ui/download';
import { Toast, type ToastMessage } from '../../ui/toast';
import { ItemDialog } from './item-dialog';
import { type ChecklistRow, useChecklist } from './use-checklist';
import type { ItemScope } from './use-list-items';

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
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [openItemId, setOpenItemId] = useState<string | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const { filter, setFilter, showOptimistic } = checklist;
  const counts = useMemo(() => countCollected(checklist.items, kind, localToday()), [checklist.items, kind]);
  // Stable handlers for the rows, so a keystroke in the search box does not re-render them; each
  // call reaches the handler of the latest render.
  const actions = useRef<Pick<RowsProps, 'onTick' | 'onUntick' | 'onTickHousehold'> | null>(null);
  const onTick = useCallback((item: LocalItem) => actions.current?.onTick(item), []);
  const onUntick = useCallback((item: LocalItem) => actions.current?.onUntick(item), []);
  const onTickHousehold = useCallback(
    (items: LocalItem[], insuredName: string) => actions.current?.onTickHousehold(items, insuredName),
    [],
  );

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
  const total = counts.to_collect + counts.returned + counts.unreturnable;

  const undoAll = (items: LocalItem[], message: string) => ({
    label: t('list.undo'),
    run: () => {
      showOptimistic(
        items.map((i) => i.id),
        'to_collect',
      );
      void Promise.all(items.map((i) => reopen(db, i.id))).then(() => setToast({ id: Date.now(), text: message }));
    },
  });
  const tick = (item: LocalItem) => {
    showOptimistic([item.id], 'returned');
    void markReturned(db, item.id, method);
    setToast({
      id: Date.now(),
      text: t('list.tickedToast', { name: item.person.name }),
      action: undoAll([item], t('list.undoneToast', { name: item.person.name })),
    });
  };
  const untick = (item: LocalItem) => {
    showOptimistic([item.id], 'to_collect');
    void reopen(db, item.id);
    setToast({ id: Date.now(), text: t('list.undoneToast', { name: item.person.name }) });
  };
  const tickHousehold = (items: LocalItem[], insuredName: string) => {
    const open = items.filter((item) => item.status === 'to_collect');
    showOptimistic(
      open.map((i) => i.id),
      'returned',
    );
    void markAllReturned(
      db,
      open.map((i) => i.id),
      method,
    );
    setToast({
      id: Date.now(),
      text: t('checklist.householdTicked', { name: insuredName, count: open.length }),
      action: undoAll(open, t('list.undoneToast', { name: insuredName })),
    });
  };
  actions.current = { onTick: tick, onUntick: untick, onTickHousehold: tickHousehold };
  const exportCsv = () =>
    downloadBytes(`${title}.csv`, toExcelCsvBytes(exportRows(checklist.items)), 'text/csv;charset=utf-8');

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
          <button type="button" className="button secondary" onClick={exportCsv}>
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

      <p className="results" role="status" data-testid="result-count" data-query={checklist.renderedQuery}>
        {checklist.visibleCount > 0
          ? t('checklist.results', { count: checklist.visibleCount })
          : t('checklist.noResults')}
      </p>
      <VirtualRows
        rows={checklist.rows}
        pendingItemIds={checklist.pendingItemIds}
        kind={kind}
        onTick={onTick}
        onUntick={onUntick}
        onTickHousehold={onTickHousehold}
        onOpen={setOpenItemId}
      />
      {openItemId && (
        <ItemDialog
          itemId={openItemId}
          onClose={() => setOpenItemId(null)}
          onDone={(text) => setToast({ id: Date.now(), text })}
        />
      )}
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}

const ROW_HEIGHTS: Record<ChecklistRow['kind'], number> = { list: 120, household: 72, item: 160 };

type RowsProps = {
  rows: ChecklistRow[];
  pendingItemIds: Set<string | undefined>;
  kind: InsurerKind;
  onTick: (item: LocalItem) => void;
  onUntick: (item: LocalItem) => void;
  onTickHousehold: (items: LocalItem[], insuredName: string) => void;
  onOpen: (itemId: string) => void;
};

/** Only the rows on screen are in the DOM, so 10,000 items scroll and repaint like 50. */
const VirtualRows = memo(function VirtualRows({
  rows,
  pendingItemIds,
  kind,
  onTick,
  onUntick,
  onTickHousehold,
  onOpen,
}: RowsProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => ROW_HEIGHTS[rows[index]?.kind ?? 'item'],
    overscan: 6,
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey: (index) => {
      const row = rows[index];
      if (row?.kind === 'list') return `l:${row.list.id}`;
      return row?.kind === 'household' ? `h:${row.householdId}` : `i:${row?.item.id}`;
    },
  });
  const today = localToday();

  return (
    <ul ref={listRef} className="items" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((virtual) => {
        const row = rows[virtual.index];
        if (!row) return null;
        const style = {
          position: 'absolute' as const,
          top: 0,
          left: 0,
          width: '100%',
          transform: `translateY(${virtual.start - virtualizer.options.scrollMargin}px)`,
        };
        if (row.kind === 'list')
          return (
            <li key={virtual.key} ref={virtualizer.measureElement} data-index={virtual.index} style={style}>
              <ListHeader row={row} />
            </li>
          );
        return row.kind === 'household' ? (
          <li key={virtual.key} ref={virtualizer.measureElement} data-index={virtual.index} style={style}>
            <HouseholdHeader row={row} onTickHousehold={onTickHousehold} />
          </li>
        ) : (
          <li
            key={virtual.key}
            ref={virtualizer.measureElement}
            data-index={virtual.index}
            style={style}
            className={`item ${row.item.status}${isOverdueFor(row.item, kind, today) ? ' overdue' : ''}${row.inHousehold ? ' in-household' : ''}`}
            data-item-id={row.item.id}
          >
            <ItemRow
              item={row.item}
              pending={pendingItemIds.has(row.item.id)}
              overdue={isOverdueFor(row.item, kind, today)}
              route={routeFor(row.item, kind, today)}
              onTick={onTick}
              onUntick={onUntick}
              onOpen={onOpen}
            />
          </li>
        );
      })}
    </ul>
  );
});

function ListHeader({ row }: { row: Extract<ChecklistRow, { kind: 'list' }> }) {
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

function HouseholdHeader({
  row,
  onTickHousehold,
}: {
  row: Extract<ChecklistRow, { kind: 'household' }>;
  onTickHousehold: RowsProps['onTickHousehold'];
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

// A row whose item did not change is not rendered again when the search or a tick moves the others.
const ItemRow = memo(function ItemRow({
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
