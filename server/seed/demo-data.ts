import { filingDueDate } from '../../src/domain/due-dates';
import { insurerCheckDigit } from '../../src/domain/insurer-number';
import type {
  DocumentKind,
  HolderReason,
  HrEvent,
  InsurerKind,
  ItemStatus,
  ListSource,
  RecallReason,
  Relation,
} from '../../src/domain/recall';
import { isCollected, routeFor } from '../../src/domain/recall-route';
import { apportion, mulberry32, type Random } from './prng';

/**
 * Deterministic demo data for the insurer API: two insurers of the two kinds (docs/domain.md), a
 * 健康保険組合 with DEMO-1 and DEMO-3 and a 協会けんぽ 支部 with DEMO-2, about 600 members in households,
 * and three lists per office: the 組合's monthly recall lists, and at 協会けんぽ (which sends none) the
 * losses and changes the office recorded itself. Rows use the table column
 * names (server/db/migrations/001_init.sql) so insert-demo.ts can insert them as they are.
 *
 * The names deliberately exercise what real member data contains and what naive code breaks on:
 * 髙/﨑 (IBM extended kanji), 𠮷 (outside the BMP: a surrogate pair in JavaScript), 齋藤/斎藤/斉藤
 * (three spellings read the same), very long names, and foreign names in katakana and in Latin letters.
 */

export type InsurerRow = { id: string; name: string; number: string; phone: string; kind: InsurerKind };
export type OfficeRow = {
  id: string;
  insurer_id: string;
  code: string;
  name: string;
  /** The insurer's enrolment (migration 011): what the official forms print unless the clerk edits it. */
  office_symbol: string;
  office_number: string;
  address: string;
};
export type MemberRow = {
  id: string;
  office_id: string;
  household_id: string;
  relation: Relation;
  name: string;
  kana: string;
  birth_date: string;
  sex: 'male' | 'female';
  symbol: string;
  number: string;
  branch: string;
  holder_reason: HolderReason | null;
  preferred_lang: string;
};
export type ListRow = {
  id: string;
  office_id: string;
  title: string;
  period: string;
  received_at: string;
  source: ListSource;
};
export type ItemRow = {
  id: string;
  office_id: string;
  list_id: string;
  member_id: string;
  document_kind: DocumentKind;
  reason: RecallReason;
  issue_no: string;
  issued_on: string;
  expires_on: string | null;
  loss_date: string | null;
  notice_arrived_on: string | null;
  hr_event: HrEvent | null;
  due_date: string;
  status: ItemStatus;
  returned_at: string | null;
  return_method: 'hand' | 'post' | null;
  unreturnable_kind: 'lost' | 'uncollectable' | null;
  unreturnable_reason: string | null;
  status_changed_at: string | null;
  withdrawn: boolean;
};

export type DemoData = {
  insurers: InsurerRow[];
  offices: OfficeRow[];
  /** Plaintext access codes by office code: only for the seed and the README, hashed on insert. */
  accessCodes: Record<string, string>;
  members: MemberRow[];
  lists: ListRow[];
  items: ItemRow[];
};

export const DEMO_SEED = 20251202;
export const DEMO_MEMBER_COUNT = 600;

/** Seed 000: why 9,100 members hold a 資格確認書 instead of a マイナ保険証. */
export const HOLDER_REASON_WEIGHTS: Record<HolderReason, number> = {
  no_card_or_unregistered: 8669, // 95.26%
  registration_cancelled: 5, // 0.05%
  e_cert_expired: 358, // 3.94%
  card_returned: 68, // 0.75%
};

/**
 * Share of items per recall reason at a 健康保険組合: its monthly マイナ保険証 recall dominates. No old
 * 健康保険証: the lists are of 2026, and old cards are collected only for losses up to 2025-12-01
 * (seed 001; docs/domain.md), so a 2026 list never carries one.
 */
export const RECALL_REASON_WEIGHTS: Record<RecallReason, number> = {
  got_myna: 60,
  lost_eligibility: 25,
  superseded: 10,
  old_card: 0,
  not_enrolled: 5,
  name_changed: 0,
};

