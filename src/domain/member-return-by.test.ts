import { describe, expect, it } from 'vitest';
import { memberReturnBy } from './member-return-by';

describe('memberReturnBy', () => {
  it.each([
    // filing due, today, lead working days, expected
    ['2026-12-14', '2026-12-07', 2, '2026-12-10', 'two working days before Monday 12/14 is Thursday 12/10'],
    ['2026-11-24', '2026-11-16', 2, '2026-11-19', 'skips 勤労感謝の日 (Mon 11/23) and the weekend'],
    ['2027-01-04', '2026-12-21', 2, '2026-12-25', 'skips the year-end days 12/29–1/3 and the weekend'],
    ['2026-12-14', '2026-12-07', 0, '2026-12-14', 'no lead time: the filing due date itself'],
    ['2026-12-14', '2026-12-11', 2, '2026-12-11', 'too late for the lead time: today, never in the past'],
    ['2026-12-14', '2026-12-12', 2, '2026-12-14', 'told on a Saturday: the next working day'],
    ['2026-12-14', '2026-12-16', 2, '2026-12-16', 'filing already overdue: today'],
  ])('due %s, told on %s, lead %i → %s (%s)', (due, today, lead, expected) => {
    const date = memberReturnBy(due, today, lead);
    expect(date).toBe(expected);
    expect(date >= today).toBe(true);
    if (today <= due) expect(date <= due).toBe(true);
  });
});
