import type { Queryable } from '../db/database';

/**
 * Gives every item of these households a new version, in the caller's transaction (which holds the
 * offices' change locks, sync/office-lock.ts). For writes that change what an item of another member
 * shows: the 被保険者's name (person.insuredName) is the household's `self` member's name unless the
 * member has its own, so a new or renamed `self`, or a member's changed relation, changes the other
 * members' items. A new version sends them to the tablets again (a cursor pull sees only changed
 * versions) and makes their stored pull JSON outdated (docs/decisions/039, migration 020).
 * `officeIds[n]` and `householdIds[n]` name one household. Callers adding members call it before
 * inserting them, so a household that is new altogether costs one probe and no update (the update
 * reads the offices' items: recall_items has no index by member, and a push should not pay for one).
 */
export async function newVersionsForHouseholds(
  tx: Queryable,
  officeIds: readonly string[],
  householdIds: readonly string[],
): Promise<void> {
  if (householdIds.length === 0) return;
  const known = await tx.query(
    `select 1 from members m
       join unnest($1::text[], $2::text[]) as h(office_id, household_id)
         on m.office_id = h.office_id and m.household_id = h.household_id
      limit 1`,
    [officeIds, householdIds],
  );
  if (known.rows.length === 0) return;
  await tx.query(
    `update recall_items i set version = nextval('change_version')
      where i.office_id = any($1::text[]) and i.member_id in (
        select m.id from members m
          join unnest($1::text[], $2::text[]) as h(office_id, household_id)
            on m.office_id = h.office_id and m.household_id = h.household_id)`,
    [officeIds, householdIds],
  );
}
