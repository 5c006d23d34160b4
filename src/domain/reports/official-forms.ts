import type { DocumentKind, HrEvent, InsurerKind, ItemStatus, RecallReason, Relation } from '../recall';
import { type Filing, filingFor, isCollected, routeFor } from '../recall-route';

/**
 * The office as the insurer's forms name it (docs/decisions/022-official-forms.md). 協会けんぽ's
 * 回収不能届 asks for 「事業所 所在地・名称・事業主氏名・電話」 and the 事業所整理記号・事業所番号
 * (日本年金機構 「資格確認書等の返納手続き」; /work/shared/DOMAIN.md, "Two kinds of insurer").
 */
export type OfficeProfile = {
  /** 事業所整理記号 (協会けんぽ) or 事業所記号 (健保組合). */
  officeSymbol: string;
  /** 事業所番号. */
  officeNumber: string;
  name: string;
  postalCode: string;
  address: string;
  ownerTitle: string;
  ownerName: string;
  phone: string;
  /** 社会保険労務士 (提出代行者), optional. */
  sharoushi: string;
};

export const EMPTY_OFFICE_PROFILE: OfficeProfile = {
  officeSymbol: '',
  officeNumber: '',
  name: '',
  postalCode: '',
  address: '',
  ownerTitle: '',
  ownerName: '',
  phone: '',
  sharoushi: '',
};

/** The fields a form cannot go without (社会保険労務士 is optional). */
export const REQUIRED_OFFICE_FIELDS = [
  'officeSymbol',
  'officeNumber',
  'name',
  'postalCode',
  'address',
  'ownerName',
  'phone',
] as const satisfies readonly (keyof OfficeProfile)[];

export function missingOfficeFields(profile: OfficeProfile): (keyof OfficeProfile)[] {
  return REQUIRED_OFFICE_FIELDS.filter((key) => !profile[key].trim());
}

export type FormPerson = {
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  symbol: string;
  number: string;
  branch: string;
  insuredName: string;
};

/** What the forms read of one item (a LocalItem fits it). */
export type FormItem = {
  id: string;
  listId: string;
  householdId: string;
  relation: Relation;
  documentKind: DocumentKind;
  reason: RecallReason;
  issueNo: string;
  issuedOn: string;
  expiresOn: string | null;
  lossDate?: string | null;
  noticeArrivedOn?: string | null;
  hrEvent?: HrEvent | null;
  status: ItemStatus;
  returnedAt: string | null;
  unreturnableKind: 'lost' | 'uncollectable' | null;
  unreturnableReason: string | null;
  /** The live report the insurer holds the item in (from the pull); null or absent when none. */
  inReport?: { reportId: string } | null;
  person: FormPerson;
};

/** The 被保険者 a form is about: 記号・番号, 生年月日 (when the tablet holds the 本人's item), 氏名. */
export type InsuredHead = { symbol: string; number: string; name: string; birthDate: string | null };

/** One person on a 回収不能届 / 滅失届. */
export type UncollectablePerson = {
  itemId: string;
  relation: Relation;
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  branch: string;
  issueNo: string;
  issuedOn: string;
  expiresOn: string | null;
  lossDate: string | null;
  /** 滅失 (lost) or cannot be collected; both reasons on 協会けんぽ's one form. */
  lost: boolean;
  /** The reason as the form prints it: 「滅失」 or the clerk's words. */
  reason: string;
};

/**
 * One 回収不能届 (or 滅失届 at a 健保組合) for one 被保険者 with the persons of that household not
 * collected. 協会けんぽ has one form for 資格確認書 and another for the old 健康保険証, and 滅失 is a reason
 * on it (DOMAIN.md: 「滅失 is a reason on it, not a separate form」); a 組合 has its own 回収不能届 and
 * 滅失届 (seed 001).
 */
export type UncollectableForm = {
  key: string;
  form: 'kyokai_certificate' | 'kyokai_old_card' | 'kumiai_uncollectable' | 'kumiai_lost';
  /** Not personal: the key the clerk's 住所・電話 for the 被保険者 is kept under. */
  householdId: string;
  insured: InsuredHead;
  persons: UncollectablePerson[];
};

/** The certificates to attach to one 届 filed with 日本年金機構 (協会けんぽ). */
export type AttachmentList = {
  key: string;
  filing: Filing;
  insured: InsuredHead;
  persons: { itemId: string; relation: Relation; name: string; documentKind: DocumentKind; issueNo: string }[];
  counts: Record<DocumentKind, number>;
};

