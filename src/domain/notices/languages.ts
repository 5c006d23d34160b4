/**
 * The notice languages (same codes as NOTICE_LANGUAGES in src/api/schemas.ts, checked by a test),
 * with what the UI needs before a language's templates are loaded: its own name, the HTML `lang`
 * value, writing direction and the script its text is written in.
 */
export type NoticeScript =
  | 'Japanese'
  | 'Latin'
  | 'Han'
  | 'Hangul'
  | 'Thai'
  | 'Devanagari'
  | 'Myanmar'
  | 'Cyrillic'
  | 'Khmer'
  | 'Sinhala'
  | 'Bengali'
  | 'Arabic';

export type NoticeLanguageInfo = {
  code: string;
  /** The language's name in itself (same as the locale file's language.name). */
  name: string;
  englishName: string;
  /** BCP 47 tag for the `lang` attribute: やさしい日本語 is Japanese. */
  htmlLang: string;
  dir: 'ltr' | 'rtl';
  script: NoticeScript;
  /** Intl locale used for dates. */
  dateLocale: string;
};

const L = (
  code: string,
  name: string,
  englishName: string,
  script: NoticeScript,
  dateLocale: string,
  extra: Partial<NoticeLanguageInfo> = {},
): NoticeLanguageInfo => ({ code, name, englishName, htmlLang: code, dir: 'ltr', script, dateLocale, ...extra });

export const NOTICE_LANGUAGE_INFO: readonly NoticeLanguageInfo[] = [
  L('ja', '日本語', 'Japanese', 'Japanese', 'ja-JP'),
  L('ja-easy', 'やさしい にほんご', 'Easy Japanese', 'Japanese', 'ja-JP', { htmlLang: 'ja' }),
  L('en', 'English', 'English', 'Latin', 'en-GB'),
  L('zh-Hans', '简体中文', 'Chinese (Simplified)', 'Han', 'zh-Hans-CN'),
  L('ko', '한국어', 'Korean', 'Hangul', 'ko-KR'),
  L('es', 'Español', 'Spanish', 'Latin', 'es'),
  L('tl', 'Tagalog', 'Tagalog', 'Latin', 'fil'),
  L('pt-BR', 'Português (Brasil)', 'Portuguese (Brazil)', 'Latin', 'pt-BR'),
  L('vi', 'Tiếng Việt', 'Vietnamese', 'Latin', 'vi'),
  L('th', 'ภาษาไทย', 'Thai', 'Thai', 'th-TH'),
  L('id', 'Bahasa Indonesia', 'Indonesian', 'Latin', 'id'),
  L('ne', 'नेपाली', 'Nepali', 'Devanagari', 'ne'),
  L('my', 'မြန်မာ', 'Burmese', 'Myanmar', 'my'),
  L('fr', 'Français', 'French', 'Latin', 'fr'),
  L('de', 'Deutsch', 'German', 'Latin', 'de'),
  L('it', 'Italiano', 'Italian', 'Latin', 'it'),
  L('ru', 'Русский', 'Russian', 'Cyrillic', 'ru'),
  L('ms', 'Bahasa Melayu', 'Malay', 'Latin', 'ms'),
  L('km', 'ខ្មែរ', 'Khmer', 'Khmer', 'km-u-nu-khmr'),
  L('mn', 'Монгол', 'Mongolian', 'Cyrillic', 'mn'),
  L('si', 'සිංහල', 'Sinhala', 'Sinhala', 'si'),
  L('hi', 'हिन्दी', 'Hindi', 'Devanagari', 'hi'),
  L('bn', 'বাংলা', 'Bengali', 'Bengali', 'bn'),
  L('ur', 'اردو', 'Urdu', 'Arabic', 'ur-PK', { dir: 'rtl' }),
];

const byCode = new Map(NOTICE_LANGUAGE_INFO.map((info) => [info.code, info]));

export function noticeLanguageInfo(code: string): NoticeLanguageInfo | undefined {
  return byCode.get(code);
}

export function isNoticeLanguage(code: string): boolean {
  return byCode.has(code);
}
