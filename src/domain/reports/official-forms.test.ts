import { describe, expect, it } from 'vitest';
import {
  buildOfficialForms,
  EMPTY_OFFICE_PROFILE,
  type FormItem,
  missingOfficeFields,
  uncollectableCsvRows,
} from './official-forms';

const TODAY = '2026-04-10';
function item(over: Partial<FormItem> & { id: string; name: string; relation: FormItem['relation'] }): FormItem {
  const { name, ...rest } = over;
  return {
    listId: 'ol-1-2026-04',
    householdId: 'h1',
    documentKind: 'certificate',
    reason: 'lost_eligibility',
    issueNo: `N-${over.id}`,
    issuedOn: '2025-12-01',
    expiresOn: '2030-12-01',
    lossDate: '2026-04-01',
    hrEvent: 'retired',
    status: 'returned',
    returnedAt: '2026-04-03T01:00:00.000Z',
    unreturnableKind: null,
    unreturnableReason: null,
    person: {
      name,
      kana: 'カナ',
      birthDate: '1980-05-05',
      sex: 'female',
      symbol: '12',
      number: '345',
      branch: over.relation === 'self' ? '00' : '01',
      insuredName: '山田 太郎',
    },
    ...rest,
  };
}

// A 被保険者 retires; his household's three certificates are recalled (hr-events.ts) and one dependant's is not collected.
const household: FormItem[] = [
  item({ id: 'a', name: '山田 太郎', relation: 'self' }),
  item({ id: 'b', name: '山田 花子', relation: 'dependant' }),
  item({
    id: 'c',
    name: '山田 次郎',
    relation: 'dependant',
    status: 'unreturnable',
    returnedAt: null,
    unreturnableKind: 'uncollectable',
    unreturnableReason: '所在不明',
  }),
];

