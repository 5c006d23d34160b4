import { noticeLanguageInfo } from '../../domain/notices/languages';

/** "Tiếng Việt（ベトナム語）": the language's own name, and its name in the UI language. */
export function languageLabel(code: string, uiLanguage: string): string {
  const info = noticeLanguageInfo(code);
  if (!info) return code;
  if (code === 'ja' || code === 'ja-easy') return info.name;
  let local = info.englishName;
  try {
    local = new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(info.htmlLang) ?? local;
  } catch {
    // Older engines: the English name will do.
  }
  return uiLanguage === 'ja' ? `${info.name}（${local}）` : `${info.name} (${local})`;
}