/**
 * At 協会けんぽ there is no monthly recall list (docs/domain.md): the office's own losses and changes,
 * plus superseded certificates and ones that reached a non-member, which the member posts back (seed 003).
 */
export const KYOKAI_REASON_WEIGHTS: Record<RecallReason, number> = {
  got_myna: 0,
  lost_eligibility: 70,
  superseded: 12,
  old_card: 0,
  not_enrolled: 8,
  name_changed: 10,
};

const PERIODS = ['2026-09', '2026-10', '2026-11'] as const;
/** The demo's "today": every return and status change happened before it. */
const DEMO_NOW = Date.UTC(2026, 10, 20);
const DAY = 24 * 60 * 60 * 1000;

const KUMIAI_BODY = '0613578';
// 協会けんぽ: 法別番号 01, 都道府県番号 14 (神奈川), 保険者別番号 001, then the check digit.
const KYOKAI_BODY = '0114001';
// officeSymbol / officeNumber / address: the insurer's enrolment of the office. A 協会けんぽ
// 事業所整理記号 is digits and kana (「12-アイウ」), its 事業所番号 digits; a 組合's 事業所記号 is the 記号
// its members' certificates carry.
const OFFICES = [
  {
    code: 'DEMO-1',
    name: '株式会社さくら製作所 本社工場',
    symbol: '1201',
    officeSymbol: '1201',
    officeNumber: '00045',
    address: '東京都大田区下丸子二丁目15番8号',
    weight: 45,
    insurer: 0,
  },
  {
    code: 'DEMO-2',
    name: '横浜みなと物流株式会社 本社営業所',
    symbol: '5127',
    officeSymbol: '14-ヨコミ',
    officeNumber: '51273',
    address: '神奈川県横浜市中区新港二丁目1番1号',
    weight: 33,
    insurer: 1,
  },
  {
    code: 'DEMO-3',
    name: 'みなと食品株式会社 川崎第二工場',
    symbol: '3105',
    officeSymbol: '3105',
    officeNumber: '00022',
    address: '神奈川県川崎市幸区南加瀬四丁目7番2号',
    weight: 22,
    insurer: 0,
  },
] as const;

type Name = { name: string; kana: string };
type Person = { family: Name; given: Name; sex: 'male' | 'female' };

