import { formatWareki } from './wareki';

/** Today's calendar date on this device, YYYY-MM-DD (the clerk's local day, not UTC's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An item is overdue from the day after its due date while it is still to collect. */
export function isOverdue(dueDate: string, status: string, today: string): boolean {
  return status === 'to_collect' && dueDate < today;
}

/** A calendar date for people: 和暦 in Japanese (as on the certificate), the language's own style otherwise. */
export function formatCalendarDate(isoDate: string, language: string): string {
  if (language === 'ja') return formatWareki(isoDate);
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)),
  );
}

export function formatInstant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
