import { noticeLanguageInfo } from '../../domain/notices/languages';
import { rubySegments } from '../../domain/notices/ruby';
import type { RenderedNotice } from '../../domain/notices/types';

/** Text with やさしい日本語 readings (`{漢字|かんじ}`) as <ruby>; still text nodes only. */
function NoticeText({ text }: { text: string }) {
  const segments = rubySegments(text);
  if (segments.length === 1 && !segments[0]?.reading) return <>{text}</>;
  return (
    <>
      {segments.map((segment, index) =>
        segment.reading ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed string
          <ruby key={index}>
            {segment.text}
            <rp>（</rp>
            <rt>{segment.reading}</rt>
            <rp>）</rp>
          </ruby>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed string
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

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
      <HeadingTag className="notice-title">
        <NoticeText text={notice.title} />
      </HeadingTag>
      {notice.greeting && (
        <p className="notice-greeting">
          <NoticeText text={notice.greeting} />
        </p>
      )}
      {notice.paragraphs.map((paragraph, index) => (
        // Paragraphs are a fixed list per template: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed template paragraphs
        <p key={index}>
          <NoticeText text={paragraph} />
        </p>
      ))}
      {notice.footer.length > 0 && (
        <div className="notice-footer">
          {notice.footer.map((line) => (
            <p key={line}>
              <NoticeText text={line} />
            </p>
          ))}
        </div>
      )}
    </article>
  );
}
