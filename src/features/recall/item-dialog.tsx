import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../../db/db';
import { markReturned, markUnreturnable, reopen } from '../../db/item-changes';
import { liveReportOf } from '../../db/reports';
import { useInsurerKind } from '../../db/use-insurer-kind';
import type { UnreturnableKind } from '../../domain/collection-status';
import { formatCalendarDate, formatInstant, localToday } from '../../domain/dates';
import { filingFor, isCollected, routeFor } from '../../domain/recall-route';

type Props = {
  itemId: string;
  onClose: () => void;
  onDone: (message: string) => void;
};

/**
 * One member's certificate: what is printed on it, its audit trail, and every status change,
 * including "cannot be returned" with the kind and reason the 回収不能届/滅失届 will carry.
 * A native modal <dialog>: focus stays inside, Escape closes, focus returns to the row.
 */
export function ItemDialog({ itemId, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const item = useLiveQuery(() => db.items.get(itemId), [itemId]);
  const insurerKind = useInsurerKind();
  // null: in no report the insurer holds (undefined while loading).
  const inReport = useLiveQuery(async () => (await liveReportOf(db, itemId)) ?? null, [itemId]);
  const history = useLiveQuery(() => db.history.where('itemId').equals(itemId).reverse().sortBy('seq'), [itemId]);
  const [kind, setKind] = useState<UnreturnableKind>('lost');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);

  const loaded = item !== undefined;
  useEffect(() => {
    const dialog = ref.current;
    if (loaded && dialog && !dialog.open) dialog.showModal();
  }, [loaded]);

  if (!item) return null;
  // An item in a submitted report keeps its status here as at the insurer: changing it needs a
  // correcting report, so the clerk is told that instead of a silent reopen the insurer would refuse.
  const route = item ? routeFor(item, insurerKind, localToday()) : 'return_to_kumiai';
  // What the office does not collect (the member posts it back or destroys it, it has expired) is
  // never ticked or reported here: it would end up on the office's forms (docs/domain.md).
  const notOurs = !isCollected(route) && item?.status === 'to_collect';
  const locked = inReport !== null || notOurs;
  const date = (iso: string | null) => (iso ? formatCalendarDate(iso, i18n.language) : '—');
  const name = item.person.name;

  const act = async (run: () => Promise<void>, message: string) => {
    await run();
    onDone(message);
    ref.current?.close();
  };
  const saveUnreturnable = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    void act(
      () => markUnreturnable(db, item.id, kind, reason),
      t('itemDialog.unreturnableSaved', { name, kind: t(`unreturnableKind.${kind}`) }),
    );
  };

  return (
    <dialog ref={ref} className="item-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog-head">
        <h2 id={titleId}>
          {name} <span className="item-kana">{item.person.kana}</span>
        </h2>
        <button type="button" className="button secondary" onClick={() => ref.current?.close()}>
          {t('itemDialog.close')}
        </button>
      </div>
      <dl className="facts">
        <Fact label={t('itemDialog.status')} value={t(`itemStatus.${item.status}`)} />
        <Fact label={t('itemDialog.issueNo')} value={item.issueNo || '—'} />
        <Fact
          label={t('itemDialog.symbolNumber')}
          value={`${item.person.symbol}・${item.person.number}・${item.person.branch}`}
        />
        <Fact label={t('itemDialog.relation')} value={t(`relation.${item.relation}`)} />
        <Fact label={t('itemDialog.insured')} value={item.person.insuredName} />
        <Fact label={t('itemDialog.birthDate')} value={date(item.person.birthDate)} />
        <Fact label={t('itemDialog.issuedOn')} value={date(item.issuedOn)} />
        <Fact label={t('itemDialog.expiresOn')} value={date(item.expiresOn)} />
        {item.lossDate && <Fact label={t('itemDialog.lossDate')} value={date(item.lossDate)} />}
        <Fact label={t('itemDialog.due')} value={date(item.dueDate)} />
        <Fact
          label={t('route.filter')}
          value={t(route === 'attach_to_filing' ? `route.attach_to_filing_${filingFor(item)}` : `route.${route}`)}
        />
        <Fact label={t('list.columns.reason')} value={t(`reason.${item.reason}`)} />
        {item.status === 'unreturnable' && item.unreturnableKind && (
          <Fact
            label={t('itemDialog.unreturnable')}
            value={`${t(`unreturnableKind.${item.unreturnableKind}`)}：${item.unreturnableReason ?? ''}`}
          />
        )}
      </dl>

      {notOurs && (
        <p className="form-error" role="note" data-testid="not-collected">
          {t('route.notCollectedHint')}
        </p>
      )}
      {inReport && (
        <p className="form-error" role="note" data-testid="in-report">
          {t('itemDialog.inReport', {
            form: t(`reports.forms.${inReport.form}`),
            date: date(inReport.createdOn),
          })}
        </p>
      )}
      <div className="dialog-actions">
        {!locked && item.status !== 'returned' && (
          <>
            <button
              type="button"
              className="button primary"
              onClick={() => void act(() => markReturned(db, item.id, 'hand'), t('list.tickedToast', { name }))}
            >
              {t('itemDialog.markReturnedHand')}
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => void act(() => markReturned(db, item.id, 'post'), t('list.tickedToast', { name }))}
            >
              {t('itemDialog.markReturnedPost')}
            </button>
          </>
        )}
        {!locked && item.status !== 'to_collect' && (
          <button
            type="button"
            className="button secondary"
            onClick={() => void act(() => reopen(db, item.id), t('itemDialog.reopened', { name }))}
          >
            {t('itemDialog.reopen')}
          </button>
        )}
      </div>

      {!locked && item.status !== 'unreturnable' && (
        <form className="unreturnable-form" onSubmit={saveUnreturnable} noValidate>
          <fieldset>
            <legend>{t('itemDialog.unreturnable')}</legend>
            <div className="radio-row" role="radiogroup" aria-label={t('itemDialog.unreturnableKind')}>
              {(['lost', 'uncollectable'] as const).map((value) => (
                <label key={value} className="radio">
                  <input
                    type="radio"
                    name="kind"
                    value={value}
                    checked={kind === value}
                    onChange={() => setKind(value)}
                  />
                  {t(value === 'lost' ? 'itemDialog.kindLost' : 'itemDialog.kindUncollectable')}
                </label>
              ))}
            </div>
            <label className="field">
              <span>{t('itemDialog.unreturnableReason')}</span>
              <textarea
                value={reason}
                maxLength={500}
                rows={2}
                aria-invalid={reasonError}
                aria-describedby={reasonError ? `${titleId}-reason-error` : undefined}
                onChange={(event) => {
                  setReason(event.target.value);
                  setReasonError(false);
                }}
              />
            </label>
            {reasonError && (
              <p id={`${titleId}-reason-error`} className="form-error" role="alert">
                {t('itemDialog.reasonRequired')}
              </p>
            )}
            <button type="submit" className="button secondary">
              {t('itemDialog.saveUnreturnable')}
            </button>
          </fieldset>
        </form>
      )}

      <h3>{t('itemDialog.history')}</h3>
      {history && history.length > 0 ? (
        <ol className="history">
          {history.map((entry) => (
            <li key={entry.seq}>
              {t('itemDialog.historyEntry', {
                time: formatInstant(entry.at, i18n.language),
                what: [
                  t(`historyType.${entry.type}`),
                  entry.detail && entry.type === 'item.returned' ? t(`historyType.${entry.detail}`) : entry.detail,
                ]
                  .filter(Boolean)
                  .join('・'),
                device: entry.deviceId.slice(0, 8),
              })}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('itemDialog.noHistory')}</p>
      )}
    </dialog>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
