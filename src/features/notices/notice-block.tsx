import { noticeLanguageInfo } from '../../domain/notices/languages';
import type { RenderedNotice } from '../../domain/notices/types';

type Heading = 'h1' | 'h2' | 'h3' | 'h4';

/**
 * One notice in one language. Every block carries its own `lang` (fonts, hyphenation, screen
 * readers) and `dir` (Urdu is right to left). All text is rendered as text nodes, names included.
 */
export function NoticeBlock({
  notice,
  heading: HeadingTag = 'h2',
  className = '',
}: {
  notice: RenderedNotice;
  heading?: Heading;
  className?: string;
}) {
  const info = noticeLanguageInfo(notice.language);
  return (
    <article
      className={`notice-block ${className}`.trim()}
      lang={info?.htmlLang ?? notice.language}
      dir={notice.dir}
      data-notice-language={notice.language}
    >
      <HeadingTag className="notice-title">{notice.title}</HeadingTag>
      {notice.greeting && <p className="notice-greeting">{notice.greeting}</p>}
      {notice.paragraphs.map((paragraph, index) => (
        // Paragraphs are a fixed list per template: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed template paragraphs
        <p key={index}>{paragraph}</p>
      ))}
      {notice.footer.length > 0 && (
        <div className="notice-footer">
          {notice.footer.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
    </article>
  );
}
