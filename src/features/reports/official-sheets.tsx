import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberContact } from '../../db/db';
import { DOCUMENT_KIND_LABELS, RELATION_LABELS, SEX_LABELS } from '../../domain/csv/labels';
import {
  type AttachmentList,
  FILING_TITLES,
  type InsuredHead,
  type OfficeProfile,
  type ReturnNoticeForm,
  UNCOLLECTABLE_TITLES,
  type UncollectableForm,
} from '../../domain/reports/official-forms';
import { formatWareki } from '../../domain/wareki';
import { Field, label, OfficeBlock, ReturnRowsTable, SheetHead, wareki } from './sheet-parts';
import { useShownUntilPrint } from './use-shown-until-print';

/** 令和8年3月 for a list month YYYY-MM. */
export const warekiMonth = (period: string) =>
  /^\d{4}-\d{2}$/.test(period) ? formatWareki(`${period}-01`).replace(/\d+日$/, '') : period;

export type SheetContext = { office: OfficeProfile; insurerName: string; submittedOn: string };

function Head({ title, context }: { title: string; context: SheetContext }) {
  return <SheetHead title={title} to={`${context.insurerName} 御中`} submittedOn={context.submittedOn} />;
}

function InsuredTable({ insured, contact }: { insured: InsuredHead; contact?: MemberContact | null }) {
  return (
    <table className="form-fields" aria-label="被保険者">
      <caption>被保険者</caption>
      <tbody>
        <Field name="被保険者証の記号">{insured.symbol}</Field>
        <Field name="被保険者証の番号">{insured.number}</Field>
        <Field name="被保険者氏名">{insured.name}</Field>
        <Field name="被保険者生年月日">{wareki(insured.birthDate)}</Field>
        {contact !== undefined && (
          <>
            {/* DOMAIN.md: under DV protection 「an address is never shown or printed」. */}
            <Field name="被保険者住所">{contact?.dvProtected ? '（記載しません）' : (contact?.address ?? '')}</Field>
            <Field name="被保険者電話番号">{contact?.phone ?? ''}</Field>
          </>
        )}
      </tbody>
    </table>
  );
}

export function UncollectableSheet({
  form,
  context,
  elderly,
  onElderly,
  contact,
  onContact,
}: {
  form: UncollectableForm;
  context: SheetContext;
  elderly: ReadonlySet<string>;
  onElderly: (itemId: string, has: boolean) => void;
  contact: MemberContact | null;
  onContact: (householdId: string, contact: MemberContact) => Promise<void>;
}) {
  const title = UNCOLLECTABLE_TITLES[form.form];
  const lostForm = form.form === 'kumiai_lost';
  return (
    <article
      className="print-sheet official-form"
      lang="ja"
      aria-label={title}
      data-testid="official-form"
      data-form={form.form}
    >
      <Head title={title} context={context} />
      <p className="sheet-lead">
        {lostForm
          ? '下記の者の資格確認書等は滅失したため、返納できないことを届け出ます。'
          : '下記の者の資格確認書等は、次の理由により回収できないため届け出ます。'}
      </p>
      <InsuredTable insured={form.insured} contact={contact} />
      <ContactEditor who={form.insured.name} contact={contact} onSave={(next) => onContact(form.householdId, next)} />
      {form.persons.map((person, index) => (
        <table key={person.itemId} className="form-fields person" aria-label={`対象者 ${index + 1}`}>
          <caption>回収できない対象者 {index + 1}</caption>
          <tbody>
            <Field name="氏名">
              {person.name}（{person.kana}）
            </Field>
            <Field name="続柄">{label(RELATION_LABELS[person.relation])}</Field>
            <Field name="生年月日">{wareki(person.birthDate)}</Field>
            <Field name="性別">{label(SEX_LABELS[person.sex])}</Field>
            <Field name="発行No.">{person.issueNo}</Field>
            <Field name="交付年月日">{wareki(person.issuedOn)}</Field>
            <Field name="有効期限">{wareki(person.expiresOn)}</Field>
            <Field name="資格喪失年月日">{wareki(person.lossDate)}</Field>
            <Field name="高齢受給者証">
              <span className="elderly-value">{elderly.has(person.itemId) ? '有' : '無'}</span>
              <label className="elderly-toggle">
                <input
                  type="checkbox"
                  checked={elderly.has(person.itemId)}
                  onChange={(e) => onElderly(person.itemId, e.target.checked)}
                />{' '}
                {person.name} の高齢受給者証あり
              </label>
            </Field>
            <Field name={lostForm ? '滅失の理由' : '回収できない理由'}>{person.reason}</Field>
          </tbody>
        </table>
      ))}
      <OfficeBlock office={context.office} />
    </article>
  );
}

