/** Why a member holds a 資格確認書 instead of a マイナ保険証 (seed 000's breakdown). */
export const HOLDER_REASONS = [
  'no_card_or_unregistered',
  'registration_cancelled',
  'e_cert_expired',
  'card_returned',
] as const;
export type HolderReason = (typeof HOLDER_REASONS)[number];

/**
 * The two kinds of insurer (docs/domain.md): 協会けんぽ (`kyokai`, a 支部; collected certificates go with the
 * 資格喪失届 to 日本年金機構, seeds 002/003) and a 健康保険組合 (`kumiai`; to the 組合 with its own forms and
 * monthly recall lists, seed 000).
 */
export const INSURER_KINDS = ['kyokai', 'kumiai'] as const;
export type InsurerKind = (typeof INSURER_KINDS)[number];

/** Why a document is on a recall list (DOMAIN.md, "Documents a member may hold"). */
export const RECALL_REASONS = [
  'got_myna',
  'lost_eligibility',
  'superseded',
  'old_card',
  'not_enrolled',
  'name_changed',
] as const;
export type RecallReason = (typeof RECALL_REASONS)[number];

/**
 * What happened to a member, as the office records it on the tablet (issue 14): each starts a 届 the
 * office files (資格喪失届, 被扶養者異動届, 氏名変更届) and the certificates that go with it.
 */
export const HR_EVENTS = ['retired', 'died', 'dependant_removed', 'age_75', 'name_changed'] as const;
export type HrEvent = (typeof HR_EVENTS)[number];

/**
 * Who made a list: the insurer (its monthly list), the office (HR events recorded on a tablet) or the
 * office importing the insurer's file on a tablet (docs/decisions/025).
 */
export const LIST_SOURCES = ['insurer', 'office', 'import'] as const;
export type ListSource = (typeof LIST_SOURCES)[number];

export const DOCUMENT_KINDS = ['certificate', 'old_card'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const ITEM_STATUSES = ['to_collect', 'returned', 'unreturnable'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const RETURN_METHODS = ['hand', 'post'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];

export const RELATIONS = ['self', 'dependant'] as const;
export type Relation = (typeof RELATIONS)[number];

export type StatusCounts = Record<ItemStatus, number>;

export function countByStatus(items: Iterable<{ status: ItemStatus; withdrawn?: boolean }>): StatusCounts {
  const counts: StatusCounts = { to_collect: 0, returned: 0, unreturnable: 0 };
  for (const item of items) if (!item.withdrawn) counts[item.status] += 1;
  return counts;
}
