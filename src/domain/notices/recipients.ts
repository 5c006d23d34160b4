import { memberReturnBy } from '../member-return-by';
/**
 * Notice recipients are the distinct members behind recall items (the client has no members
 * table): a member may have several items. Which date a notice gives is chosen in one place,
 * `returnByOf`, so the source can change (a per-member return-by date) without touching the rest.
 */
export type RecipientItem = {
  memberId: string;
  listId: string;
  status: string;
  dueDate: string;
  /** 交付年月日 of the certificate, when known: the newest one is the one the member holds. */
  issuedOn?: string;
  expiresOn: string | null;
  person: { name: string; kana: string };
};

export type Recipient = {
  memberId: string;
  name: string;
  kana: string;
  /** The date the notice asks for (YYYY-MM-DD): see `returnByOf`. */
  returnBy: string;
  /** 有効期限 of the certificate the member holds: the one with the newest 交付年月日. */
  expiresOn: string | null;
  /** Items still to collect among them. */
  toCollect: number;
};

export type RecipientScope = {
  /** Working days a member is asked to come before the office must file (office setting; memberReturnBy). */
  leadDays?: number;
  listId?: string;
  onlyToCollect: boolean;
  /** Today (YYYY-MM-DD) on the tablet; defaults to the local date. */
  today?: string;
  /** False when only a lookup by member is wanted: sorting 10,000 names by kana is most of the cost. */
  sorted?: boolean;
};

/** The local calendar date, YYYY-MM-DD (the clerk's day, not UTC's). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The return-by date of one member: the member's own date for each item still open (memberReturnBy:
 * working days before the office must file it, so the clerk can attach it to the 届; never in the
 * past), and the earliest of them, so an earlier (even overdue) item is never hidden behind a later
 * one. With no open item, the same over all items. (DOMAIN.md: the member must hand the certificate
 * in before the filing due date; docs/domain.md.)
 */
export function returnByOf(
  items: readonly Pick<RecipientItem, 'status' | 'dueDate'>[],
  today: string,
  leadDays?: number,
  returnByFor: (dueDate: string) => string = (dueDate) => memberReturnBy(dueDate, today, leadDays),
): string {
  const open = items.filter((item) => item.status === 'to_collect');
  const dates = (open.length > 0 ? open : items).map((item) => returnByFor(item.dueDate)).sort();
  return dates[0] ?? today;
}

/**
 * memberReturnBy once per due date: 10,000 members share a handful of due dates, and counting
 * working days back from each (a date parsed and printed per day stepped) for every member made
 * opening the notices screen one task of 400 ms and more.
 */
function returnByPerDueDate(today: string, leadDays?: number): (dueDate: string) => string {
  const known = new Map<string, string>();
  return (dueDate) => {
    let date = known.get(dueDate);
    if (date === undefined) {
      date = memberReturnBy(dueDate, today, leadDays);
      known.set(dueDate, date);
    }
    return date;
  };
}

/** The 有効期限 of the certificate handed over: the newest 交付年月日 wins (seed 003: 「新しい日付のものを使用」). */
export function heldExpiryOf(items: readonly Pick<RecipientItem, 'issuedOn' | 'expiresOn'>[]): string | null {
  let best: Pick<RecipientItem, 'issuedOn' | 'expiresOn'> | null = null;
  for (const item of items) {
    if (!item.expiresOn) continue;
    if (!best || (item.issuedOn ?? '') > (best.issuedOn ?? '')) best = item;
    else if ((item.issuedOn ?? '') === (best.issuedOn ?? '') && item.expiresOn > (best.expiresOn ?? '')) best = item;
  }
  return best?.expiresOn ?? null;
}

// One collator for the whole sort: `localeCompare(…, 'ja')` builds one per call, which made sorting
// 10,000 members take seconds (issue 19).
const kanaOrder = new Intl.Collator('ja');

export function recipientsFrom(items: readonly RecipientItem[], scope: RecipientScope): Recipient[] {
  const today = scope.today ?? localToday();
  const byMember = new Map<string, RecipientItem[]>();
  for (const item of items) {
    if (scope.listId && item.listId !== scope.listId) continue;
    if (scope.onlyToCollect && item.status !== 'to_collect') continue;
    const known = byMember.get(item.memberId);
    if (known) known.push(item);
    else byMember.set(item.memberId, [item]);
  }
  const returnByFor = returnByPerDueDate(today, scope.leadDays);
  const recipients = [...byMember.values()].map((own) => {
    const first = own[0] as RecipientItem;
    return {
      memberId: first.memberId,
      name: first.person.name,
      kana: first.person.kana,
      returnBy: returnByOf(own, today, scope.leadDays, returnByFor),
      expiresOn: heldExpiryOf(own),
      toCollect: own.filter((item) => item.status === 'to_collect').length,
    };
  });
  if (scope.sorted === false) return recipients;
  return recipients.sort(
    (a, b) => kanaOrder.compare(a.kana, b.kana) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
}
