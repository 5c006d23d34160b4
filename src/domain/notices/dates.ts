import { formatWareki } from '../wareki';
import { noticeLanguageInfo } from './languages';

function utcDate(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not a calendar date: ${isoDate}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3]))
    throw new RangeError(`not a calendar date: ${isoDate}`);
  return date;
}

/**
 * A calendar date (YYYY-MM-DD) as a notice in `language` writes it: 和暦 in Japanese (as on the
 * certificate), Western-calendar Japanese in やさしい日本語, the Thai Buddhist year with the Western
 * year added (translation note th.md), and the language's own long date style otherwise.
 */
export function formatNoticeDate(isoDate: string, language: string): string {
  const date = utcDate(isoDate);
  if (language === 'ja') return formatWareki(isoDate);
  const locale = noticeLanguageInfo(language)?.dateLocale ?? 'en-GB';
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  if (language === 'th') return `${text} (ค.ศ. ${date.getUTCFullYear()})`;
  return text;
}
