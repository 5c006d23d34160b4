import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNoticeKey } from '../../domain/notices/keys';
import { NOTICE_LANGUAGE_INFO, noticeLanguageInfo } from '../../domain/notices/languages';
import { renderNotice } from '../../domain/notices/render';
import { useNoticeLocale } from './load-notices';
import { NoticeBlock } from './notice-block';
import './notices.css';

/**
 * The public notice page a QR code opens on a member's phone: generic text only (no name, no date,
 * no office), in the member's language with the Japanese original. Works offline once the service
 * worker has cached the app.
 */
export function PublicNoticePage() {
  const { t } = useTranslation();
  const { lang = '', noticeKey = '' } = useParams();
  const known = Boolean(noticeLanguageInfo(lang)) && isNoticeKey(noticeKey);
  const target = useNoticeLocale(known ? lang : 'ja');
  const japanese = useNoticeLocale('ja');

  if (!known) {
    return (
      <main id="main" tabIndex={-1} className="public-notice">
        <h1>{t('notices.publicNotFound')}</h1>
      </main>
    );
  }
  if (!target || !japanese) {
    return (
      <main id="main" tabIndex={-1} className="public-notice">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  const notice = renderNotice(target, lang, noticeKey, null);
  return (
    <main id="main" tabIndex={-1} className="public-notice">
      <NoticeBlock notice={notice} heading="h1" />
      {lang !== 'ja' && lang !== 'ja-easy' && (
        <section aria-labelledby="public-japanese" className="public-japanese">
          <h2 id="public-japanese">{t('notices.publicJapanese')}</h2>
          <NoticeBlock
            notice={renderNotice(japanese, 'ja', noticeKey, null)}
            heading="h3"
            className="notice-japanese"
          />
        </section>
      )}
      <nav aria-labelledby="public-languages" className="public-languages">
        <h2 id="public-languages">{t('notices.publicLanguages')}</h2>
        <ul>
          {NOTICE_LANGUAGE_INFO.map((info) => (
            <li key={info.code}>
              <Link
                to={`/n/${info.code}/${noticeKey}`}
                lang={info.htmlLang}
                hrefLang={info.htmlLang}
                aria-current={info.code === lang ? 'page' : undefined}
              >
                {info.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </main>
  );
}
