import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeKey, NoticeLanguage } from '../../api/schemas';
import { db, type NoticeDelivery } from '../../db/db';
import { type DeliveryChannel, recordDeliveries, recordDelivery, setMemberLanguage } from '../../db/member-changes';
import { formatCalendarDate, formatInstant } from '../../domain/dates';
import { NOTICE_KEY_LIST } from '../../domain/notices/keys';
import { isNoticeLanguage, NOTICE_LANGUAGE_INFO, noticeLanguageInfo } from '../../domain/notices/languages';
import type { Recipient } from '../../domain/notices/recipients';
import { renderNotice } from '../../domain/notices/render';
import { kanaToRomaji } from '../../domain/notices/romaji';
import type { NoticeValues, RenderedNotice } from '../../domain/notices/types';
import { Toast, type ToastMessage } from '../../ui/toast';
import { useRevealOnMount } from '../../ui/use-reveal';
import { JapaneseLeftWarning } from './japanese-left-warning';
import { useNoticeLocales } from './load-notices';
import { NoticeBlock } from './notice-block';
import { PrintHandouts } from './print-handouts';
import { publicNoticeUrl, QrCode } from './qr-code';
import { placeValues, ReturnPlaceForm, useReturnPlace } from './return-place-form';
import { loadNoticeSettings, type NoticeSettings, type PlaceSettings, saveNoticeSettings } from './settings';
import { canShare, copyNotice, shareNotice } from './share';
import { recipientsFrom, useNoticesData } from './use-notices-data';
import './notices.css';

const DEFAULT_LANGUAGE = 'ja';

/** "Tiếng Việt（ベトナム語）": the language's own name, and its name in the UI language. */
export function languageLabel(code: string, uiLanguage: string): string {
  const info = noticeLanguageInfo(code);
  if (!info) return code;
  if (code === 'ja' || code === 'ja-easy') return info.name;
  let local = info.englishName;
  try {
    local = new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(info.htmlLang) ?? local;
  } catch {
    // Older engines: the English name will do.
  }
  return uiLanguage === 'ja' ? `${info.name}（${local}）` : `${info.name} (${local})`;
}

export function valuesFor(recipient: Recipient, settings: NoticeSettings, place?: PlaceSettings): NoticeValues {
  return {
    name: recipient.name,
    nameReading: kanaToRomaji(recipient.kana),
    nameKana: recipient.kana,
    returnBy: recipient.returnBy,
    expiresOn: recipient.expiresOn,
    returnTo: settings.returnTo,
    officeContact: settings.officeContact,
    insurerName: settings.insurerName,
    insurerPhone: settings.insurerPhone,
    ...placeValues(place),
  };
}