// [kanji, katakana]
const SURNAMES: [string, string][] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['髙橋', 'タカハシ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡邊', 'ワタナベ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['𠮷田', 'ヨシダ'],
  ['吉田', 'ヨシダ'],
  ['山﨑', 'ヤマザキ'],
  ['山崎', 'ヤマザキ'],
  ['宮﨑', 'ミヤザキ'],
  ['齋藤', 'サイトウ'],
  ['斎藤', 'サイトウ'],
  ['斉藤', 'サイトウ'],
  ['𠮷野', 'ヨシノ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['清水', 'シミズ'],
  ['山口', 'ヤマグチ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['阿部', 'アベ'],
  ['石川', 'イシカワ'],
  ['前田', 'マエダ'],
  ['藤田', 'フジタ'],
  ['小川', 'オガワ'],
  ['岡田', 'オカダ'],
  ['長谷川', 'ハセガワ'],
  ['五十嵐', 'イガラシ'],
  ['濵田', 'ハマダ'],
  ['邊見', 'ヘンミ'],
];
const MALE_GIVEN: [string, string][] = [
  ['翔太', 'ショウタ'],
  ['大輔', 'ダイスケ'],
  ['健一', 'ケンイチ'],
  ['誠', 'マコト'],
  ['隆', 'タカシ'],
  ['浩二', 'コウジ'],
  ['拓也', 'タクヤ'],
  ['和也', 'カズヤ'],
  ['直樹', 'ナオキ'],
  ['悠真', 'ユウマ'],
  ['蓮', 'レン'],
  ['湊', 'ミナト'],
  ['陽翔', 'ハルト'],
  ['大翔', 'ヒロト'],
  ['健太郎', 'ケンタロウ'],
  ['修', 'オサム'],
  ['博之', 'ヒロユキ'],
  ['優斗', 'ユウト'],
  ['樹', 'イツキ'],
  ['清', 'キヨシ'],
];
const FEMALE_GIVEN: [string, string][] = [
  ['陽子', 'ヨウコ'],
  ['美穂', 'ミホ'],
  ['恵', 'メグミ'],
  ['由美子', 'ユミコ'],
  ['裕子', 'ユウコ'],
  ['真由美', 'マユミ'],
  ['さくら', 'サクラ'],
  ['結衣', 'ユイ'],
  ['陽菜', 'ヒナ'],
  ['凛', 'リン'],
  ['葵', 'アオイ'],
  ['美咲', 'ミサキ'],
  ['愛', 'アイ'],
  ['芽依', 'メイ'],
  ['紬', 'ツムギ'],
  ['千尋', 'チヒロ'],
  ['智子', 'トモコ'],
  ['久美子', 'クミコ'],
  ['奈々', 'ナナ'],
  ['ヨシ', 'ヨシ'],
];

const SPACE = '\u3000'; // 全角スペース between family and given name, as on printed certificates

type Household = {
  lang: string;
  /** Latin or katakana names are written given-name first; Japanese and Chinese family-name first. */
  order: 'family-first' | 'given-first';
  separator: string;
  kanaSeparator: string;
  members: Person[];
};

const n = (name: string, kana: string): Name => ({ name, kana });
const jp = (family: [string, string], given: [string, string], sex: 'male' | 'female'): Person => ({
  family: n(...family),
  given: n(...given),
  sex,
});

/** Households written out by hand so every demo contains the hard cases, whatever the PRNG does. */
const FEATURED: Household[] = [
  japanese([
    jp(['𠮷野', 'ヨシノ'], ['健太郎', 'ケンタロウ'], 'male'),
    jp(['𠮷野', 'ヨシノ'], ['美穂', 'ミホ'], 'female'),
    jp(['𠮷野', 'ヨシノ'], ['蓮', 'レン'], 'male'),
  ]),
  japanese([
    jp(['髙橋', 'タカハシ'], ['翔太', 'ショウタ'], 'male'),
    jp(['髙橋', 'タカハシ'], ['結衣', 'ユイ'], 'female'),
  ]),
  japanese([
    jp(['山﨑', 'ヤマザキ'], ['陽子', 'ヨウコ'], 'female'),
    jp(['山﨑', 'ヤマザキ'], ['湊', 'ミナト'], 'male'),
  ]),
  japanese([jp(['齋藤', 'サイトウ'], ['誠', 'マコト'], 'male')]),
  japanese([jp(['斎藤', 'サイトウ'], ['誠', 'マコト'], 'male'), jp(['斎藤', 'サイトウ'], ['恵', 'メグミ'], 'female')]),
  japanese([
    jp(['渡邊', 'ワタナベ'], ['博之', 'ヒロユキ'], 'male'),
    jp(['渡邊', 'ワタナベ'], ['久美子', 'クミコ'], 'female'),
  ]),
  // A very long name: forms and list rows must wrap or truncate it, not overflow.
  japanese([
    jp(['勅使河原', 'テシガワラ'], ['左衛門三郎', 'サエモンサブロウ'], 'male'),
    jp(['勅使河原', 'テシガワラ'], ['紗代子', 'サヨコ'], 'female'),
  ]),
  {
    lang: 'vi',
    order: 'family-first',
    separator: '・',
    kanaSeparator: '・',
    members: [
      { family: n('グエン', 'グエン'), given: n('ヴァン・アン', 'ヴァン・アン'), sex: 'male' },
      { family: n('グエン', 'グエン'), given: n('ティ・ラン', 'ティ・ラン'), sex: 'female' },
      { family: n('グエン', 'グエン'), given: n('ヴァン・ミン', 'ヴァン・ミン'), sex: 'male' },
    ],
  },
  {
    lang: 'pt-BR',
    order: 'given-first',
    separator: ' ',
    kanaSeparator: SPACE,
    members: [
      { family: n('Santos Oliveira', 'サントス オリベイラ'), given: n('Maria', 'マリア'), sex: 'female' },
      { family: n('Santos Oliveira', 'サントス オリベイラ'), given: n('Lucas', 'ルーカス'), sex: 'male' },
    ],
  },
  {
    lang: 'tl',
    order: 'given-first',
    separator: ' ',
    kanaSeparator: SPACE,
    members: [
      { family: n('Dela Cruz Reyes', 'デラ クルス レイエス'), given: n('Jose Miguel', 'ホセ ミゲル'), sex: 'male' },
    ],
  },
  {
    lang: 'ru',
    order: 'given-first',
    separator: '・',
    kanaSeparator: '・',
    members: [
      {
        family: n('ヴォルコンスキー', 'ヴォルコンスキー'),
        given: n('アレクサンドル・ニコラエヴィチ', 'アレクサンドル・ニコラエヴィチ'),
        sex: 'male',
      },
    ],
  },
  {
    lang: 'ne',
    order: 'given-first',
    separator: '・',
    kanaSeparator: '・',
    members: [
      { family: n('シャルマ', 'シャルマ'), given: n('ラム・バハドゥル', 'ラム・バハドゥル'), sex: 'male' },
      { family: n('シャルマ', 'シャルマ'), given: n('スニタ', 'スニタ'), sex: 'female' },
    ],
  },
  {
    lang: 'zh-Hans',
    order: 'family-first',
    separator: SPACE,
    kanaSeparator: SPACE,
    members: [
      { family: n('王', 'ワン'), given: n('偉', 'ウェイ'), sex: 'male' },
      { family: n('王', 'ワン'), given: n('秀英', 'シュウイン'), sex: 'female' },
    ],
  },
];

/** Foreign households drawn at random, so foreign names also turn up outside the featured ones. */
const FOREIGN_POOL: Household[] = [
  {
    lang: 'vi',
    order: 'family-first',
    separator: '・',
    kanaSeparator: '・',
    members: [{ family: n('チャン', 'チャン'), given: n('ティ・フオン', 'ティ・フオン'), sex: 'female' }],
  },
  {
    lang: 'pt-BR',
    order: 'given-first',
    separator: ' ',
    kanaSeparator: SPACE,
    members: [
      { family: n('Pereira da Silva', 'ペレイラ ダ シルバ'), given: n('João', 'ジョアン'), sex: 'male' },
      { family: n('Pereira da Silva', 'ペレイラ ダ シルバ'), given: n('Ana', 'アナ'), sex: 'female' },
    ],
  },
  {
    lang: 'en',
    order: 'given-first',
    separator: ' ',
    kanaSeparator: SPACE,
    members: [{ family: n('Smith', 'スミス'), given: n('Emily', 'エミリー'), sex: 'female' }],
  },
  {
    lang: 'tl',
    order: 'given-first',
    separator: ' ',
    kanaSeparator: SPACE,
    members: [{ family: n('Santos', 'サントス'), given: n('Angelica', 'アンジェリカ'), sex: 'female' }],
  },
];

function japanese(members: Person[]): Household {
  return { lang: 'ja', order: 'family-first', separator: SPACE, kanaSeparator: SPACE, members };
}

function fullName(h: Household, p: Person): Name {
  const [first, second] = h.order === 'family-first' ? [p.family, p.given] : [p.given, p.family];
  return { name: `${first.name}${h.separator}${second.name}`, kana: `${first.kana}${h.kanaSeparator}${second.kana}` };
}

function randomJapaneseHousehold(rng: Random): Household {
  const family = rng.pick(SURNAMES);
  const selfSex = rng.chance(0.62) ? 'male' : 'female';
  const givenFor = (sex: 'male' | 'female') => rng.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  const members: Person[] = [jp(family, givenFor(selfSex), selfSex)];
  // 0–4 dependants: many single members, families of 2–4 common, 5 rare.
  const dependants = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4][rng.int(0, 11)] as number;
  for (let i = 0; i < dependants; i++) {
    const sex = i === 0 ? (selfSex === 'male' ? 'female' : 'male') : rng.chance(0.5) ? 'male' : 'female';
    members.push(jp(family, givenFor(sex), sex));
  }
  return japanese(members);
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => iso(ms).slice(0, 10);
const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const addDays = (date: string, days: number) => isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);
const periodStart = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return utc(y, m, 1);
};
const nextMonthFirst = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return isoDate(utc(y, m + 1, 1));
};

