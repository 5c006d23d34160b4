import { useTranslation } from 'react-i18next';
import type { NoticeDelivery } from '../../db/db';
import { formatInstant } from '../../domain/dates';
import { noticeLanguageInfo } from '../../domain/notices/languages';
import type { Recipient } from '../../domain/notices/recipients';

/** "案内済 …・印刷・Tiếng Việt": the latest delivery of the notice shown, in a recipient's row. */
export function Told({ delivery }: { delivery: NoticeDelivery }) {
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

/** The latest 100 deliveries: who was told what, when, how, and whether the insurer has it. */
export function DeliveryHistory({
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
