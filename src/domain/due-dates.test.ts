import { describe, expect, it } from 'vitest';
import { isOverdue } from './dates';
import { addDays, dueDateFor, filingDueDate, firstOfNextMonth } from './due-dates';

describe('dueDateFor', () => {
  // Day 1 is the 喪失日 (民法140条 ただし書); a last day on a 行政機関の休日 moves to the next working day.
  it.each([
    ['2027-04-01', '2027-04-05', 'DOMAIN.md: 喪失 4/1 → 4/5 (Thursday → Monday)'],
    ['2025-12-01', '2025-12-05', 'the last day of the old cards (Monday → Friday)'],
    ['2025-12-02', '2025-12-08', 'day 5 is Saturday 12/6 → Monday'],
    ['2026-12-08', '2026-12-14', 'day 5 on a Saturday → Monday'],
    ['2026-11-19', '2026-11-24', 'day 5 on 勤労感謝の日 (Monday) → Tuesday'],
    ['2026-04-30', '2026-05-07', 'day 5 in Golden Week: みどりの日, こどもの日, 振替休日 → Thursday'],
    ['2026-09-17', '2026-09-24', 'day 5 on 敬老の日, then 国民の休日 and 秋分の日 → Thursday'],
    ['2026-12-25', '2027-01-04', 'day 5 on 12/29: the year-end days 12/29–1/3 → Monday 1/4'],
    ['2025-12-28', '2026-01-05', 'day 5 on 1/1, then Sunday 1/4 → Monday 1/5'],
    ['2028-02-25', '2028-02-29', 'leap year: 29 February counts'],
    ['2100-02-26', '2100-03-02', '2100 is not a leap year'],
  ])('a loss on %s is due on %s (%s)', (lossDate, due) => {
    expect(dueDateFor('lost_eligibility', { lossDate, today: '2025-01-01' })).toBe(due);
    expect(filingDueDate(lossDate)).toBe(due);
  });

  it('needs the loss date for a loss of eligibility', () => {
    expect(() => dueDateFor('lost_eligibility', { today: '2025-12-01' })).toThrow(RangeError);
  });

  it.each(['got_myna', 'superseded', 'not_enrolled', 'old_card'] as const)(
    '%s is due by the next list date when given',
    (reason) => {
      expect(dueDateFor(reason, { nextListDate: '2026-01-10', today: '2025-12-15' })).toBe('2026-01-10');
    },
  );

  it.each([
    ['2025-12-15', '2026-01-01'],
    ['2025-12-31', '2026-01-01'],
    ['2025-12-01', '2026-01-01'],
    ['2028-01-31', '2028-02-01'],
    ['2028-02-29', '2028-03-01'],
  ])('a monthly item processed on %s is due on %s without a next list date', (today, due) => {
    expect(dueDateFor('got_myna', { today })).toBe(due);
  });

  it('ignores the loss date for monthly items', () => {
    expect(dueDateFor('superseded', { lossDate: '2025-12-01', today: '2025-12-03' })).toBe('2026-01-01');
  });

  it('rejects impossible dates', () => {
    expect(() => dueDateFor('got_myna', { nextListDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => dueDateFor('lost_eligibility', { lossDate: '2025/12/01' })).toThrow(RangeError);
  });

  it('an item due on Friday the 5th is overdue from Saturday the 6th', () => {
    const due = dueDateFor('lost_eligibility', { lossDate: '2025-12-01' });
    expect(isOverdue(due, 'to_collect', '2025-12-05')).toBe(false);
    expect(isOverdue(due, 'to_collect', '2025-12-06')).toBe(true);
  });
});

describe('calendar helpers', () => {
  it('adds days across year ends and backwards', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
  });

  it('finds the first of next month across the year end', () => {
    expect(firstOfNextMonth('2025-12-31')).toBe('2026-01-01');
    expect(firstOfNextMonth('2025-01-31')).toBe('2025-02-01');
  });
});