/** Birth dates: the 被保険者 is of working age; a first dependant is a spouse, later ones children. */
function birthDate(rng: Random, relation: Relation, index: number, selfAge: number): string {
  let age: number;
  if (relation === 'self') age = selfAge;
  else if (index === 1) age = Math.max(20, selfAge + rng.int(-6, 6));
  else age = rng.int(0, Math.max(0, Math.min(22, selfAge - 20)));
  // Babies are born before the first list (September 2026), not after it.
  return isoDate(utc(2026 - age, 1, 1) + rng.int(0, age === 0 ? 240 : 364) * DAY);
}

export function generateDemoData(seed = DEMO_SEED): DemoData {
  const rng = mulberry32(seed);
  const insurers: InsurerRow[] = [
    {
      id: 'ins-minato',
      name: 'みなと連合健康保険組合',
      number: `${KUMIAI_BODY}${insurerCheckDigit(KUMIAI_BODY)}`,
      // The multilingual help line (平日 9:00–17:00) members can be referred to.
      phone: '0570-012-345',
      kind: 'kumiai',
    },
    {
      id: 'ins-kyokai-kanagawa',
      name: '全国健康保険協会 神奈川支部',
      number: `${KYOKAI_BODY}${insurerCheckDigit(KYOKAI_BODY)}`,
      phone: '0570-012-346',
      kind: 'kyokai',
    },
  ];
  const offices: OfficeRow[] = OFFICES.map((o, i) => ({
    id: `office-demo-${i + 1}`,
    insurer_id: (insurers[o.insurer] as InsurerRow).id,
    code: o.code,
    name: o.name,
    office_symbol: o.officeSymbol,
    office_number: o.officeNumber,
    address: o.address,
  }));
  const accessCodes = Object.fromEntries(OFFICES.map((o, i) => [o.code, `demo-pass-${i + 1}`]));

  const members = generateMembers(rng, offices);
  const kinds = OFFICES.map((o) => (insurers[o.insurer] as InsurerRow).kind);
  const { lists, items } = generateLists(rng, offices, kinds, members);
  return { insurers, offices, accessCodes, members, lists, items };
}

