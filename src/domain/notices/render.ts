import { formatNoticeDate } from './dates';
import { GENERIC_WORDING } from './generic';
import { rubyAsPlainText } from './ruby';
import type { NoticeLocale, NoticeValues, RenderedNotice } from './types';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

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
    expiresOn: date(values?.expiresOn, generic?.expiresOn ?? ''),
  };
  const footer: string[] = [];
  if (values) {
    Object.assign(filled, {
      name: values.name,
      returnTo: values.returnTo,
      officeContact: values.officeContact,
      insurerName: values.insurerName,
      insurerPhone: values.insurerPhone,
    });
    if (values.returnTo.trim()) footer.push(fillTemplate(locale.common.returnTo, filled));
    if (values.officeContact.trim()) footer.push(fillTemplate(locale.common.contact, filled));
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

/** The notice as plain text, for the share sheet and the clipboard (readings in brackets). */
export function noticeAsText(notice: RenderedNotice): string {
  return [notice.title, notice.greeting, ...notice.paragraphs, notice.footer.join('\n')]
    .filter((part): part is string => Boolean(part))
    .map(rubyAsPlainText)
    .join('\n\n');
}
