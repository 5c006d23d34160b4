import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, getMeta, type MemberContact } from '../../db/db';
import { saveMemberContact } from '../../db/member-contacts';
import { useInsurerKind } from '../../db/use-insurer-kind';
import { toExcelCsvBytes } from '../../domain/csv/export';
import { localToday } from '../../domain/dates';
import { buildOfficialForms, missingOfficeFields, uncollectableCsvRows } from '../../domain/reports/official-forms';
import { downloadBytes } from '../../ui/download';
import { OfficeProfileForm, useOfficeProfile } from './office-profile-form';
import { AttachmentSheet, ReturnNoticeSheet, type SheetContext, UncollectableSheet } from './official-sheets';
import { useShownUntilPrint } from './use-shown-until-print';
import './reports.css';
import './sheets.css';

/**
 * Forms on screen at first and per "show more", in each of the two runs (the lists or 回収連絡書, and
 * the 回収不能届): a form is a printed page of tables, and 10,000 members make thousands of them
 * (35 s to open, scripts/bench/official-forms-screen.ts). The print always has them all (ADR 018).
 */
export const FORMS_PAGE = 20;
/** Forms rendered per task while a print is prepared (a form is about 10 ms of rendering). */
const PRINT_CHUNK = 20;

// A form whose data did not change is not rendered again as the print adds the next ones (linear, not
// quadratic, in the number of forms) or a tick changes another form.
const ReturnNotice = memo(ReturnNoticeSheet);
const Attachment = memo(AttachmentSheet);
const Uncollectable = memo(UncollectableSheet);

/**
 * The forms the office hands in unchanged (docs/decisions/022-official-forms.md): at 協会けんぽ one
 * 回収不能届 per 被保険者 and document kind, and the list of certificates to attach to each 届; at a
 * 健保組合 one 回収連絡書 per recall list and a 回収不能届 / 滅失届 per 被保険者. Built from the items on
 * this tablet each time, so a print always matches the checklist.
 */
