/** Why a member holds a 資格確認書 instead of a マイナ保険証 (seed 000's breakdown). */
export const HOLDER_REASONS = [
  'no_card_or_unregistered',
  'registration_cancelled',
  'e_cert_expired',
  'card_returned',
] as const;
export type HolderReason = (typeof HOLDER_REASONS)[number];

/** Why a document is on a recall list (DOMAIN.md, "Documents a member may hold"). */
export const RECALL_REASONS = ['got_myna', 'lost_eligibility', 'superseded', 'old_card', 'not_enrolled'] as const;
export type RecallReason = (typeof RECALL_REASONS)[number];

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
