import { describe, expect, it } from 'vitest';
import type { InsurerKind } from './recall';
import { filingFor, isCollected, type RecallRoute, type RouteInput, routeFor } from './recall-route';

const TODAY = '2026-12-05';
const certificate = (over: Partial<RouteInput> = {}): RouteInput => ({
  documentKind: 'certificate',
  reason: 'lost_eligibility',
  lossDate: '2026-11-01',
  expiresOn: '2029-12-01',
  ...over,
});
const oldCard = (
  lossDate: string | null,
  noticeArrivedOn: string | null,
  hrEvent: RouteInput['hrEvent'] = 'retired',
): RouteInput => ({
  documentKind: 'old_card',
  reason: 'old_card',
  lossDate,
  noticeArrivedOn,
  expiresOn: null,
  hrEvent,
});

describe('routeFor: old 健康保険証 (seeds 000, 001, 002)', () => {
  it.each<[string | null, string | null, RecallRoute, RecallRoute, string]>([
    ['2024-12-01', '2024-12-03', 'member_destroys', 'member_destroys', 'lost before the window opened'],
    ['2024-12-02', '2024-12-05', 'attach_to_filing', 'return_to_kumiai', 'first day of the window'],
    [
      '2025-12-01',
      '2025-12-01',
      'attach_to_filing',
      'return_to_kumiai',
      'last day of the window, 届 arrived the same day',
    ],
    ['2025-12-01', '2025-12-02', 'member_destroys', 'member_destroys', 'seed 000: 届 arriving 12/2 is not collected'],
    ['2025-12-02', '2025-12-03', 'member_destroys', 'member_destroys', 'lost after the cut-off'],
    ['2026-03-31', '2026-04-02', 'member_destroys', 'member_destroys', 'a loss in 2026'],
    ['2025-06-30', null, 'ask_arrival', 'ask_arrival', 'recorded by the office, arrival unknown: ask'],
    [null, null, 'ask_arrival', 'ask_arrival', 'recorded by the office, loss date unknown: ask'],
  ])('lost %s, 届 arrived %s → 協会けんぽ %s, 組合 %s (%s)', (loss, arrived, kyokai, kumiai) => {
    expect(routeFor(oldCard(loss, arrived), 'kyokai', TODAY)).toBe(kyokai);
    expect(routeFor(oldCard(loss, arrived), 'kumiai', TODAY)).toBe(kumiai);
  });
});

describe('routeFor: an old card the insurer listed', () => {
  it('is collected without an arrival date: the insurer decides by arrival (seed 000)', () => {
    expect(routeFor(oldCard('2025-06-30', null, null), 'kumiai', TODAY)).toBe('return_to_kumiai');
    expect(routeFor(oldCard(null, null, null), 'kyokai', TODAY)).toBe('attach_to_filing');
    expect(routeFor(oldCard('2026-01-10', null, null), 'kumiai', TODAY)).toBe('member_destroys');
  });
});

describe('routeFor: 資格確認書 after a loss, 喪失日 < 有効期限 (seed 001 table, seed 002)', () => {
  it.each<[string, string | null, RecallRoute, string]>([
    ['2026-11-30', '2026-12-01', 'return_to_kumiai', 'the day before expiry'],
    ['2026-12-01', '2026-12-01', 'expired', 'on the expiry day the certificate is spent'],
    ['2026-12-02', '2026-12-01', 'expired', 'after expiry'],
    ['2026-12-02', null, 'return_to_kumiai', 'no expiry printed'],
  ])('lost %s, expires %s → %s (%s)', (lossDate, expiresOn, route) => {
    expect(routeFor(certificate({ lossDate, expiresOn }), 'kumiai', TODAY)).toBe(route);
    const kyokai = route === 'return_to_kumiai' ? 'attach_to_filing' : route;
    expect(routeFor(certificate({ lossDate, expiresOn }), 'kyokai', TODAY)).toBe(kyokai);
  });

  it('collects a monthly recall (no loss) whatever the day: the 有効期限 rule is about losses', () => {
    const monthly = certificate({ reason: 'got_myna', lossDate: null, expiresOn: '2026-12-01' });
    expect(routeFor(monthly, 'kumiai', '2026-11-30')).toBe('return_to_kumiai');
    expect(routeFor(monthly, 'kumiai', '2027-01-05')).toBe('return_to_kumiai');
  });
});

describe('routeFor: the two kinds of insurer', () => {
  it.each<[RouteInput['reason'], InsurerKind, RecallRoute]>([
    ['superseded', 'kyokai', 'member_posts_back'],
    ['not_enrolled', 'kyokai', 'member_posts_back'],
    ['superseded', 'kumiai', 'return_to_kumiai'],
    ['not_enrolled', 'kumiai', 'return_to_kumiai'],
    ['got_myna', 'kumiai', 'return_to_kumiai'],
    ['got_myna', 'kyokai', 'not_recalled'],
    ['name_changed', 'kyokai', 'attach_to_filing'],
    ['lost_eligibility', 'kyokai', 'attach_to_filing'],
  ])('%s at %s → %s', (reason, kind, route) => {
    expect(
      routeFor(certificate({ reason, lossDate: reason === 'lost_eligibility' ? '2026-11-01' : null }), kind, TODAY),
    ).toBe(route);
  });

  it('never routes a 任意継続被保険者 through the office (seeds 003, 004)', () => {
    expect(routeFor(certificate({ voluntaryContinuation: true }), 'kumiai', TODAY)).toBe('insurer_direct');
    expect(routeFor(certificate({ voluntaryContinuation: true }), 'kyokai', TODAY)).toBe('insurer_direct');
  });

  it('collects only what goes to the insurer through the office', () => {
    expect(isCollected('attach_to_filing')).toBe(true);
    expect(isCollected('return_to_kumiai')).toBe(true);
    for (const route of [
      'member_posts_back',
      'member_destroys',
      'expired',
      'not_recalled',
      'insurer_direct',
      'ask_arrival',
    ] as const)
      expect(isCollected(route)).toBe(false);
  });
});

describe('filingFor', () => {
  it.each([
    [{ reason: 'lost_eligibility', hrEvent: 'retired' }, 'loss'],
    [{ reason: 'lost_eligibility', hrEvent: 'died' }, 'loss'],
    [{ reason: 'lost_eligibility', hrEvent: 'age_75' }, 'loss'],
    [{ reason: 'lost_eligibility', hrEvent: 'dependant_removed' }, 'dependant_change'],
    [{ reason: 'name_changed', hrEvent: 'name_changed' }, 'name_change'],
    [{ reason: 'lost_eligibility', hrEvent: null }, 'loss'],
  ] as const)('%o goes with the %s 届', (input, filing) => {
    expect(filingFor(input)).toBe(filing);
  });
});