function generateMembers(rng: Random, offices: OfficeRow[]): MemberRow[] {
  const members: MemberRow[] = [];
  const nextNumber = offices.map(() => 1);
  const officeWeights = OFFICES.map((o) => o.weight);
  const totalWeight = officeWeights.reduce((s, w) => s + w, 0);
  let featured = 0;
  for (let h = 0; members.length < DEMO_MEMBER_COUNT; h++) {
    // Featured households spread over the offices, one every 20 households.
    const isFeatured = h % 20 === 5 && featured < FEATURED.length;
    const household = isFeatured
      ? (FEATURED[featured++] as Household)
      : rng.chance(0.04)
        ? rng.pick(FOREIGN_POOL)
        : randomJapaneseHousehold(rng);
    let officeIndex = 0;
    if (isFeatured) officeIndex = (featured - 1) % offices.length;
    else {
      let roll = rng.int(1, totalWeight);
      while (roll > (officeWeights[officeIndex] as number)) roll -= officeWeights[officeIndex++] as number;
    }
    const office = offices[officeIndex] as OfficeRow;
    const number = String(nextNumber[officeIndex]);
    nextNumber[officeIndex] = Number(number) + 1;
    const symbol = OFFICES[officeIndex]?.symbol as string;
    // Opaque ids, as a real insurer's: an id built from 番号・枝番 would put them in clear into the
    // tablet's indexes, outbox and URLs, past the encryption of personal fields.
    const householdId = `hh-${h + 1}`;
    const selfAge = rng.int(20, 64);
    // Stop exactly at the target: the last household may lose some dependants.
    const room = DEMO_MEMBER_COUNT - members.length;
    household.members.slice(0, room).forEach((person, i) => {
      const relation: Relation = i === 0 ? 'self' : 'dependant';
      const branch = String(i).padStart(2, '0');
      const { name, kana } = fullName(household, person);
      members.push({
        id: `m-${members.length + 1}`,
        office_id: office.id,
        household_id: householdId,
        relation,
        name,
        kana,
        birth_date: birthDate(rng, relation, i, selfAge),
        sex: person.sex,
        symbol,
        number,
        branch,
        holder_reason: null,
        preferred_lang: household.lang,
      });
    });
  }

  // Holder reasons in seed 000's proportions, exactly apportioned, then dealt out at random.
  const counts = apportion(members.length, HOLDER_REASON_WEIGHTS);
  const reasons = rng.shuffle(
    (Object.keys(counts) as HolderReason[]).flatMap((r) => Array.from({ length: counts[r] }, () => r)),
  );
  members.forEach((m, i) => {
    m.holder_reason = reasons[i] as HolderReason;
  });
  return members;
}

