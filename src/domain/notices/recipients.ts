/**
 * Notice recipients are the distinct members behind recall items (the client has no members
 * table): a member may have several items; the latest due date is the return-by date.
 */
export type RecipientItem = {
  memberId: string;
  listId: string;
  status: string;
  dueDate: string;
  expiresOn: string | null;
  person: { name: string; kana: string };
};

export type Recipient = {
  memberId: string;
  name: string;
  kana: string;
  /** Latest due date of the member's items in scope (YYYY-MM-DD). */
  returnBy: string;
  /** Latest expiry of the member's certificates in scope, if any. */
  expiresOn: string | null;
  /** Items still to collect among them. */
  toCollect: number;
};

export type RecipientScope = { listId?: string; onlyToCollect: boolean };

// One collator for the whole sort: `localeCompare(…, 'ja')` builds one per call, which made sorting
// 10,000 members take seconds (issue 19).
const kanaOrder = new Intl.Collator('ja');

export function recipientsFrom(items: readonly RecipientItem[], scope: RecipientScope): Recipient[] {
  const byMember = new Map<string, Recipient>();
  for (const item of items) {
    if (scope.listId && item.listId !== scope.listId) continue;
    if (scope.onlyToCollect && item.status !== 'to_collect') continue;
    const known = byMember.get(item.memberId);
    const toCollect = item.status === 'to_collect' ? 1 : 0;
    if (!known) {
      byMember.set(item.memberId, {
        memberId: item.memberId,
        name: item.person.name,
        kana: item.person.kana,
        returnBy: item.dueDate,
        expiresOn: item.expiresOn,
        toCollect,
      });
      continue;
    }
    known.toCollect += toCollect;
    if (item.dueDate > known.returnBy) known.returnBy = item.dueDate;
    if (item.expiresOn && (!known.expiresOn || item.expiresOn > known.expiresOn)) known.expiresOn = item.expiresOn;
  }
  return [...byMember.values()].sort(
    (a, b) => kanaOrder.compare(a.kana, b.kana) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
}
