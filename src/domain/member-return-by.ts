import { onOrNextWorkingDay, workingDaysBefore } from './working-days';

/**
 * The date a member is asked to hand a certificate in: by default some working days before the office
 * must file it (the 5-day 届 for a loss; the next list for a monthly recall), so the clerk has time to
 * attach it to the 届 (DOMAIN.md: 「a member's return-by date is earlier than the filing due date」).
 * Never after the filing due date, and never in the past on the day the member is told: when the lead
 * time no longer fits, today (or the next working day) is the date, and the item is urgent.
 */
export const DEFAULT_MEMBER_LEAD_DAYS = 2;

export function memberReturnBy(filingDue: string, today: string, leadWorkingDays = DEFAULT_MEMBER_LEAD_DAYS): string {
  const wanted = workingDaysBefore(filingDue, Math.max(0, leadWorkingDays));
  if (wanted >= today) return wanted;
  // Too late for the lead time: the soonest working day, but never past the filing due date (if that is
  // past too, today: the member is asked at once).
  const soonest = onOrNextWorkingDay(today);
  return soonest <= filingDue ? soonest : today;
}