const UNRETURNABLE: { kind: 'lost' | 'uncollectable'; reason: string }[] = [
  { kind: 'lost', reason: '本人が紛失したため滅失届を提出' },
  { kind: 'lost', reason: '自宅の火災により焼失' },
  { kind: 'uncollectable', reason: '退職後に連絡が取れないため' },
  { kind: 'uncollectable', reason: '本人が海外に転居し回収できないため' },
];

/** Share returned / unreturnable per list: older lists are mostly done, November mostly to collect. */
const PROGRESS: Record<(typeof PERIODS)[number], { returned: number; unreturnable: number }> = {
  '2026-09': { returned: 0.7, unreturnable: 0.08 },
  '2026-10': { returned: 0.45, unreturnable: 0.05 },
  '2026-11': { returned: 0.1, unreturnable: 0 },
};

function generateLists(rng: Random, offices: OfficeRow[], kinds: InsurerKind[], members: MemberRow[]) {
  const lists: ListRow[] = [];
  const listIds = new Map<string, ListRow>();
  for (const period of PERIODS) {
    for (const [i, office] of offices.entries()) {
      const [y, m] = period.split('-').map(Number) as [number, number];
      // Received on the 1st–5th, 09:00–11:59 JST (00:00–02:59 UTC).
      const receivedAt = utc(y, m, rng.int(1, 5)) + rng.int(0, 179) * 60_000;
      const byOffice = kinds[i] === 'kyokai';
      const list: ListRow = {
        id: `list-${i + 1}-${period}`,
        office_id: office.id,
        title: byOffice ? `${y}年${m}月 資格喪失・異動（事業所で登録）` : `${y}年${m}月分 回収対象者リスト`,
        period,
        received_at: iso(receivedAt),
        source: byOffice ? 'office' : 'insurer',
      };
      lists.push(list);
      listIds.set(`${office.id}/${period}`, list);
    }
  }

  const items: ItemRow[] = [];
  const issueNos = new Set<string>();
  const newIssueNo = () => {
    for (;;) {
      const candidate = String(rng.int(1_000_000_000, 9_999_999_999));
      if (!issueNos.has(candidate)) {
        issueNos.add(candidate);
        return candidate;
      }
    }
  };

  for (const [officeIndex, office] of offices.entries()) {
    const kind = kinds[officeIndex] as InsurerKind;
    const own = members.filter((m) => m.office_id === office.id);
    // About a third of the office's members are on one of the three lists. Dependants of a 被保険者 who
    // loses eligibility come with their 被保険者 (below), so only 被保険者 and some dependants are drawn.
    const chosen = rng.shuffle(own).slice(0, Math.round(own.length * (0.22 + rng.next() * 0.06)));
    const reasonCounts = apportion(chosen.length, kind === 'kyokai' ? KYOKAI_REASON_WEIGHTS : RECALL_REASON_WEIGHTS);
    const reasons = rng.shuffle(
      (Object.keys(reasonCounts) as RecallReason[]).flatMap((r) => Array.from({ length: reasonCounts[r] }, () => r)),
    );
    const periodCounts = apportion(chosen.length, { '2026-09': 30, '2026-10': 33, '2026-11': 37 });
    const periods = rng.shuffle(PERIODS.flatMap((p) => Array.from({ length: periodCounts[p] }, () => p)));

    type Draft = { member: MemberRow; reason: RecallReason; period: (typeof PERIODS)[number]; loss?: LossFields };
    const drafts: Draft[] = chosen.map((member, k) => ({
      member,
      reason: reasons[k] as RecallReason,
      period: periods[k] as (typeof PERIODS)[number],
    }));
    // When a 被保険者 loses eligibility, every certificate of the household goes back with theirs
    // (DOMAIN.md); a dependant drawn for something else is taken over by the household's loss.
    const household = new Map<string, MemberRow[]>();
    for (const m of own) household.set(m.household_id, [...(household.get(m.household_id) ?? []), m]);
    const taken = new Set<string>();
    const withHouseholds: Draft[] = [];
    for (const draft of drafts) {
      if (taken.has(draft.member.id)) continue;
      if (draft.reason !== 'lost_eligibility' && draft.reason !== 'name_changed') {
        withHouseholds.push(draft);
        taken.add(draft.member.id);
        continue;
      }
      const loss = lossFor(rng, draft.period, draft.member.relation, draft.reason);
      const touched =
        draft.member.relation === 'self' && draft.reason === 'lost_eligibility'
          ? (household.get(draft.member.household_id) ?? [draft.member])
          : [draft.member];
      for (const member of touched) {
        const earlier = withHouseholds.findIndex((d) => d.member.id === member.id);
        if (earlier >= 0) withHouseholds.splice(earlier, 1);
        withHouseholds.push({ ...draft, member, loss });
        taken.add(member.id);
      }
    }
    const officeItems: ItemRow[] = withHouseholds.map((draft, k) => {
      const list = listIds.get(`${office.id}/${draft.period}`) as ListRow;
      const document = documentFor(rng, draft.reason, draft.period, draft.member, newIssueNo, draft.loss);
      const route = routeFor(
        {
          documentKind: document.document_kind,
          reason: draft.reason,
          lossDate: document.loss_date,
          noticeArrivedOn: document.notice_arrived_on,
          expiresOn: document.expires_on,
        },
        kind,
        isoDate(DEMO_NOW),
      );
      return {
        id: `item-${officeIndex + 1}-${String(k + 1).padStart(4, '0')}`,
        office_id: office.id,
        list_id: list.id,
        member_id: draft.member.id,
        ...document,
        // What the office does not collect (the member posts it back, or it has expired) stays open.
        ...(isCollected(route) ? progressFor(rng, draft.period, list) : progressFor(rng, '2026-11', list, 0)),
        withdrawn: false,
      };
    });
    // One item per office withdrawn by the insurer (sent by mistake): clients must drop it.
    const toWithdraw = officeItems.find((it) => it.list_id.endsWith('2026-10') && it.status === 'to_collect');
    if (toWithdraw) toWithdraw.withdrawn = true;
    items.push(...officeItems);
  }
  // Versions follow insert order: older lists' items first, as the insurer sent them.
  items.sort((a, b) => a.list_id.slice(-7).localeCompare(b.list_id.slice(-7)) || a.id.localeCompare(b.id));
  return { lists, items };
}

