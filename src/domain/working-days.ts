import holidays from '@holiday-jp/holiday_jp/lib/holidays';

/**
 * 行政機関の休日 (行政機関の休日に関する法律 第1条): Saturdays, Sundays, 国民の祝日 (including 振替休日 and
 * 国民の休日) and 12/29–1/3. A filing deadline that falls on one moves to the next day that is not one
 * (民法142条, applied to the 5-day 届出 period through 健康保険法; docs/domain.md).
 *
 * The 祝日 come from @holiday-jp/holiday_jp (the Cabinet Office's list, maintained; docs/decisions/013).
 * Its data ends with HOLIDAY_DATA_UNTIL: later dates count only weekends and the year-end days.
 */
export const HOLIDAY_DATA_UNTIL = '2050-12-31';

const DAY_MS = 86_400_000;

export function isAdministrativeHoliday(isoDate: string): boolean {
  const date = toUtc(isoDate);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  if ((month === 12 && day >= 29) || (month === 1 && day <= 3)) return true;
  return Object.hasOwn(holidays, isoDate);
}

/** The date itself when it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(isoDate: string): string {
  let date = isoDate;
  while (isAdministrativeHoliday(date)) date = shiftDays(date, 1);
  return date;
}

/** The working day `count` working days before `isoDate` (which need not be a working day itself). */
export function workingDaysBefore(isoDate: string, count: number): string {
  let date = isoDate;
  let left = count;
  while (left > 0) {
    date = shiftDays(date, -1);
    if (!isAdministrativeHoliday(date)) left -= 1;
  }
  return date;
}

export function shiftDays(isoDate: string, days: number): string {
  return new Date(toUtc(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function toUtc(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const date = match
    ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    : new Date(Number.NaN);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate)
    throw new RangeError(`not a calendar date: ${isoDate}`);
  return date;
}
