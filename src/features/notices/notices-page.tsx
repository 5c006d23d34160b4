import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeKey, NoticeLanguage } from '../../api/schemas';
import { db } from '../../db/db';
import { type DeliveryChannel, recordDeliveries, recordDelivery, setMemberLanguage } from '../../db/member-changes';
import { isNoticeLanguage } from '../../domain/notices/languages';
import type { Recipient } from '../../domain/notices/recipients';
import { renderNotice } from '../../domain/notices/render';
import type { RenderedNotice } from '../../domain/notices/types';
import { Toast, type ToastMessage } from '../../ui/toast';
import { DeliveryHistory } from './delivery-history';
import { languageLabel } from './language-label';
import { LeadDaysField, useLeadDays } from './lead-days';
import { useNoticeLocales } from './load-notices';
import { NoticeDetail } from './notice-detail';
import { valuesFor } from './notice-values';
import { NoticesToolbar } from './notices-toolbar';
import { type Handout, PrintHandouts } from './print-handouts';
import { PrintProgress } from './print-progress';
import { RecipientList } from './recipient-list';
import { ReturnPlaceForm, useReturnPlace } from './return-place-form';
import { SettingsForm } from './settings-form';
import { useHandoutPrint } from './use-handout-print';
import { useNoticeSettings } from './use-notice-settings';
import { useNoticesData } from './use-notices-data';
import { useRecipientSelection } from './use-recipient-selection';
import { useRecipients } from './use-recipients';
import './notices.css';

export function NoticesPage() {
  const { t, i18n } = useTranslation();
  const data = useNoticesData();
  const [noticeKey, setNoticeKey] = useState<NoticeKey>('return_got_myna');
  const [listId, setListId] = useState('');
  const [onlyToCollect, setOnlyToCollect] = useState(true);
  const [openId, setOpenId] = useState<string | null>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const say = useCallback((text: string) => setToast({ id: Date.now(), text }), []);

  const { settings, save: saveSettings } = useNoticeSettings(data?.session);
  const [placeSettings, savePlace] = useReturnPlace(data?.session?.office.id ?? '');
  const [leadDays, saveLeadDays] = useLeadDays(data?.session?.office.id ?? '');
  const { recipients, byId, languageOf, lastDeliveryOf } = useRecipients(
    data,
    { listId, onlyToCollect, leadDays },
    noticeKey,
  );
  const { selected, selectedShown, toggle, selectAll, clear } = useRecipientSelection(recipients);

  // The languages the selection and the open notice need: at most the 24 there are, however many members.
  const wanted = new Set(['ja', ...selectedShown.map(languageOf), ...(openId ? [languageOf(openId)] : [])]);
  const locales = useNoticeLocales([...wanted]);

  const render = (memberId: string, code: string): RenderedNotice | null => {
    const locale = locales.get(code);
    const recipient = byId.get(memberId);
    if (!locale || !recipient || !settings) return null;
    return renderNotice(locale, code, noticeKey, valuesFor(recipient, settings, placeSettings));
  };
  const makeHandout = (memberId: string): Handout | null => {
    const code = languageOf(memberId);
    const target = render(memberId, code);
    const japanese = render(memberId, 'ja');
    return target && japanese ? { memberId, code, target, japanese } : null;
  };
  const printJob = useHandoutPrint(makeHandout);

  const toggleOpen = useCallback(
    (memberId: string) => setOpenId((current) => (current === memberId ? null : memberId)),
    [],
  );
  const changeLanguage = useCallback(
    async (recipient: Recipient, language: string) => {
      if (!isNoticeLanguage(language)) return;
      await setMemberLanguage(db, recipient.memberId, language as NoticeLanguage);
      say(t('notices.languageSavedToast', { name: recipient.name, language: languageLabel(language, i18n.language) }));
    },
    [say, t, i18n.language],
  );
  const onLanguage = useCallback(
    (recipient: Recipient, language: string) => void changeLanguage(recipient, language),
    [changeLanguage],
  );

  if (!data || !settings) return <p>{t('app.loading')}</p>;

  const record = (memberId: string, channel: DeliveryChannel) =>
    recordDelivery(db, {
      memberId,
      noticeKey,
      language: languageOf(memberId) as NoticeLanguage,
      channel,
    });

  const print = async (memberIds: string[]) => {
    if (memberIds.length === 0) return;
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
    printJob.start(memberIds);
  };

  const printReady = [...wanted].every((code) => locales.has(code));
  const open = openId ? byId.get(openId) : undefined;

  return (
    <>
      <div className="notices-screen">
        <h1>{t('notices.title')}</h1>
        <p className="notices-intro">{t('notices.intro')}</p>

        <SettingsForm
          settings={settings}
          onSave={(next) => {
            saveSettings(next);
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

        <LeadDaysField
          value={leadDays}
          onChange={(days) => {
            saveLeadDays(days);
            say(t('notices.leadDaysSaved', { count: days }));
          }}
        />
        <NoticesToolbar
          noticeKey={noticeKey}
          onNoticeKey={setNoticeKey}
          lists={data.lists}
          listId={listId}
          onListId={setListId}
          onlyToCollect={onlyToCollect}
          onOnlyToCollect={setOnlyToCollect}
        />

        <section aria-labelledby="recipients-title">
          <div className="notices-head">
            <h2 id="recipients-title">{t('notices.recipientsTitle')}</h2>
            <p className="notices-count" data-testid="recipients-count">
              {t('notices.recipientsCount', { count: recipients.length, selected: selectedShown.length })}
            </p>
          </div>
          <div className="notices-actions">
            <button type="button" className="button secondary" onClick={selectAll}>
              {t('notices.selectAll')}
            </button>
            <button type="button" className="button secondary" onClick={clear}>
              {t('notices.clearSelection')}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={selectedShown.length === 0 || !printReady || printJob.progress !== null}
              onClick={() => void print(selectedShown)}
            >
              {t('notices.printSelected', { count: selectedShown.length })}
            </button>
          </div>
          <PrintProgress progress={printJob.progress} onCancel={printJob.cancel} />
          {recipients.length === 0 ? (
            <p>{t('notices.empty')}</p>
          ) : (
            <RecipientList
              recipients={recipients}
              selected={selected}
              openId={openId}
              languageOf={languageOf}
              lastDeliveryOf={lastDeliveryOf}
              onToggle={toggle}
              onOpen={toggleOpen}
              onLanguage={onLanguage}
            />
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
      <PrintHandouts chunks={printJob.chunks} noticeKey={noticeKey} />
      <Toast message={toast} onDismiss={dismiss} />
    </>
  );
}
