import { describe, expect, it } from 'vitest';
import { type HouseholdPerson, lossDateFor, planHrEvent, seventyFifthBirthday } from './hr-events';

const household: HouseholdPerson[] = [
  { memberId: 'self', relation: 'self', holds: 'certificate', expiresOn: '2029-12-01' },
  { memberId: 'spouse', relation: 'dependant', holds: 'certificate', expiresOn: '2029-12-01' },
  { memberId: 'child', relation: 'dependant', holds: 'certificate', expiresOn: '2026-12-01' },
  { memberId: 'grandma', relation: 'dependant', holds: 'none', expiresOn: null },
];

describe('lossDateFor (健康保険法36条)', () => {
  it.each([
    ['retired', '2027-03-31', '2027-04-01'],
    ['died', '2026-12-31', '2027-01-01'],
    ['dependant_removed', '2026-12-10', '2026-12-10'],
    ['age_75', '2026-12-10', '2026-12-10'],
    ['name_changed', '2026-12-10', '2026-12-10'],
  ] as const)('%s on %s → 喪失 %s', (event, date, loss) => {
    expect(lossDateFor(event, date)).toBe(loss);
  });

  it.each([
    ['1951-12-10', '2026-12-10'],
    ['1952-02-29', '2027-03-01'],
    ['1953-02-28', '2028-02-28'],
  ])('born %s turns 75 on %s', (born, birthday) => {
    expect(seventyFifthBirthday(born)).toBe(birthday);
  });
});

describe('planHrEvent', () => {
  it('recalls every certificate of the household when the 被保険者 retires', () => {
    const plan = planHrEvent({
      event: 'retired',
      eventDate: '2026-11-30',
      subject: { memberId: 'self', relation: 'self' },
      household,
      kind: 'kyokai',
      today: '2026-12-01',
    });
    expect(plan.collected.map((d) => d.memberId)).toEqual(['self', 'spouse']);
    expect(plan.collected.every((d) => d.route === 'attach_to_filing')).toBe(true);
    // 喪失 12/1 (Tue) → day 5 is Saturday 12/5 → Monday 12/7.
    expect(plan.collected.map((d) => [d.lossDate, d.dueDate])).toEqual([
      ['2026-12-01', '2026-12-07'],
      ['2026-12-01', '2026-12-07'],
    ]);
    // The child's certificate expires on the 喪失日: not collected, shown as expired.
    expect(plan.notCollected).toEqual([expect.objectContaining({ memberId: 'child', route: 'expired' })]);
  });

  it('touches only the dependant when a dependant is removed', () => {
    const plan = planHrEvent({
      event: 'dependant_removed',
      eventDate: '2026-12-10',
      subject: { memberId: 'spouse', relation: 'dependant' },
      household,
      kind: 'kumiai',
      today: '2026-12-05',
    });
    expect(plan.collected).toEqual([
      expect.objectContaining({
        memberId: 'spouse',
        route: 'return_to_kumiai',
        lossDate: '2026-12-10',
        dueDate: '2026-12-14',
      }),
    ]);
    expect(plan.notCollected).toEqual([]);
  });

  it('tells the member to destroy an old card lost after 2025-12-01', () => {
    const plan = planHrEvent({
      event: 'retired',
      eventDate: '2026-12-04',
      subject: { memberId: 'self', relation: 'self' },
      household: [{ memberId: 'self', relation: 'self', holds: 'old_card', expiresOn: null }],
      kind: 'kumiai',
      today: '2026-12-05',
    });
    expect(plan.collected).toEqual([]);
    expect(plan.notCollected).toEqual([expect.objectContaining({ route: 'member_destroys' })]);
  });

  it('recalls the certificate with the old name on a name change', () => {
    const plan = planHrEvent({
      event: 'name_changed',
      eventDate: '2026-12-03',
      subject: { memberId: 'spouse', relation: 'dependant' },
      household,
      kind: 'kyokai',
      today: '2026-12-05',
    });
    expect(plan.collected).toEqual([
      expect.objectContaining({
        memberId: 'spouse',
        reason: 'name_changed',
        route: 'attach_to_filing',
        dueDate: '2026-12-07',
      }),
    ]);
  });
});
