import type { Mutation, NoticeKey, NoticeLanguage } from '../api/schemas';
import type { NoticeDelivery, RecallDb } from './db';
import { isImportedMember } from './import-list';
import { appendOutbox } from './outbox';

export type DeliveryChannel = NoticeDelivery['channel'];

/**
 * Sets a member's notice language: the preference and its outbox entry are written in one
 * transaction, like an item change (item-changes.ts), and the sync engine pushes it to the insurer.
 * A member of an imported list stays on the tablet: the insurer would refuse a member it never sent.
 */
export async function setMemberLanguage(
  database: RecallDb,
  memberId: string,
  language: NoticeLanguage,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  const mutation: Mutation = {
    id: crypto.randomUUID(),
    type: 'member.language_set',
    at,
    payload: { memberId, language },
  };
  await database.transaction('rw', database.memberPrefs, database.outbox, async () => {
    await database.memberPrefs.put({ memberId, language, updatedAt: at });
    if (!isImportedMember(memberId)) await appendOutbox(database, mutation);
  });
}

/** Records that a notice was handed to a member (printed, shared, shown as QR or copied). */
export async function recordDelivery(
  database: RecallDb,
  delivery: { memberId: string; noticeKey: NoticeKey; language: NoticeLanguage; channel: DeliveryChannel },
  now = new Date(),
): Promise<NoticeDelivery> {
  const at = now.toISOString();
  const id = crypto.randomUUID();
  const mutation: Mutation = { id, type: 'notice.delivered', at, payload: { ...delivery } };
  const row: NoticeDelivery = { id, at, ...delivery };
  await database.transaction('rw', database.deliveries, database.outbox, async () => {
    await database.deliveries.add(row);
    if (!isImportedMember(delivery.memberId)) await appendOutbox(database, mutation);
  });
  return row;
}

/** Several deliveries at once (a print run of handouts): all or none. */
export async function recordDeliveries(
  database: RecallDb,
  deliveries: Parameters<typeof recordDelivery>[1][],
  now = new Date(),
): Promise<void> {
  await database.transaction('rw', database.deliveries, database.outbox, async () => {
    for (const delivery of deliveries) await recordDelivery(database, delivery, now);
  });
}
