import { localToday } from './dates';
import type { RecallReason } from './recall';

/**
 * When an item on a recall list should be back with the insurer. `isOverdue` lives in ./dates.
 *
 * - Lost eligibility (資格喪失): the 資格喪失届 is due within 5 days of the loss date (seeds 000 and 002,
 *   「資格喪失後5日以内」), and the certificate goes with it, so the item is due loss date + 5 days.
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
  if (reason === 'lost_eligibility') {
    if (!input.lossDate) throw new RangeError('a loss of eligibility needs its loss date');
    return addDays(input.lossDate, LOSS_NOTICE_DAYS);
  }
  if (input.nextListDate) return checkedDate(input.nextListDate);
  return firstOfNextMonth(input.today ?? localToday());
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