export function OfficialFormsPage() {
  const { t } = useTranslation();
  const kind = useInsurerKind();
  const office = useOfficeProfile();
  const session = useLiveQuery(() => getMeta('session'));
  const items = useLiveQuery(() => db.items.toArray());
  const lists = useLiveQuery(() => db.lists.toArray());
  const contacts = useLiveQuery(
    async () => new Map((await db.memberContacts.toArray()).map((r) => [r.householdId, r.contact])),
  );
  // Items in reports sent from this tablet whose mark has not come back with a pull yet.
  const sentItemIds = useLiveQuery(async () => {
    const sent = await db.reports.where('status').anyOf('submitted', 'received').toArray();
    return new Set(sent.flatMap((report) => report.itemIds));
  });
  // 高齢受給者証 有無: the clerk ticks it; 無 unless ticked (the tablet's lists do not carry it).
  const [elderly, setElderly] = useState<ReadonlySet<string>>(new Set());
  // Issue 15: a printed list never repeats what an earlier report carried, unless the clerk asks for all.
  const [unreportedOnly, setUnreportedOnly] = useState(true);
  const today = localToday();
  const forms = useMemo(
    () =>
      items && lists && sentItemIds
        ? buildOfficialForms({
            insurerKind: kind,
            items,
            lists,
            today,
            dayOf: (instant) => localToday(new Date(instant)),
            unreportedOnly,
            sentItemIds,
          })
        : null,
    [items, lists, kind, today, unreportedOnly, sentItemIds],
  );
  const filed = useShownUntilPrint(
    forms ? (forms.kind === 'kyokai' ? forms.attachments.length : forms.returnNotices.length) : 0,
    FORMS_PAGE,
  );
  const uncollectable = useShownUntilPrint(forms?.uncollectable.length ?? 0, FORMS_PAGE);
  const [preparing, setPreparing] = useState(false);
  const insurerName = session?.insurer.name ?? '';
  const context = useMemo<SheetContext | null>(
    () => (office ? { office, insurerName, submittedOn: today } : null),
    [office, insurerName, today],
  );
  const onElderly = useCallback((itemId: string, has: boolean) => {
    setElderly((before) => {
      const next = new Set(before);
      if (has) next.add(itemId);
      else next.delete(itemId);
      return next;
    });
  }, []);
  if (!forms || !office || !contacts || !context) return <p>{t('app.loading')}</p>;

  const missing = missingOfficeFields(office);
  const print = async () => {
    setPreparing(true);
    try {
      await filed.showAll(PRINT_CHUNK);
      await uncollectable.showAll(PRINT_CHUNK);
    } finally {
      setPreparing(false);
    }
    window.print();
  };
  const filedTotal = forms.kind === 'kyokai' ? forms.attachments.length : forms.returnNotices.length;
  const count = forms.uncollectable.length + filedTotal;
  const ready = Math.min(filed.shown, filedTotal) + Math.min(uncollectable.shown, forms.uncollectable.length);
  return (
    <div className="official-forms">
      <div className="forms-toolbar">
        <Link className="back-link" to="/reports">
          {t('reports.back')}
        </Link>
        <h1>{t('officialForms.title')}</h1>
        <p>{t(kind === 'kyokai' ? 'officialForms.introKyokai' : 'officialForms.introKumiai')}</p>
        <OfficeProfileForm />
        {missing.length > 0 && (
          <p className="form-error" role="alert">
            {t('officialForms.officeMissing', {
              fields: missing.map((key) => t(`officialForms.office.${key}`)).join('、'),
            })}
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={unreportedOnly} onChange={(e) => setUnreportedOnly(e.target.checked)} />
          {t('officialForms.unreportedOnly')}
        </label>
        <p className="field-hint">
          {t('officialForms.unreportedHint')}{' '}
          <Link className="touch-link" to="/reports">
            {t('officialForms.earlierReports')}
          </Link>
        </p>
        <p role="status">{t('officialForms.count', { count })}</p>
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={count === 0 || preparing}
            onClick={() => void print()}
          >
            {t('reports.print')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={forms.uncollectable.length === 0}
            onClick={() =>
              // The file name carries no personal data.
              downloadBytes(
                `回収不能届_${today}.csv`,
                toExcelCsvBytes(uncollectableCsvRows(forms.uncollectable, elderly, contacts)),
                'text/csv;charset=utf-8',
              )
            }
          >
            {t('officialForms.csv')}
          </button>
        </div>
        {preparing && (
          <p className="forms-preparing" aria-live="polite">
            <progress max={count} value={ready} /> {t('officialForms.preparing', { done: ready, total: count })}
          </p>
        )}
      </div>
      {forms.kind === 'kumiai' &&
        forms.returnNotices
          .slice(0, filed.shown)
          .map((notice) => <ReturnNotice key={notice.key} notice={notice} context={context} />)}
      {forms.kind === 'kyokai' &&
        forms.attachments
          .slice(0, filed.shown)
          .map((list) => <Attachment key={list.key} list={list} context={context} />)}
      <MoreForms shown={filed} total={filedTotal} />
      {forms.uncollectable.slice(0, uncollectable.shown).map((form) => (
        <Uncollectable
          key={form.key}
          form={form}
          context={context}
          elderly={elderly}
          onElderly={onElderly}
          contact={contacts.get(form.householdId) ?? null}
          onContact={saveContact}
        />
      ))}
      <MoreForms shown={uncollectable} total={forms.uncollectable.length} />
    </div>
  );
}

const saveContact = (householdId: string, contact: MemberContact) => saveMemberContact(householdId, contact);

/** "Show the next n forms", on screen only; gone once all are shown (and so at print). */
function MoreForms({ shown, total }: { shown: ReturnType<typeof useShownUntilPrint>; total: number }) {
  const { t } = useTranslation();
  if (!shown.more) return null;
  return (
    <p className="forms-more">
      <button type="button" className="button secondary" onClick={shown.more}>
        {t('officialForms.more', { count: shown.next, total })}
      </button>
    </p>
  );
}
