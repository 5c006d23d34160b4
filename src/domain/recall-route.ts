import type { DocumentKind, HrEvent, InsurerKind, RecallReason } from './recall';

/**
 * Where a document goes, in words a clerk acts on (docs/domain.md cites a seed for each rule). Only the
 * first two routes put a document in the clerk's hands and on the office's forms; the others are shown
 * so the clerk can tell the member, and are never collected, counted as to-do or printed on a form.
 */
export const RECALL_ROUTES = [
  /** 協会けんぽ: attached to the 資格喪失届 / 被扶養者異動届 / 氏名変更届 filed with 日本年金機構. */
  'attach_to_filing',
  /** 健康保険組合: sent to the 組合 with its own forms. */
  'return_to_kumiai',
  /** An old 健康保険証 the office recorded itself, lost in the window, arrival of its 喪失届 not known: ask first. */
  'ask_arrival',
  /** 協会けんぽ: the member posts it back in the 返信用封筒 that came with it (seed 003). */
  'member_posts_back',
  /** Old 健康保険証 outside the collection window: the member destroys it (seeds 000, 001, 002, 003). */
  'member_destroys',
  /** A 資格確認書 past its 有効期限 when eligibility ended: not collected (seeds 001, 002). */
  'expired',
  /** 協会けんぽ does not recall a certificate because its holder got a マイナ保険証 (seed 000 is a 組合's practice). */
  'not_recalled',
  /** 任意継続被保険者: the insurer deals with the member directly (seeds 003, 004). */
  'insurer_direct',
] as const;
export type RecallRoute = (typeof RECALL_ROUTES)[number];

export const COLLECTED_ROUTES: ReadonlySet<RecallRoute> = new Set(['attach_to_filing', 'return_to_kumiai']);

/** Old cards: seed 001 「令和6年12月2日から令和7年12月1日までに退職等をして資格喪失した方の健康保険証は回収する必要があります」. */
export const OLD_CARD_LOSS_FROM = '2024-12-02';
export const OLD_CARD_LOSS_UNTIL = '2025-12-01';
/** Seed 000: 「令和7年12月1日までに当組合に到着した届出…については回収が必要」, 12/2 or later 「回収を求めません」. */
export const OLD_CARD_NOTICE_ARRIVED_BY = '2025-12-01';

export type RouteInput = {
  documentKind: DocumentKind;
  reason: RecallReason;
  /** 資格喪失日 (or, for a name change, the day of the change); null when unknown. */
  lossDate?: string | null;
  /** When the insurer received the 喪失届 (old cards only). */
  noticeArrivedOn?: string | null;
  expiresOn: string | null;
  /** 任意継続被保険者: never the employer's (seed 004 「任意継続被保険者は組合から直接本人へ送付します」). */
  voluntaryContinuation?: boolean;
  /** Set when the office recorded it (an HR event); null or absent when the insurer listed it. */
  hrEvent?: HrEvent | null;
};

/**
 * The route of one document. Only the data decides it: the same item has the same route on every
 * tablet and every day (`_today` is kept for rules that may need it; none does now).
 */
export function routeFor(input: RouteInput, kind: InsurerKind, _today: string): RecallRoute {
  if (input.voluntaryContinuation) return 'insurer_direct';
  const collect: RecallRoute = kind === 'kyokai' ? 'attach_to_filing' : 'return_to_kumiai';
  const loss = input.lossDate ?? null;

  if (input.documentKind === 'old_card') {
    if (loss && (loss < OLD_CARD_LOSS_FROM || loss > OLD_CARD_LOSS_UNTIL)) return 'member_destroys';
    if (input.noticeArrivedOn) return input.noticeArrivedOn <= OLD_CARD_NOTICE_ARRIVED_BY ? collect : 'member_destroys';
    // The insurer knows when each 届 arrived and lists only the cards it wants back (seed 000
    // 「保険証の回収は、届出の到着日による」); a card the office recorded itself needs the date asked.
    return input.hrEvent ? 'ask_arrival' : collect;
  }

  // Seed 003: 「古い日付のものについては同封の返信用封筒にてご返却ください」 and 「資格確認書が届いた時点で当協会に
  // 加入されていない場合は、同封の返信用封筒にて資格確認書をご返却ください」.
  if (kind === 'kyokai' && (input.reason === 'superseded' || input.reason === 'not_enrolled'))
    return 'member_posts_back';
  if (kind === 'kyokai' && input.reason === 'got_myna') return 'not_recalled';

  // Seed 001's table: 資格確認書 返却 「資格喪失日が有効期限前の場合」; seed 002 「有効期限内にご退職や被扶養者様の
  // 異動があった場合、資格確認書は事業所へ返納してください」. 有効期限 is the last valid day, so a loss on it or
  // after it finds the certificate already spent.
  // Without a loss (a 組合's monthly マイナ保険証 recall) the 組合 listed it and wants it back.
  if (loss && input.expiresOn && loss >= input.expiresOn) return 'expired';
  return collect;
}

export function isCollected(route: RecallRoute): boolean {
  return COLLECTED_ROUTES.has(route);
}

/** The 届 a 協会けんぽ certificate goes with (日本年金機構 「資格確認書等の返納手続き」). */
export type Filing = 'loss' | 'dependant_change' | 'name_change';

export function filingFor(input: { reason: RecallReason; hrEvent?: HrEvent | null }): Filing {
  if (input.reason === 'name_changed' || input.hrEvent === 'name_changed') return 'name_change';
  // A dependant who leaves on their own (a job, death, 75歳) goes by 被扶養者異動届; a 被保険者's loss takes
  // the whole household with it on the 資格喪失届 (hr-events.ts records it on every item of the household).
  if (input.hrEvent === 'dependant_removed') return 'dependant_change';
  return 'loss';
}