/** A 健保組合's 資格確認書回収連絡書 answering one recall list (seed 000: 「回収対象者リスト」 monthly). */
export type ReturnNoticeForm = {
  key: string;
  listId: string;
  listTitle: string;
  /** The month of the list it answers, YYYY-MM. */
  period: string;
  rows: {
    itemId: string;
    relation: Relation;
    name: string;
    symbol: string;
    number: string;
    branch: string;
    documentKind: DocumentKind;
    issueNo: string;
    returnedOn: string | null;
  }[];
  counts: Record<DocumentKind, number>;
};

export type OfficialForms =
  | { kind: 'kyokai'; uncollectable: UncollectableForm[]; attachments: AttachmentList[] }
  | { kind: 'kumiai'; uncollectable: UncollectableForm[]; returnNotices: ReturnNoticeForm[] };

export type OfficialFormsInput = {
  insurerKind: InsurerKind;
  items: readonly FormItem[];
  lists: readonly { id: string; title: string; period: string }[];
  /** YYYY-MM-DD: the route of a certificate with no loss date depends on it. */
  today: string;
  /** The calendar day of an instant on the clerk's device (returnedAt → 返却日). */
  dayOf?: (instant: string) => string;
  /**
   * Leave out what an earlier report already carried (issue 15: a printed list never repeats an item
   * already reported): items the insurer holds in a live report, and those in `sentItemIds` (reports
   * sent from this tablet whose mark has not come back yet). Earlier reports reprint as they were.
   */
  unreportedOnly?: boolean;
  sentItemIds?: ReadonlySet<string>;
};

/**
 * An item an earlier report (sent, or held by the insurer) already carries. Seed 000: 「回収した際は、
 * 「資格確認書回収連絡書」に回収枚数を記載の上、回収済みの資格確認書と併せてご返却ください。」: the count on a
 * 連絡書 is what its envelope holds, so an item already sent in an earlier envelope must not be counted again.
 */
export function isAlreadyReported(item: FormItem, sentItemIds: ReadonlySet<string> = new Set()): boolean {
  return (item.inReport ?? null) !== null || sentItemIds.has(item.id);
}

const byNumber = new Intl.Collator('ja', { numeric: true });
const householdOrder = (a: FormItem, b: FormItem) =>
  byNumber.compare(a.person.symbol, b.person.symbol) ||
  byNumber.compare(a.person.number, b.person.number) ||
  byNumber.compare(a.person.branch, b.person.branch) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Only what the office itself collects goes on its forms (recall-route.ts: the other routes never do). */
function collectedHere(item: FormItem, kind: InsurerKind, today: string): boolean {
  return isCollected(routeFor(item, kind, today));
}