describe('buildOfficialForms', () => {
  const cases: {
    name: string;
    items: FormItem[];
    kind: 'kyokai' | 'kumiai';
    forms: { form: string; insured: string; persons: string[] }[];
    attachments?: { filing: string; persons: string[]; certificates: number }[];
    notices?: { period: string; persons: string[] }[];
  }[] = [
    {
      name: '協会けんぽ: one 回収不能届 for the 被保険者 naming the dependant, and the 喪失届 attachment list',
      items: household,
      kind: 'kyokai',
      forms: [{ form: 'kyokai_certificate', insured: '山田 太郎', persons: ['山田 次郎'] }],
      attachments: [{ filing: 'loss', persons: ['山田 太郎', '山田 花子'], certificates: 2 }],
    },
    {
      name: '協会けんぽ: 滅失 is a reason on the same form; an old card has its own form',
      items: [
        item({
          id: 'a',
          name: '山田 太郎',
          relation: 'self',
          status: 'unreturnable',
          unreturnableKind: 'lost',
          unreturnableReason: '火災',
        }),
        item({
          id: 'd',
          name: '山田 太郎',
          relation: 'self',
          documentKind: 'old_card',
          lossDate: '2025-06-01',
          noticeArrivedOn: '2025-06-05',
          status: 'unreturnable',
          unreturnableKind: 'uncollectable',
          unreturnableReason: '本人拒否',
        }),
      ],
      kind: 'kyokai',
      forms: [
        { form: 'kyokai_certificate', insured: '山田 太郎', persons: ['山田 太郎'] },
        { form: 'kyokai_old_card', insured: '山田 太郎', persons: ['山田 太郎'] },
      ],
      attachments: [],
    },
    {
      name: '健保組合: 回収不能届 and 滅失届 per 被保険者; one 回収連絡書 per recall list',
      items: [
        ...household.map((i) => ({
          ...i,
          hrEvent: null,
          reason: 'got_myna' as const,
          lossDate: null,
          listId: 'L-2026-03',
        })),
        item({
          id: 'e',
          name: '鈴木 一',
          relation: 'self',
          householdId: 'h2',
          status: 'unreturnable',
          returnedAt: null,
          unreturnableKind: 'lost',
          unreturnableReason: '',
        }),
      ].map((i) => (i.id === 'e' ? { ...i, person: { ...i.person, number: '400', insuredName: '鈴木 一' } } : i)),
      kind: 'kumiai',
      forms: [
        { form: 'kumiai_uncollectable', insured: '山田 太郎', persons: ['山田 次郎'] },
        { form: 'kumiai_lost', insured: '鈴木 一', persons: ['鈴木 一'] },
      ],
      notices: [{ period: '2026-03', persons: ['山田 太郎', '山田 花子'] }],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const built = buildOfficialForms({
        insurerKind: c.kind,
        items: c.items,
        lists: [{ id: 'L-2026-03', title: '2026年3月 回収対象者リスト', period: '2026-03' }],
        today: TODAY,
      });
      expect(
        built.uncollectable.map((f) => ({
          form: f.form,
          insured: f.insured.name,
          persons: f.persons.map((p) => p.name),
        })),
      ).toEqual(c.forms);
      if (built.kind === 'kyokai')
        expect(
          built.attachments.map((a) => ({
            filing: a.filing,
            persons: a.persons.map((p) => p.name),
            certificates: a.counts.certificate,
          })),
        ).toEqual(c.attachments);
      else
        expect(built.returnNotices.map((n) => ({ period: n.period, persons: n.rows.map((r) => r.name) }))).toEqual(
          c.notices,
        );
    });

  it('prints the fields the 回収不能届 asks for: 発行No., 交付年月日, 有効期限, 資格喪失年月日, reason, the 被保険者 head', () => {
    const built = buildOfficialForms({ insurerKind: 'kyokai', items: household, lists: [], today: TODAY });
    const form = built.uncollectable[0];
    expect(form?.insured).toEqual({ symbol: '12', number: '345', name: '山田 太郎', birthDate: '1980-05-05' });
    expect(form?.persons[0]).toMatchObject({
      issueNo: 'N-c',
      issuedOn: '2025-12-01',
      expiresOn: '2030-12-01',
      lossDate: '2026-04-01',
      reason: '所在不明',
      lost: false,
    });
  });

  it('leaves off what the office does not collect (an expired certificate; a member posting back at 協会けんぽ)', () => {
    const built = buildOfficialForms({
      insurerKind: 'kyokai',
      items: [
        { ...household[2], expiresOn: '2026-03-31' } as FormItem,
        { ...household[1], reason: 'superseded', hrEvent: null, lossDate: null } as FormItem,
      ],
      lists: [],
      today: TODAY,
    });
    expect(built.uncollectable).toEqual([]);
    expect(built.kind === 'kyokai' && built.attachments).toEqual([]);
  });

  it('asks for the office fields every form prints, 社会保険労務士 optional', () => {
    expect(missingOfficeFields(EMPTY_OFFICE_PROFILE)).toContain('officeSymbol');
    expect(missingOfficeFields(EMPTY_OFFICE_PROFILE)).not.toContain('sharoushi');
  });

  it('writes one CSV row per person not collected, never the address of a household under DV protection', () => {
    const built = buildOfficialForms({ insurerKind: 'kyokai', items: household, lists: [], today: TODAY });
    const rows = uncollectableCsvRows(
      built.uncollectable,
      new Set(['c']),
      new Map([['h1', { address: '横浜市1', phone: '090', dvProtected: true }]]),
    );
    expect(rows).toHaveLength(2);
    const [header, row] = rows as [string[], string[]];
    const at = (name: string) => row[header.indexOf(name)];
    expect(at('氏名')).toBe('山田 次郎');
    expect(at('被保険者氏名')).toBe('山田 太郎');
    expect(at('被保険者住所')).toBe('');
    expect(at('被保険者電話番号')).toBe('090');
    expect(at('高齢受給者証')).toBe('有');
    expect(at('資格喪失年月日')).toBe('2026-04-01');
  });
});

describe('unreportedOnly (issue 15: a printed list never repeats what was reported)', () => {
  const reported = household.map((i) =>
    i.id === 'a' ? { ...i, inReport: { reportId: 'r1' } } : i.id === 'c' ? { ...i, inReport: { reportId: 'r2' } } : i,
  );
  it('leaves off items the insurer holds in a report and items sent from this tablet', () => {
    const built = buildOfficialForms({
      insurerKind: 'kyokai',
      items: reported,
      lists: [],
      today: TODAY,
      unreportedOnly: true,
      sentItemIds: new Set(['b']),
    });
    expect(built.uncollectable).toEqual([]);
    expect(built.kind === 'kyokai' && built.attachments).toEqual([]);
  });
  it('keeps every item when the clerk asks for all, and an unreported one by default', () => {
    const all = buildOfficialForms({ insurerKind: 'kyokai', items: reported, lists: [], today: TODAY });
    expect(all.uncollectable.flatMap((f) => f.persons.map((p) => p.itemId))).toEqual(['c']);
    const fresh = buildOfficialForms({
      insurerKind: 'kyokai',
      items: reported,
      lists: [],
      today: TODAY,
      unreportedOnly: true,
    });
    expect(fresh.kind === 'kyokai' && fresh.attachments.flatMap((a) => a.persons.map((p) => p.itemId))).toEqual(['b']);
  });
});
