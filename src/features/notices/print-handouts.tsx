import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { noticeLanguageInfo } from '../../domain/notices/languages';
import type { RenderedNotice } from '../../domain/notices/types';
import { NoticeBlock } from './notice-block';
import { publicNoticeUrl, QrCode } from './qr-code';

export type Handout = { memberId: string; code: string; target: RenderedNotice; japanese: RenderedNotice };

/**
 * Bilingual handouts, one page per member: the member's language beside the Japanese, so the clerk
 * can read what is handed over. Hidden on screen; the only thing printed while it is on the page.
 * They come in chunks (use-handout-print.ts): each chunk renders once, when it is added, so 10,000
 * handouts cost 10,000 renders, not one per chunk added.
 */
export function PrintHandouts({ chunks, noticeKey }: { chunks: readonly Handout[][]; noticeKey: string }) {
  if (chunks.length === 0) return null;
  return (
    <div className="print-area" data-testid="print-area">
      {chunks.map((chunk) => (
        <HandoutChunk key={chunk[0]?.memberId} handouts={chunk} noticeKey={noticeKey} />
      ))}
    </div>
  );
}

const HandoutChunk = memo(function HandoutChunk({ handouts, noticeKey }: { handouts: Handout[]; noticeKey: string }) {
  const { t } = useTranslation();
  return handouts.map(({ memberId, code, target, japanese }) => {
    const name = noticeLanguageInfo(code)?.name ?? code;
    return (
      <section key={memberId} className="handout" data-member-id={memberId} aria-label={target.title}>
        <div className={code === 'ja' ? 'bilingual single' : 'bilingual'}>
          <NoticeBlock notice={target} heading="h2" />
          {code !== 'ja' && <NoticeBlock notice={japanese} heading="h2" className="notice-japanese" />}
        </div>
        <footer className="handout-footer">
          <QrCode
            value={publicNoticeUrl(window.location.origin, code, noticeKey)}
            label={t('notices.qrLabel', { language: name })}
            size={96}
          />
          {code !== 'ja' && <p>{t('notices.handoutFooter', { language: name })}</p>}
        </footer>
      </section>
    );
  });
});