type DocumentFields = Pick<
  ItemRow,
  | 'document_kind'
  | 'reason'
  | 'issue_no'
  | 'issued_on'
  | 'expires_on'
  | 'loss_date'
  | 'notice_arrived_on'
  | 'hr_event'
  | 'due_date'
>;

type LossFields = { lossDate: string; hrEvent: HrEvent | null; expiresBeforeLoss: boolean };

/** A loss (or name change) around the time the list was drawn up; its 5-day due date falls in the month. */
function lossFor(rng: Random, period: string, relation: Relation, reason: RecallReason): LossFields {
  const lossDate = isoDate(periodStart(period) + rng.int(-5, 20) * DAY);
  const hrEvent: HrEvent =
    reason === 'name_changed'
      ? 'name_changed'
      : relation === 'dependant'
        ? 'dependant_removed'
        : rng.chance(0.04)
          ? 'died'
          : 'retired';
  // A few certificates had a short 有効期限 that ran out before the loss: not collected (seed 001).
  return { lossDate, hrEvent, expiresBeforeLoss: reason === 'lost_eligibility' && rng.chance(0.06) };
}

function documentFor(
  rng: Random,
  reason: RecallReason,
  period: string,
  member: MemberRow,
  newIssueNo: () => string,
  loss?: LossFields,
): DocumentFields {
  const start = periodStart(period);
  // Most certificates went out in the bulk issuance before the old cards expired on 2025-12-02.
  const bulkIssued = isoDate(utc(2025, 11, 4) + rng.int(0, 20) * DAY);
  const expires = member.holder_reason === 'no_card_or_unregistered' && rng.chance(0.6) ? '2029-12-01' : '2026-12-01';
  const none = { loss_date: null, notice_arrived_on: null, hr_event: null };
  if (loss) {
    return {
      document_kind: 'certificate',
      reason,
      issue_no: newIssueNo(),
      issued_on: bulkIssued,
      expires_on: loss.expiresBeforeLoss ? addDays(loss.lossDate, -rng.int(1, 30)) : expires,
      loss_date: loss.lossDate,
      notice_arrived_on: null,
      // The 組合's list says who lost eligibility, not why; the office records its own events.
      hr_event: loss.hrEvent,
      due_date: filingDueDate(loss.lossDate),
    };
  }
  if (reason === 'not_enrolled')
    // Issued in the month before the list for someone who had already left.
    return {
      document_kind: 'certificate',
      reason,
      issue_no: newIssueNo(),
      issued_on: isoDate(start - rng.int(3, 28) * DAY),
      expires_on: expires,
      ...none,
      due_date: nextMonthFirst(period),
    };
  // got_myna and superseded: the certificate from the bulk issuance comes back.
  return {
    document_kind: 'certificate',
    reason,
    issue_no: newIssueNo(),
    issued_on: bulkIssued,
    expires_on: expires,
    ...none,
    due_date: nextMonthFirst(period),
  };
}

