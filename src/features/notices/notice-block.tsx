import { noticeLanguageInfo } from '../../domain/notices/languages';
import { rubySegments } from '../../domain/notices/ruby';
import type { RenderedNotice } from '../../domain/notices/types';
import { bidiRuns, KEEP_WHOLE_UP_TO } from './bidi-runs';

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
 * A line of a right-to-left notice with its left-to-right islands isolated (bidi-runs.ts): numbers and
 * Japanese terms are neither reordered nor broken. Left-to-right notices render their text as it is.
 */
function Text({ text, rtl }: { text: string; rtl: boolean }) {
  if (!rtl) return <NoticeText text={text} />;
  return bidiRuns(text).map((run, index) =>
    run.kind === 'text' ? (
      run.text
    ) : (
      <bdi
        // Runs of one fixed line: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one string never reorder
        key={index}
        dir="ltr"
        lang={run.kind === 'japanese' ? 'ja' : undefined}
        className={`notice-island${run.text.length <= KEEP_WHOLE_UP_TO ? ' whole' : ''}`}
      >
        {run.text}
      </bdi>
    ),
  );
}

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
  const rtl = notice.dir === 'rtl';
  return (
    <article
      className={`notice-block ${className}`.trim()}
      lang={info?.htmlLang ?? notice.language}
      dir={notice.dir}
      data-notice-language={notice.language}
    >
      <HeadingTag className="notice-title">
        <Text text={notice.title} rtl={rtl} />
      </HeadingTag>
      {notice.greeting && (
        <p className="notice-greeting">
          <Text text={notice.greeting} rtl={rtl} />
        </p>
      )}
      {notice.paragraphs.map((paragraph, index) => (
        // Paragraphs are a fixed list per template: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed template paragraphs
        <p key={index}>
          <Text text={paragraph} rtl={rtl} />
        </p>
      ))}
      {notice.footer.length > 0 && (
        <div className="notice-footer">
          {notice.footer.map((line) => (
            <p key={line}>
              <Text text={line} rtl={rtl} />
            </p>
          ))}
        </div>
      )}
    </article>
  );
}
