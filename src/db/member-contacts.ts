import { db, type MemberContact, type RecallDb } from './db';

/**
 * Saves the 被保険者's contact for the forms. A household under DV protection keeps no address at all
 * (DOMAIN.md: 「an address is never shown or printed for them」), so one cannot leak later.
 */
export async function saveMemberContact(
  householdId: string,
  contact: MemberContact,
  database: RecallDb = db,
): Promise<void> {
  const clean: MemberContact = {
    address: contact.dvProtected ? '' : contact.address.trim(),
    phone: contact.phone.trim(),
    dvProtected: contact.dvProtected,
  };
  await database.memberContacts.put({ householdId, contact: clean });
}