type ProgressFields = Pick<
  ItemRow,
  'status' | 'returned_at' | 'return_method' | 'unreturnable_kind' | 'unreturnable_reason' | 'status_changed_at'
>;

function progressFor(
  rng: Random,
  period: (typeof PERIODS)[number],
  list: ListRow,
  /** 0 keeps it open; the draw still happens so the sequence of random numbers stays the same. */
  scale = 1,
): ProgressFields {
  const open: ProgressFields = {
    status: 'to_collect',
    returned_at: null,
    return_method: null,
    unreturnable_kind: null,
    unreturnable_reason: null,
    status_changed_at: null,
  };
  const roll = scale === 0 ? 1 : rng.next();
  const { returned, unreturnable } = PROGRESS[period];
  if (roll >= returned + unreturnable) return open;
  // Some time after the list arrived and before the demo's today.
  const received = Date.parse(list.received_at);
  const latest = Math.min(received + 40 * DAY, DEMO_NOW);
  const at = received + DAY + Math.floor((rng.next() * (latest - received - DAY)) / 60_000) * 60_000;
  if (roll < returned) {
    return {
      ...open,
      status: 'returned',
      returned_at: iso(at),
      return_method: rng.chance(0.85) ? 'hand' : 'post',
      // Ticked on the tablet a few minutes after the certificate was handed over.
      status_changed_at: iso(at + rng.int(1, 15) * 60_000),
    };
  }
  const why = rng.pick(UNRETURNABLE);
  return {
    ...open,
    status: 'unreturnable',
    unreturnable_kind: why.kind,
    unreturnable_reason: why.reason,
    status_changed_at: iso(at),
  };
}