export function AttachmentSheet({ list, context }: { list: AttachmentList; context: SheetContext }) {
  const title = '資格確認書等 添付一覧';
  return (
    <article
      className="print-sheet official-form"
      lang="ja"
      aria-label={title}
      data-testid="official-form"
      data-form="attachment"
    >
      <Head title={title} context={context} />
      <p className="sheet-lead">
        添付する届書：<strong>{FILING_TITLES[list.filing]}</strong>
        <br />
        下記の資格確認書等を届書に添えて日本年金機構（年金事務所）へ返納します。
      </p>
      <InsuredTable insured={list.insured} />
      <table className="sheet-rows">
        <colgroup>
          <col style={{ width: '7%' }} />
          <col style={{ width: '35%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '25%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">氏名</th>
            <th scope="col">本人・家族</th>
            <th scope="col">書類</th>
            <th scope="col">発行No.</th>
          </tr>
        </thead>
        <tbody>
          {list.persons.map((person, index) => (
            <tr key={person.itemId}>
              <td className="no">{index + 1}</td>
              <td className="name">{person.name}</td>
              <td>{label(RELATION_LABELS[person.relation])}</td>
              <td>{label(DOCUMENT_KIND_LABELS[person.documentKind])}</td>
              <td>{person.issueNo}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="form-fields kind-counts" aria-label="枚数">
        <tbody>
          <Field name="資格確認書">{list.counts.certificate} 枚</Field>
          <Field name="健康保険証">{list.counts.old_card} 枚</Field>
        </tbody>
      </table>
      {/* After an e-Gov 電子申請 the certificates are mailed to the 年金事務所 with the 到達番号 (nenkin.go.jp
          「資格確認書等の返納手続き」; DOMAIN.md): this page is then the 送付書, the number written by hand. */}
      <table className="form-fields" aria-label="電子申請">
        <tbody>
          <Field name="提出方法">□ 紙の届書に添付　　□ 電子申請（e-Gov）後に郵送</Field>
          <Field name="電子申請の到達番号">{'\u3000'}</Field>
        </tbody>
      </table>
      <OfficeBlock office={context.office} />
    </article>
  );
}

/** Rows of a 回収連絡書 on screen at first and per "show more"; the print always has them all (ADR 018). */
export const NOTICE_ROWS_PAGE = 200;

export function ReturnNoticeSheet({ notice, context }: { notice: ReturnNoticeForm; context: SheetContext }) {
  const { t } = useTranslation();
  const title = '資格確認書回収連絡書';
  // One list's notice holds every certificate that came back from it: 7,000 rows were 50,000 elements
  // on the forms screen (scripts/bench/official-forms-screen.ts).
  const rows = useShownUntilPrint(notice.rows.length, NOTICE_ROWS_PAGE);
  return (
    <article
      className="print-sheet official-form"
      lang="ja"
      aria-label={title}
      data-testid="official-form"
      data-form="return_notice"
    >
      <Head title={title} context={context} />
      <table className="form-fields" aria-label="回収対象者リスト">
        <tbody>
          <Field name="回答する回収対象者リスト">
            {warekiMonth(notice.period)}分 {notice.listTitle}
          </Field>
          <Field name="事業所記号">{context.office.officeSymbol}</Field>
        </tbody>
      </table>
      <p className="sheet-lead">下記のとおり資格確認書等を回収しましたので、同封して返却します。</p>
      <table className="form-fields kind-counts" aria-label="同封枚数">
        <tbody>
          <Field name="資格確認書">{notice.counts.certificate} 枚</Field>
          <Field name="健康保険証">{notice.counts.old_card} 枚</Field>
          <Field name="合計">{notice.counts.certificate + notice.counts.old_card} 枚</Field>
        </tbody>
      </table>
      <ReturnRowsTable rows={notice.rows.slice(0, rows.shown)} />
      {rows.more && (
        <p className="sheet-more">
          <button type="button" className="button secondary" onClick={rows.more}>
            {t('reports.sheetMore', { count: rows.next, total: notice.rows.length })}
          </button>
        </p>
      )}
      <OfficeBlock office={context.office} />
    </article>
  );
}

/**
 * The 被保険者's 住所・電話 for this form, typed by the clerk (screen only, never printed as an input).
 * Ticking DV protection hides the address field and the saved address is dropped.
 */
function ContactEditor({
  who,
  contact,
  onSave,
}: {
  who: string;
  contact: MemberContact | null;
  onSave: (contact: MemberContact) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MemberContact>({ address: '', phone: '', dvProtected: false });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (contact) setDraft(contact);
  }, [contact]);
  const change = (next: Partial<MemberContact>) => {
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  return (
    <fieldset className="contact-editor">
      <legend>{t('officialForms.contactLegend', { name: who })}</legend>
      <label className="field">
        <span>{t('officialForms.contactDv')}</span>
        <input
          type="checkbox"
          checked={draft.dvProtected}
          onChange={(e) => change({ dvProtected: e.target.checked })}
        />
      </label>
      {!draft.dvProtected && (
        <label className="field">
          <span>{t('officialForms.contactAddress')}</span>
          <input
            value={draft.address}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => change({ address: e.target.value })}
          />
        </label>
      )}
      <label className="field">
        <span>{t('officialForms.contactPhone')}</span>
        <input
          type="tel"
          value={draft.phone}
          maxLength={40}
          autoComplete="off"
          onChange={(e) => change({ phone: e.target.value })}
        />
      </label>
      <button
        type="button"
        className="button secondary"
        onClick={async () => {
          await onSave(draft);
          setSaved(true);
        }}
      >
        {t('officialForms.contactSave', { name: who })}
      </button>
      <p role="status">{saved ? t('officialForms.contactSaved') : ''}</p>
    </fieldset>
  );
}
