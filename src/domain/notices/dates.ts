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

// Sinhala month names as used in Sri Lankan official text (the translation note writes
// "2025 දෙසැම්බර් 2"); some ICU versions give the traditional names (උඳුවප්) instead.
const SINHALA_MONTHS = [
  'ජනවාරි',
  'පෙබරවාරි',
  'මාර්තු',
  'අප්‍රේල්',
  'මැයි',
  'ජූනි',
  'ජූලි',
  'අගෝස්තු',
  'සැප්තැම්බර්',
  'ඔක්තෝබර්',
  'නොවැම්බර්',
  'දෙසැම්බර්',
];

// Month names and digits for the languages whose ICU data Debian's Chromium lacks: there
// Intl.DateTimeFormat('ne' | 'my' | 'km' | 'si' | 'mn') falls back to the tablet's Japanese and a Nepali
// notice would read "2026年1月20日" (seen in the e2e run of issue 16). These are written out instead.
const NEPALI_MONTHS = [
  'जनवरी',
  'फेब्रुअरी',
  'मार्च',
  'अप्रिल',
  'मे',
  'जुन',
  'जुलाई',
  'अगस्ट',
  'सेप्टेम्बर',
  'अक्टोबर',
  'नोभेम्बर',
  'डिसेम्बर',
];
const BURMESE_MONTHS = [
  'ဇန်နဝါရီ',
  'ဖေဖော်ဝါရီ',
  'မတ်',
  'ဧပြီ',
  'မေ',
  'ဇွန်',
  'ဇူလိုင်',
  'ဩဂုတ်',
  'စက်တင်ဘာ',
  'အောက်တိုဘာ',
  'နိုဝင်ဘာ',
  'ဒီဇင်ဘာ',
];
const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];
/** Western digits written with the script's own digits, whose zero is at `zero`. */
const digitsFrom = (zero: number) => (n: number) =>
  String(n).replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const devanagari = digitsFrom(0x0966);
const myanmar = digitsFrom(0x1040);
const khmer = digitsFrom(0x17e0);

function parts(date: Date, locale: string) {
  const all = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => all.find((p) => p.type === type)?.value ?? '';
  const numeric = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(date);
  const number = (type: Intl.DateTimeFormatPartTypes) => numeric.find((p) => p.type === type)?.value ?? '';
  return { day: number('day'), month: number('month'), monthName: part('month'), year: number('year') };
}

/**
 * A calendar date (YYYY-MM-DD) as the notice in `language` writes it (the translators' notes in
 * docs/translations/): 和暦 in Japanese, as on the certificate; Western-calendar Japanese in やさしい
 * 日本語; the Thai Buddhist year with the Western year added; Burmese, Khmer, Bengali and Nepali
 * digits; otherwise the language's own long date.
 */
export function formatNoticeDate(isoDate: string, language: string): string {
  const date = utcDate(isoDate);
  if (language === 'ja') return formatWareki(isoDate);
  const locale = noticeLanguageInfo(language)?.dateLocale ?? 'en-GB';
  const text = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  const first = date.getUTCDate() === 1;
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  switch (language) {
    case 'th':
      return `${text} (ค.ศ. ${date.getUTCFullYear()})`;
    case 'vi': {
      const p = parts(date, locale);
      return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
    }
    case 'my':
      return `${myanmar(year)} ခုနှစ်၊ ${BURMESE_MONTHS[month]}လ ${myanmar(day)} ရက်`;
    case 'km':
      return `ថ្ងៃទី${khmer(day)} ខែ${KHMER_MONTHS[month]} ឆ្នាំ${khmer(year)}`;
    case 'mn': {
      // "12 дугаар сар" but "1/4/9/11 дүгээр сар" (vowel harmony); the day takes no case suffix.
      const month = date.getUTCMonth() + 1;
      const ordinal = [1, 4, 9].includes(month % 10) ? 'дүгээр' : 'дугаар';
      return `${date.getUTCFullYear()} оны ${month} ${ordinal} сарын ${date.getUTCDate()}`;
    }
    case 'si':
      return `${date.getUTCFullYear()} ${SINHALA_MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
    case 'ne':
      return `सन् ${devanagari(year)} ${NEPALI_MONTHS[month]} ${devanagari(day)}`;
    case 'ru':
      return text.replace(/\s*г\.$/, ' года');
    case 'bn':
    case 'ur':
      return text.replace(/[,،]/g, '');
    case 'fr':
      return first ? text.replace(/^1 /, '1er ') : text;
    case 'it':
      return first ? text.replace(/^1 /, '1° ') : text;
    case 'pt-BR':
      return first ? text.replace(/^1 /, '1º ') : text;
    default:
      return text;
  }
}