export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const data = useNoticesData();
  const [noticeKey, setNoticeKey] = useState<NoticeKey>('return_got_myna');
  const [listId, setListId] = useState('');
  const [onlyToCollect, setOnlyToCollect] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [printIds, setPrintIds] = useState<string[] | null>(null);
  const [printRequest, setPrintRequest] = useState(0);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const say = useCallback((text: string) => setToast({ id: Date.now(), text }), []);
  const noticeId = useId();
  const listFieldId = useId();

  const session = data?.session;
  const defaults: NoticeSettings = useMemo(
    () => ({
      returnTo: '',
      officeContact: session?.office.name ?? '',
      insurerName: session?.insurer.name ?? '',
      insurerPhone: session?.insurer.phone ?? '',
    }),
    [session],
  );
  const officeId = session?.office.id ?? '';
  const [settings, setSettings] = useState<NoticeSettings | null>(null);
  const [placeSettings, savePlace] = useReturnPlace(officeId);
  useEffect(() => {
    if (session) setSettings(loadNoticeSettings(officeId, defaults));
  }, [session, officeId, defaults]);

  const recipients = useMemo(
    () => (data ? recipientsFrom(data.items, { listId: listId || undefined, onlyToCollect }) : []),
    [data, listId, onlyToCollect],
  );
  const byId = useMemo(() => {
    const all = data ? recipientsFrom(data.items, { onlyToCollect: false }) : [];
    // Return-by and expiry from the scope shown, names for everyone (the history names past recipients).
    return new Map([...all, ...recipients].map((recipient) => [recipient.memberId, recipient]));
  }, [data, recipients]);
  const languageOf = useCallback((memberId: string) => data?.prefs.get(memberId)?.language ?? DEFAULT_LANGUAGE, [data]);

  const chosen = printIds ?? [...selected];
  const wanted = ['ja', ...chosen.map(languageOf), ...(openId ? [languageOf(openId)] : [])];
  const locales = useNoticeLocales(wanted);

  useEffect(() => {
    if (printRequest === 0) return;
    // window.print() returns when the print dialog closes; then the handouts follow the selection again.
    const timer = setTimeout(() => {
      window.print();
      setPrintIds(null);
    }, 0);
    return () => clearTimeout(timer);
  }, [printRequest]);

  if (!data || !settings) return <p>{t('app.loading')}</p>;

  const render = (memberId: string, code: string): RenderedNotice | null => {
    const locale = locales.get(code);
    const recipient = byId.get(memberId);
    if (!locale || !recipient) return null;
    return renderNotice(locale, code, noticeKey, valuesFor(recipient, settings, placeSettings));
  };
  const lastDelivery = (memberId: string) =>
    data.deliveries.find((delivery) => delivery.memberId === memberId && delivery.noticeKey === noticeKey);

  const toggle = (memberId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(memberId)) next.delete(memberId);
      else next.add(memberId);
      return next;
    });

  const changeLanguage = async (recipient: Recipient, language: string) => {
    if (!isNoticeLanguage(language)) return;
    await setMemberLanguage(db, recipient.memberId, language as NoticeLanguage);
    say(t('notices.languageSavedToast', { name: recipient.name, language: languageLabel(language, i18n.language) }));
  };

  const record = (memberId: string, channel: DeliveryChannel) =>
    recordDelivery(db, {
      memberId,
      noticeKey,
      language: languageOf(memberId) as NoticeLanguage,
      channel,
    });

  const print = async (memberIds: string[]) => {
    if (memberIds.length === 0) return;
    setPrintIds(memberIds);
    await recordDeliveries(
      db,
      memberIds.map((memberId) => ({
        memberId,
        noticeKey,
        language: languageOf(memberId) as NoticeLanguage,
        channel: 'print' as const,
      })),
    );
    say(t('notices.printedToast', { count: memberIds.length }));
    setPrintRequest((n) => n + 1);
  };

  const selectedShown = recipients.filter((recipient) => selected.has(recipient.memberId));
  const printReady = chosen.every((memberId) => locales.has(languageOf(memberId))) && locales.has('ja');
  const handouts = (printIds ?? selectedShown.map((recipient) => recipient.memberId)).flatMap((memberId) => {
    const code = languageOf(memberId);
    const target = render(memberId, code);
    const japanese = render(memberId, 'ja');
    return target && japanese ? [{ memberId, code, target, japanese }] : [];
  });

  const open = openId ? byId.get(openId) : undefined;

  return (
    <>
      <div className="notices-screen">
        <h1>{t('notices.title')}</h1>
        <p className="notices-intro">{t('notices.intro')}</p>

        <SettingsForm
          settings={settings}
          onSave={(next) => {
            saveNoticeSettings(officeId, next);
            setSettings(next);
            say(t('notices.settingsSaved'));
          }}
        />
        <ReturnPlaceForm
          value={placeSettings}
          onSave={(next) => {
            savePlace(next);
            say(t('returnPlace.saved'));
          }}
        />

        <div className="notices-toolbar">
          <div className="notices-field">
            <label htmlFor={noticeId}>{t('notices.noticeLabel')}</label>
            <select id={noticeId} value={noticeKey} onChange={(event) => setNoticeKey(event.target.value as NoticeKey)}>
              {NOTICE_KEY_LIST.map((key) => (
                <option key={key} value={key}>
                  {t(`notices.keys.${key}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="notices-field">
            <label htmlFor={listFieldId}>{t('notices.listLabel')}</label>
            <select id={listFieldId} value={listId} onChange={(event) => setListId(event.target.value)}>
              <option value="">{t('notices.allLists')}</option>
              {data.lists.map((list) => (
                <option key={list.id} value={list.id}>
                  {list.title}
                </option>
              ))}
            </select>
          </div>
          <label className="notices-check">
            <input
              type="checkbox"
              checked={onlyToCollect}
              onChange={(event) => setOnlyToCollect(event.target.checked)}
            />
            <span>{t('notices.onlyToCollect')}</span>
          </label>
        </div>

        <section aria-labelledby="recipients-title">
          <div className="notices-head">
            <h2 id="recipients-title">{t('notices.recipientsTitle')}</h2>
            <p className="notices-count" data-testid="recipients-count">
              {t('notices.recipientsCount', { count: recipients.length, selected: selectedShown.length })}
            </p>
          </div>
          <div className="notices-actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => setSelected(new Set(recipients.map((recipient) => recipient.memberId)))}
            >
              {t('notices.selectAll')}
            </button>
            <button type="button" className="button secondary" onClick={() => setSelected(new Set())}>
              {t('notices.clearSelection')}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={selectedShown.length === 0 || !printReady}
              onClick={() => void print(selectedShown.map((recipient) => recipient.memberId))}
            >
              {t('notices.printSelected', { count: selectedShown.length })}
            </button>
          </div>
          {recipients.length === 0 ? (
            <p>{t('notices.empty')}</p>
          ) : (
            <ul className="recipients">
              {recipients.map((recipient) => {
                const last = lastDelivery(recipient.memberId);
                return (
                  <li key={recipient.memberId} className="recipient" data-member-id={recipient.memberId}>
                    <label className="notices-check recipient-who">
                      <input
                        type="checkbox"
                        checked={selected.has(recipient.memberId)}
                        onChange={() => toggle(recipient.memberId)}
                      />
                      <span>
                        <span className="recipient-name">{recipient.name}</span>
                        <span className="recipient-kana">{recipient.kana}</span>
                      </span>
                    </label>
                    <span className="recipient-due">
                      {t('notices.returnBy', { date: formatCalendarDate(recipient.returnBy, i18n.language) })}
                    </span>
                    <span className="recipient-language">
                      <select
                        aria-label={t('notices.languageFor', { name: recipient.name })}
                        value={languageOf(recipient.memberId)}
                        onChange={(event) => void changeLanguage(recipient, event.target.value)}
                      >
                        {NOTICE_LANGUAGE_INFO.map((info) => (
                          <option key={info.code} value={info.code}>
                            {languageLabel(info.code, i18n.language)}
                          </option>
                        ))}
                      </select>
                    </span>
                    <span className="recipient-told" data-testid="told">
                      {last ? <Told delivery={last} /> : t('notices.notTold')}
                    </span>
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('notices.openFor', { name: recipient.name })}
                      aria-expanded={openId === recipient.memberId}
                      onClick={() => setOpenId(openId === recipient.memberId ? null : recipient.memberId)}
                    >
                      {t('notices.open')}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        {open && (
          <NoticeDetail
            key={`${open.memberId}-${noticeKey}`}
            recipient={open}
            language={languageOf(open.memberId)}
            noticeKey={noticeKey}
            target={render(open.memberId, languageOf(open.memberId))}
            japanese={render(open.memberId, 'ja')}
            onClose={() => setOpenId(null)}
            onDelivered={async (channel) => {
              await record(open.memberId, channel);
            }}
            onPrint={() => void print([open.memberId])}
            say={say}
          />
        )}

        <DeliveryHistory deliveries={data.deliveries} pendingIds={data.pendingIds} names={byId} />
      </div>
      <PrintHandouts handouts={handouts} noticeKey={noticeKey} />
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}

function Told({ delivery }: { delivery: NoticeDelivery }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {t('notices.told', {
        time: formatInstant(delivery.at, i18n.language),
        channel: t(`notices.channels.${delivery.channel}`),
        language: noticeLanguageInfo(delivery.language)?.name ?? delivery.language,
      })}
    </>
  );
}

function SettingsForm({ settings, onSave }: { settings: NoticeSettings; onSave: (next: NoticeSettings) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(settings);
  const field = (name: keyof NoticeSettings, label: string, type: 'text' | 'tel' = 'text') => (
    <label className="notices-field wide">
      <span>{label}</span>
      <input
        type={type}
        name={name}
        value={draft[name]}
        maxLength={120}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <details className="notices-settings">
      <summary>{t('notices.settingsTitle')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(draft);
        }}
      >
        <p>{t('notices.settingsHint')}</p>
        {field('returnTo', t('notices.returnToLabel'))}
        {field('officeContact', t('notices.officeContactLabel'))}
        {field('insurerName', t('notices.insurerNameLabel'))}
        {field('insurerPhone', t('notices.insurerPhoneLabel'), 'tel')}
        <button type="submit" className="button primary">
          {t('notices.saveSettings')}
        </button>
      </form>
    </details>
  );
}

function NoticeDetail({
  recipient,
  language,
  noticeKey,
  target,
  japanese,
  onClose,
  onDelivered,
  onPrint,
  say,
}: {
  recipient: Recipient;
  language: string;
  noticeKey: NoticeKey;
  target: RenderedNotice | null;
  japanese: RenderedNotice | null;
  onClose: () => void;
  onDelivered: (channel: DeliveryChannel) => Promise<void>;
  onPrint: () => void;
  say: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [showQr, setShowQr] = useState(false);
  // 開く shows the notice where the clerk tapped, not far below the list (issue 21).
  const heading = useRevealOnMount<HTMLHeadingElement>();
  const name = recipient.name;
  const languageName = languageLabel(language, i18n.language);
  const shareable = canShare();

  const run = async (action: () => Promise<boolean>, done: string) => {
    try {
      if (await action()) say(done);
    } catch {
      say(t('notices.failedToast'));
    }
  };

  return (
    <section className="notice-detail" aria-labelledby="notice-detail-title">
      <div className="notices-head">
        <h2 id="notice-detail-title" ref={heading} tabIndex={-1}>
          {t('notices.previewTitle', { name })}
        </h2>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('notices.close')}
        </button>
      </div>
      <div className="notices-actions">
        <button
          type="button"
          className="button primary"
          disabled={!target || !shareable}
          onClick={() =>
            target &&
            void run(
              async () => {
                const outcome = await shareNotice(target, `notice-${language}.png`);
                if (outcome === 'shared') await onDelivered('share');
                return outcome === 'shared';
              },
              t('notices.sharedToast', { name }),
            )
          }
        >
          {t('notices.share')}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!target}
          onClick={() =>
            target &&
            void run(
              async () => {
                await copyNotice(target);
                await onDelivered('copy');
                return true;
              },
              t('notices.copiedToast', { name }),
            )
          }
        >
          {t('notices.copy')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-expanded={showQr}
          onClick={() => {
            const next = !showQr;
            setShowQr(next);
            if (next)
              void run(
                async () => {
                  await onDelivered('qr');
                  return true;
                },
                t('notices.qrToast', { name }),
              );
          }}
        >
          {showQr ? t('notices.hideQr') : t('notices.showQr')}
        </button>
        <button type="button" className="button secondary" disabled={!target || !japanese} onClick={onPrint}>
          {t('notices.printOne')}
        </button>
      </div>
      {!shareable && <p className="notices-hint">{t('notices.shareUnsupported')}</p>}
      {showQr && (
        <figure className="notice-qr">
          <QrCode
            value={publicNoticeUrl(window.location.origin, language, noticeKey)}
            label={t('notices.qrLabel', { language: languageName })}
            size={240}
          />
          <figcaption>{t('notices.qrCaption', { language: languageName })}</figcaption>
        </figure>
      )}
      <JapaneseLeftWarning notice={target} />
      {target && japanese ? (
        <div className={language === 'ja' ? 'bilingual single' : 'bilingual'}>
          <NoticeBlock notice={target} heading="h3" />
          {language !== 'ja' && <NoticeBlock notice={japanese} heading="h3" className="notice-japanese" />}
        </div>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}

function DeliveryHistory({
  deliveries,
  pendingIds,
  names,
}: {
  deliveries: NoticeDelivery[];
  pendingIds: Set<string>;
  names: Map<string, Recipient>;
}) {
  const { t, i18n } = useTranslation();
  const shown = deliveries.slice(0, 100);
  return (
    <section aria-labelledby="history-title" className="notices-history">
      <h2 id="history-title">{t('notices.historyTitle')}</h2>
      {shown.length === 0 ? (
        <p>{t('notices.historyEmpty')}</p>
      ) : (
        <div className="notices-table-wrap">
          <table className="notices-table">
            <thead>
              <tr>
                <th scope="col">{t('notices.historyColumns.at')}</th>
                <th scope="col">{t('notices.historyColumns.member')}</th>
                <th scope="col">{t('notices.historyColumns.notice')}</th>
                <th scope="col">{t('notices.historyColumns.language')}</th>
                <th scope="col">{t('notices.historyColumns.channel')}</th>
                <th scope="col">{t('notices.historyColumns.sync')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((delivery) => (
                <tr key={delivery.id} data-delivery-id={delivery.id}>
                  <td>{formatInstant(delivery.at, i18n.language)}</td>
                  <td>{names.get(delivery.memberId)?.name ?? t('notices.unknownMember')}</td>
                  <td>{t(`notices.keys.${delivery.noticeKey}`)}</td>
                  <td lang={noticeLanguageInfo(delivery.language)?.htmlLang}>
                    {noticeLanguageInfo(delivery.language)?.name ?? delivery.language}
                  </td>
                  <td>{t(`notices.channels.${delivery.channel}`)}</td>
                  <td>{pendingIds.has(delivery.id) ? t('notices.pending') : t('notices.synced')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