function headOf(householdItems: readonly FormItem[], sample: FormItem): InsuredHead {
  const self = householdItems.find((item) => item.relation === 'self');
  return {
    symbol: sample.person.symbol,
    number: sample.person.number,
    // Every certificate carries the 被保険者氏名 (DOMAIN.md, fields printed on a 資格確認書).
    name: self?.person.name ?? sample.person.insuredName,
    birthDate: self?.person.birthDate ?? null,
  };
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

function countKinds(rows: readonly { documentKind: DocumentKind }[]): Record<DocumentKind, number> {
  const counts = { certificate: 0, old_card: 0 };
  for (const row of rows) counts[row.documentKind] += 1;
  return counts;
}

function toPerson(item: FormItem): UncollectablePerson {
  const lost = item.unreturnableKind === 'lost';
  const words = (item.unreturnableReason ?? '').trim();
  return {
    itemId: item.id,
    relation: item.relation,
    name: item.person.name,
    kana: item.person.kana,
    birthDate: item.person.birthDate,
    sex: item.person.sex,
    branch: item.person.branch,
    issueNo: item.issueNo,
    issuedOn: item.issuedOn,
    expiresOn: item.expiresOn,
    lossDate: item.lossDate ?? null,
    lost,
    reason: lost ? (words ? `滅失（${words}）` : '滅失') : words,
  };
}

/**
 * Every form the office hands in for the items on this tablet: one 回収不能届 per 被保険者 (and, at
 * 協会けんぽ, per kind of document), the attachment list of each 届 at 協会けんぽ, and one 回収連絡書 per
 * recall list at a 健保組合.
 */
export function buildOfficialForms(input: OfficialFormsInput): OfficialForms {
  const { insurerKind: kind, today } = input;
  const dayOf = input.dayOf ?? ((instant: string) => instant.slice(0, 10));
  const households = groupBy(input.items, (item) => item.householdId);
  const collected = input.items
    .filter((item) => collectedHere(item, kind, today))
    .filter((item) => !input.unreportedOnly || !isAlreadyReported(item, input.sentItemIds))
    .sort(householdOrder);

  const unreturnable = collected.filter((item) => item.status === 'unreturnable');
  const uncollectable: UncollectableForm[] = [];
  const formOf = (item: FormItem): UncollectableForm['form'] =>
    kind === 'kyokai'
      ? item.documentKind === 'old_card'
        ? 'kyokai_old_card'
        : 'kyokai_certificate'
      : item.unreturnableKind === 'lost'
        ? 'kumiai_lost'
        : 'kumiai_uncollectable';
  for (const [key, group] of groupBy(unreturnable, (item) => `${formOf(item)}|${item.householdId}`)) {
    const first = group[0] as FormItem;
    uncollectable.push({
      key,
      form: formOf(first),
      householdId: first.householdId,
      insured: headOf(households.get(first.householdId) ?? group, first),
      persons: group.map(toPerson),
    });
  }

  const returned = collected.filter((item) => item.status === 'returned');
  if (kind === 'kyokai') {
    const attachments: AttachmentList[] = [];
    for (const [key, group] of groupBy(returned, (item) => `${filingFor(item)}|${item.householdId}`)) {
      const first = group[0] as FormItem;
      attachments.push({
        key,
        filing: filingFor(first),
        insured: headOf(households.get(first.householdId) ?? group, first),
        persons: group.map((item) => ({
          itemId: item.id,
          relation: item.relation,
          name: item.person.name,
          documentKind: item.documentKind,
          issueNo: item.issueNo,
        })),
        counts: countKinds(group),
      });
    }
    return { kind, uncollectable, attachments };
  }

  const lists = new Map(input.lists.map((list) => [list.id, list]));
  const returnNotices: ReturnNoticeForm[] = [];
  for (const [listId, group] of groupBy(returned, (item) => item.listId)) {
    const list = lists.get(listId);
    returnNotices.push({
      key: listId,
      listId,
      listTitle: list?.title ?? '',
      period: list?.period ?? '',
      rows: group.map((item) => ({
        itemId: item.id,
        relation: item.relation,
        name: item.person.name,
        symbol: item.person.symbol,
        number: item.person.number,
        branch: item.person.branch,
        documentKind: item.documentKind,
        issueNo: item.issueNo,
        returnedOn: item.returnedAt ? dayOf(item.returnedAt) : null,
      })),
      counts: countKinds(group),
    });
  }
  returnNotices.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { kind, uncollectable, returnNotices };
}

export const FILING_TITLES: Readonly<Record<Filing, string>> = {
  loss: '健康保険・厚生年金保険被保険者資格喪失届',
  dependant_change: '健康保険被扶養者（異動）届',
  name_change: '健康保険・厚生年金保険被保険者氏名変更（訂正）届',
};

export const UNCOLLECTABLE_TITLES: Readonly<Record<UncollectableForm['form'], string>> = {
  kyokai_certificate: '健康保険資格確認書回収不能届',
  kyokai_old_card: '健康保険被保険者証回収不能届',
  kumiai_uncollectable: '資格確認書等回収不能届',
  kumiai_lost: '資格確認書等滅失届',
};

const SEX = { male: '男', female: '女' } as const;
const RELATION = { self: '本人', dependant: '家族' } as const;

/**
 * The 回収不能届 rows as a table for the insurer's Excel form (pass it to toExcelCsvBytes): one row per
 * person not collected, with the 被保険者's fields repeated. Dates ISO so Excel sorts them. The
 * 被保険者's address is left empty for a household under DV protection (DOMAIN.md, seed 003).
 */
export function uncollectableCsvRows(
  forms: readonly UncollectableForm[],
  elderly: ReadonlySet<string>,
  contacts: ReadonlyMap<string, { address: string; phone: string; dvProtected: boolean }>,
): string[][] {
  return [
    [
      '様式',
      '被保険者記号',
      '被保険者番号',
      '被保険者氏名',
      '被保険者生年月日',
      '被保険者住所',
      '被保険者電話番号',
      '氏名',
      'フリガナ',
      '続柄',
      '生年月日',
      '性別',
      '発行No.',
      '交付年月日',
      '有効期限',
      '資格喪失年月日',
      '高齢受給者証',
      '理由',
    ],
    ...forms.flatMap((form) => {
      const contact = contacts.get(form.householdId);
      return form.persons.map((p) => [
        UNCOLLECTABLE_TITLES[form.form],
        form.insured.symbol,
        form.insured.number,
        form.insured.name,
        form.insured.birthDate ?? '',
        contact && !contact.dvProtected ? contact.address : '',
        contact?.phone ?? '',
        p.name,
        p.kana,
        RELATION[p.relation],
        p.birthDate,
        SEX[p.sex],
        p.issueNo,
        p.issuedOn,
        p.expiresOn ?? '',
        p.lossDate ?? '',
        elderly.has(p.itemId) ? '有' : '無',
        p.reason,
      ]);
    }),
  ];
}
