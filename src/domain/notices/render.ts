import { formatWareki } from '../wareki';
import { formatNoticeDate } from './dates';
import { GENERIC_WORDING } from './generic';
import { contactText, hasPlace, ltrRun, properNoun, returnPlaceText } from './return-place';
import { rubyAsPlainText } from './ruby';
import type { NoticeLocale, NoticeValues, RenderedNotice } from './types';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const isolateName = (name: string, rtl: boolean) => (rtl && name ? `\u2068${name}\u2069` : name);

/** The placeholder names a template uses, sorted and without repeats. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))].sort();
}

/**
 * Fills `{{name}}`-style placeholders. Values are plain text: the result is rendered by React as a
 * text node (or written into a share/copy text), never parsed as HTML.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

/**
 * One notice filled in for a member, or generic when `values` is null (the public page: no name,
 * no office, no date; the dates are replaced by generic wording in the same language).
 */
export function renderNotice(
  locale: NoticeLocale,
  code: string,
  noticeKey: string,
  values: NoticeValues | null,
): RenderedNotice {
  const template = locale.notices[noticeKey];
  if (!template) throw new RangeError(`no notice ${noticeKey} in ${code}`);
  const generic = GENERIC_WORDING[code] ?? GENERIC_WORDING.en;
  const date = (iso: string | null | undefined, fallback: string) => (iso ? formatNoticeDate(iso, code) : fallback);
  const filled: Record<string, string> = {
    returnBy: date(values?.returnBy, generic?.returnBy ?? ''),
    expiresOn: values?.expiresOn ? expiryText(values.expiresOn, code) : (generic?.expiresOn ?? ''),
  };
  const footer: string[] = [];
  if (values) {
    const place = hasPlace(values.place) ? values.place : null;
    const rtl = locale.language.dir === 'rtl';
    Object.assign(filled, {
      // A name may be written in either direction: in a right-to-left notice it is a first-strong isolate.
      name: isolateName(
        properNoun({ name: values.name, reading: values.nameReading ?? '', kana: values.nameKana ?? '' }, code),
        rtl,
      ),
      returnTo: place ? returnPlaceText(place, code, locale.place, rtl) : values.returnTo,
      officeContact: place ? contactText(place, code, locale.place, rtl) : values.officeContact,
      insurerName: ltrRun(
        properNoun(
          { name: values.insurerName, reading: values.insurerReading ?? '', kana: values.insurerKana ?? '' },
          code,
        ),
        rtl,
      ),
      insurerPhone: ltrRun(values.insurerPhone, rtl),
    });
    if (filled.returnTo?.trim()) footer.push(fillTemplate(locale.common.returnTo, filled));
    if (filled.officeContact?.trim()) footer.push(fillTemplate(locale.common.contact, filled));
    if (values.insurerName.trim() && values.insurerPhone.trim())
      footer.push(fillTemplate(locale.common.insurerLine, filled));
  }
  return {
    language: code,
    dir: locale.language.dir,
    title: fillTemplate(template.title, filled),
    greeting: values?.name.trim() ? fillTemplate(locale.common.greeting, filled) : null,
    paragraphs: template.body.map((paragraph) => fillTemplate(paragraph, filled)),
    footer,
  };
}

/**
 * The 有効期限 as the notice writes it. The certificate prints it in 和暦 (DOMAIN.md: 令和8年12月1日),
 * so a non-Japanese notice gives the 和暦 in brackets after its own date, for the member to match.
 */
export function expiryText(isoDate: string, code: string): string {
  const own = formatNoticeDate(isoDate, code);
  if (code === 'ja' || code === 'ja-easy') return own;
  const wareki = formatWareki(isoDate);
  return code === 'zh-Hans' ? `${own}（${wareki}）` : `${own} (${wareki})`;
}

/** The notice as plain text, for the share sheet and the clipboard (readings in brackets). */
export function noticeAsText(notice: RenderedNotice): string {
  return [notice.title, notice.greeting, ...notice.paragraphs, notice.footer.join('\n')]
    .filter((part): part is string => Boolean(part))
    .map(rubyAsPlainText)
    .join('\n\n');
}
