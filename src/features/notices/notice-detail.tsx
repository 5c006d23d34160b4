import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeKey } from '../../api/schemas';
import type { DeliveryChannel } from '../../db/member-changes';
import type { Recipient } from '../../domain/notices/recipients';
import type { RenderedNotice } from '../../domain/notices/types';
import { useRevealOnMount } from '../../ui/use-reveal';
import { JapaneseLeftWarning } from './japanese-left-warning';
import { languageLabel } from './language-label';
import { NoticeBlock } from './notice-block';
import { publicNoticeUrl, QrCode } from './qr-code';
import { canShare, copyNotice, shareNotice } from './share';

/** One member's notice opened: preview beside the Japanese, share, copy, QR, print. */
export function NoticeDetail({
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
