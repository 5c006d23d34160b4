import type { Queryable } from '../db/database';

/** What an item the office enters itself (an HR event, an import) says of its member. */
type EnteredItem = { id: string; memberId: string; householdId: string; relation: string; person?: unknown };

/**
 * Checks, before anything is written, the items an office enters itself (docs/decisions/021, 025):
 * no id is taken (another office's ids look exactly like taken ones: nothing tells one office about
 * another), a member already stored is this office's and of the stated household, and a new member
 * comes with its person and is one person of one household on every row that names it.
 * Returns the rejection reason, or the members already stored and the first row of each new one.
 */
export async function checkEnteredItems<T extends EnteredItem>(
  tx: Queryable,
  officeId: string,
  items: readonly T[],
): Promise<string | { known: Set<string>; fresh: Map<string, T> }> {
  const taken = await tx.query('select 1 from recall_items where id = any($1::text[]) limit 1', [
    items.map((i) => i.id),
  ]);
  if (taken.rows.length > 0) return 'item_exists';

  const memberIds = [...new Set(items.map((i) => i.memberId))];
  const members = await tx.query<{ id: string; office_id: string; household_id: string }>(
    'select id, office_id, household_id from members where id = any($1::text[])',
    [memberIds],
  );
  const stored = new Map(members.rows.map((r) => [r.id, r]));
  const fresh = new Map<string, T>();
  for (const item of items) {
    const member = stored.get(item.memberId);
    if (member) {
      if (member.office_id !== officeId || member.household_id !== item.householdId) return 'member_not_found';
      continue;
    }
    if (!item.person) return 'person_required';
    const first = fresh.get(item.memberId);
    if (first && (first.householdId !== item.householdId || first.relation !== item.relation))
      return 'member_not_found';
    if (!first) fresh.set(item.memberId, item);
  }
  return { known: new Set(stored.keys()), fresh };
}
