import { describe, expect, it } from 'vitest';
import { isOverdue } from './dates';
import { addDays, dueDateFor, firstOfNextMonth } from './due-dates';

describe('dueDateFor', () => {
  it.each([
    ['2025-12-01', '2025-12-06'],
    ['2025-12-28', '2026-01-02'],
    ['2026-02-25', '2026-03-02'],
    ['2028-02-25', '2028-03-01'], // leap year: 29 Feb counts
    ['2024-02-28', '2024-03-04'],
    ['2100-02-26', '2100-03-03'], // 2100 is not a leap year
  ])('a loss on %s is due on %s (5 days)', (lossDate, due) => {
    expect(dueDateFor('lost_eligibility', { lossDate, today: '2025-01-01' })).toBe(due);
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

  it('an item due on the 6th is overdue from the 7th', () => {
    const due = dueDateFor('lost_eligibility', { lossDate: '2025-12-01' });
    expect(isOverdue(due, 'to_collect', '2025-12-06')).toBe(false);
    expect(isOverdue(due, 'to_collect', '2025-12-07')).toBe(true);
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
