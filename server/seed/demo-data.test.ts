import { describe, expect, it } from 'vitest';
import { filingDueDate } from '../../src/domain/due-dates';
import { isValidInsurerNumber } from '../../src/domain/insurer-number';
import { isCollected, routeFor } from '../../src/domain/recall-route';
import { generateDemoData, HOLDER_REASON_WEIGHTS } from './demo-data';
import { apportion, mulberry32 } from './prng';

const data = generateDemoData();

describe('apportion (largest remainder)', () => {
  it('sums to the total and hands leftovers to the largest remainders', () => {
    expect(apportion(600, HOLDER_REASON_WEIGHTS)).toEqual({
      no_card_or_unregistered: 572, // 571.58
      registration_cancelled: 0, // 0.33
      e_cert_expired: 24, // 23.60
      card_returned: 4, // 4.48
    });
    expect(apportion(9100, HOLDER_REASON_WEIGHTS)).toEqual(HOLDER_REASON_WEIGHTS);
    expect(apportion(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
  });
});

describe('mulberry32', () => {
  it('is deterministic and stays in range', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
    expect(mulberry32(2).next()).not.toBe(xs[0]);
  });
});

describe('demo data', () => {
  it('is the same on every call, and differs for another seed', () => {
    expect(generateDemoData()).toEqual(data);
    expect(generateDemoData(7).members).not.toEqual(data.members);
  });

  it('has a 健康保険組合 (DEMO-1, DEMO-3) and a 協会けんぽ 支部 (DEMO-2) with valid 保険者番号, and access codes', () => {
    expect(data.insurers.map((i) => [i.number, i.kind])).toEqual([
      ['06135784', 'kumiai'],
      ['01140011', 'kyokai'],
    ]);
    for (const insurer of data.insurers) expect(isValidInsurerNumber(insurer.number)).toBe(true);
    expect(data.offices.map((o) => o.code)).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3']);
    expect(data.offices.map((o) => o.insurer_id)).toEqual(['ins-minato', 'ins-kyokai-kanagawa', 'ins-minato']);
    expect(data.accessCodes).toEqual({ 'DEMO-1': 'demo-pass-1', 'DEMO-2': 'demo-pass-2', 'DEMO-3': 'demo-pass-3' });
  });

  it('has 600 members whose holder reasons follow seed 000 exactly apportioned', () => {
    expect(data.members).toHaveLength(600);
    const counts: Record<string, number> = {};
    for (const m of data.members) counts[m.holder_reason ?? 'none'] = (counts[m.holder_reason ?? 'none'] ?? 0) + 1;
    expect(counts).toEqual({ no_card_or_unregistered: 572, e_cert_expired: 24, card_returned: 4 });
    expect(new Set(data.members.map((m) => m.id)).size).toBe(600);
  });

  it('contains the hard names: 髙, 﨑, 𠮷 (a surrogate pair), 齋藤 and 斎藤, Latin and katakana foreign names', () => {
    const names = data.members.map((m) => m.name);
    const has = (re: RegExp) => names.some((name) => re.test(name));
    expect(has(/髙/)).toBe(true);
    expect(has(/﨑/)).toBe(true);
    expect(has(/\u{20BB7}/u)).toBe(true);
    // 𠮷 is two UTF-16 code units: such a name has fewer code points than .length says.
    const yoshino = names.find((name) => name.includes('𠮷')) ?? '';
    expect([...yoshino].length).toBe(yoshino.length - 1);
    expect(has(/齋藤/) && has(/斎藤/) && has(/渡邊/)).toBe(true);
    expect(names).toContain('Maria Santos Oliveira');
    expect(names).toContain('グエン・ヴァン・アン');
    expect(names.some((name) => [...name].length >= 10)).toBe(true);
    // Every フリガナ is katakana (with the separators used between name parts).
    for (const m of data.members) expect(m.kana, m.name).toMatch(/^[\u30A0-\u30FF\u3000 ・]+$/u);
  });

  it('groups members in households: one 被保険者 each, dependants sharing 記号・番号 with 枝番 00, 01, …', () => {
    const households = new Map<string, typeof data.members>();
    for (const m of data.members) households.set(m.household_id, [...(households.get(m.household_id) ?? []), m]);
    expect(households.size).toBeGreaterThan(150);
    for (const members of households.values()) {
      const self = members.filter((m) => m.relation === 'self');
      expect(self).toHaveLength(1);
      expect(members[0]?.relation).toBe('self');
      members.forEach((m, i) => {
        expect(m.symbol).toBe(self[0]?.symbol);
        expect(m.number).toBe(self[0]?.number);
        expect(m.office_id).toBe(self[0]?.office_id);
        expect(m.branch).toBe(String(i).padStart(2, '0'));
      });
      expect(members.length).toBeLessThanOrEqual(5);
    }
  });

  it('has three monthly lists per office and items for about a third of the members', () => {
    expect(data.lists).toHaveLength(9);
    expect(data.lists.map((l) => l.title)).toContain('2026年11月分 回収対象者リスト');
    // 協会けんぽ sends no monthly list: DEMO-2's lists are the losses and changes it recorded itself.
    expect(data.lists.filter((l) => l.office_id === 'office-demo-2').map((l) => l.source)).toEqual([
      'office',
      'office',
      'office',
    ]);
    for (const list of data.lists) {
      const day = Number(list.received_at.slice(8, 10));
      expect(list.received_at.slice(0, 7)).toBe(list.period);
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(5);
    }
    const share = new Set(data.items.map((i) => i.member_id)).size / data.members.length;
    expect(share).toBeGreaterThanOrEqual(0.22);
    expect(share).toBeLessThanOrEqual(0.4);
    const issueNos = data.items.filter((i) => i.document_kind === 'certificate').map((i) => i.issue_no);
    expect(new Set(issueNos).size).toBe(issueNos.length);
    for (const no of issueNos) expect(no).toMatch(/^\d{10}$/);
  });

  it('obeys the rules of docs/domain.md for each kind of insurer', () => {
    const kindOf = (officeId: string) => (officeId === 'office-demo-2' ? 'kyokai' : 'kumiai');
    const reasons = new Map<string, number>();
    for (const item of data.items) {
      const kind = kindOf(item.office_id);
      const key = `${kind} ${item.reason}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
      // No old 健康保険証 on a 2026 list (seed 001: only losses up to 2025-12-01).
      expect(item.document_kind).toBe('certificate');
      if (item.reason === 'lost_eligibility' || item.reason === 'name_changed') {
        expect(item.loss_date).toBeTruthy();
        expect(item.due_date).toBe(filingDueDate(item.loss_date as string));
      } else {
        const period = item.list_id.slice(-7);
        expect(item.loss_date).toBeNull();
        expect(item.due_date.slice(8)).toBe('01');
        expect(item.due_date > `${period}-01`).toBe(true);
      }
      const route = routeFor(
        {
          documentKind: item.document_kind,
          reason: item.reason,
          lossDate: item.loss_date,
          noticeArrivedOn: item.notice_arrived_on,
          expiresOn: item.expires_on,
        },
        kind,
        '2026-11-20',
      );
      // Nothing the office does not collect is ever marked returned or unreturnable.
      if (!isCollected(route)) expect(item.status).toBe('to_collect');
      if (item.status === 'returned') expect(item.returned_at && item.status_changed_at).toBeTruthy();
      if (item.status === 'unreturnable') expect(item.unreturnable_kind && item.unreturnable_reason).toBeTruthy();
    }
    // The マイナ保険証 recall is a 組合's practice (seed 000); 協会けんぽ has none.
    expect(reasons.get('kyokai got_myna')).toBeUndefined();
    expect(reasons.get('kumiai got_myna')).toBeGreaterThan(30);
    expect(reasons.get('kyokai superseded')).toBeGreaterThan(0);
    expect(reasons.get('kyokai name_changed')).toBeGreaterThan(0);
  });

  it('recalls every certificate of the household with its 被保険者 (DOMAIN.md)', () => {
    const membersById = new Map(data.members.map((m) => [m.id, m]));
    for (const item of data.items) {
      const member = membersById.get(item.member_id);
      if (item.reason !== 'lost_eligibility' || member?.relation !== 'self') continue;
      const household = data.members.filter((m) => m.household_id === member.household_id);
      for (const m of household) {
        const theirs = data.items.find((i) => i.member_id === m.id);
        expect(theirs?.reason, m.id).toBe('lost_eligibility');
        expect(theirs?.loss_date).toBe(item.loss_date);
      }
    }
  });

  it('mixes progress as described', () => {
    const by = (key: (i: (typeof data.items)[number]) => string) => {
      const counts: Record<string, number> = {};
      for (const item of data.items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
      return counts;
    };
    const status = by((i) => `${i.list_id.slice(-7)} ${i.status}`);
    expect(status['2026-09 returned']).toBeGreaterThan(status['2026-09 to_collect'] ?? 0);
    expect(status['2026-09 unreturnable']).toBeGreaterThan(0);
    expect(status['2026-11 to_collect']).toBeGreaterThan(status['2026-11 returned'] ?? 0);
  });
});
