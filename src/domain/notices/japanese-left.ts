import { noticeLanguageInfo } from './languages';
import { kanjiWithoutReading, rubyBase } from './ruby';
import type { RenderedNotice } from './types';

/**
 * Japanese a member of another language may meet in a notice on purpose: the names of the documents
 * as printed on them, kept in brackets after the translation (docs/translations.md), and the 和暦
 * form of the expiry date as printed on the certificate. Proper nouns are allowed only with their
 * reading beside them: 総務課 (Sōmu-ka).
 */
const DOCUMENT_NAMES = new Set([
  '資格確認書',
  'マイナ保険証',
  '健康保険証',
  '資格情報のお知らせ',
  'マイナポータル',
  'マイナンバー',
  '資格取得届',
  '被扶養者異動届',
]);
const JP = '[\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Han}ー・々]';
const WAREKI = /[(（](?:令和|平成)(?:元|\d+)年\d+月\d+日[)）]/gu;
const WITH_READING = new RegExp(`${JP}+(?:\\s${JP}+)* \\((?=[^)]*\\p{Script=Latin})[^()]*\\)`, 'gu');
const RUN = new RegExp(`${JP}+`, 'gu');
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The Japanese text left in a rendered notice that its reader may not read: every Japanese run that
 * is not a bracketed document name, the bracketed 和暦 of a date or a proper noun with its reading.
 * Empty for notices in Japanese; in やさしい日本語, the kanji above grade 2 left without a reading.
 * Chinese shares the Han script, so only kana counts there.
 */
export function japaneseLeft(notice: RenderedNotice): string[] {
  const all = [notice.title, notice.greeting ?? '', ...notice.paragraphs, ...notice.footer];
  if (notice.language === 'ja-easy') return [...new Set(all.flatMap(kanjiWithoutReading))];
  if (notice.language === 'ja') return [];
  const han = noticeLanguageInfo(notice.language)?.script === 'Han';
  const lines = all.map(rubyBase);
  const left: string[] = [];
  for (const line of lines) {
    const rest = line.replace(WAREKI, ' ').replace(WITH_READING, ' ');
    for (const [run] of rest.matchAll(RUN)) {
      if (DOCUMENT_NAMES.has(run)) continue;
      if (han && !KANA.test(run)) continue;
      left.push(run);
    }
  }
  return [...new Set(left)];
}
