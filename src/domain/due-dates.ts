import { localToday } from './dates';
import type { RecallReason } from './recall';
import { onOrNextWorkingDay, shiftDays } from './working-days';

/**
 * When an item on a recall list should be back with the insurer. `isOverdue` lives in ./dates.
 *
 * - Lost eligibility (資格喪失) and a name change: the 届 is due within 5 days (seed 000 「資格喪失後5日以内の
 *   届出をお願い致します」; seed 002 「日本年金機構へ5日以内に提出」), and the certificate goes with it.
 *   See filingDueDate for how the 5 days are counted.
 * - Everything else arrives on the monthly recall list (seed 000, 「月に1回…回収対象者リスト」) and is
 *   due when the next list arrives: the given next list date, or the 1st of the next month.
 */
export type DueDateInput = {
  /** 資格喪失日, YYYY-MM-DD; required for `lost_eligibility`. */
  lossDate?: string | null;
  /** When the next monthly list is expected, YYYY-MM-DD. */
  nextListDate?: string | null;
  /** The day the list is processed, YYYY-MM-DD; defaults to the device's local today. */
  today?: string;
};

export const LOSS_NOTICE_DAYS = 5;

export function dueDateFor(reason: RecallReason, input: DueDateInput = {}): string {
  if (reason === 'lost_eligibility' || reason === 'name_changed') {
    if (!input.lossDate) throw new RangeError('a loss of eligibility needs its loss date');
    return filingDueDate(input.lossDate);
  }
  if (input.nextListDate) return checkedDate(input.nextListDate);
  return firstOfNextMonth(input.today ?? localToday());
}

/**
 * The last day to file a 資格喪失届 (and hand in the certificates with it) for a loss on `lossDate`.
 *
 * 「5日以内」 is a period counted under the 民法 (健康保険法 has no rule of its own). A loss takes effect at
 * 0:00 of the 喪失日 (退職日の翌日, 健康保険法36条), so the 喪失日 is day 1 (民法140条 ただし書: a period
 * that starts at 0:00 counts its first day): 喪失 4/1 → 4/5. A last day on a 行政機関の休日 moves to the
 * next working day (民法142条; working-days.ts). DOMAIN.md's 「退職 3/31 → 喪失 4/1 → due 4/5」.
 */
export function filingDueDate(lossDate: string): string {
  return onOrNextWorkingDay(shiftDays(lossDate, LOSS_NOTICE_DAYS - 1));
}

/** Calendar arithmetic in UTC so that no time zone or DST change can shift the day. */
export function addDays(isoDate: string, days: number): string {
  const date = toUtcDate(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function firstOfNextMonth(isoDate: string): string {
  const date = toUtcDate(isoDate);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

function checkedDate(isoDate: string): string {
  toUtcDate(isoDate);
  return isoDate;
}

function toUtcDate(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    throw new RangeError(`not a calendar date: ${isoDate}`);
  return date;
}
