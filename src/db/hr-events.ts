import type { HrEventRecorded, OfficeEnteredItem, Person } from '../api/schemas';
import { localToday } from '../domain/dates';
import type { PlannedDocument } from '../domain/hr-events';
import { officeListId, officeListTitle } from '../domain/office-list';
import type { HrEvent } from '../domain/recall';
import type { HistoryEntry, LocalItem, RecallDb } from './db';
import { deviceId } from './device-id';
import { appendOutbox } from './outbox';

/** A planned document with what the form knows of its certificate and its holder. */
export type NewOfficeItem = PlannedDocument & {
  householdId: string;
  issueNo: string;
  issuedOn: string;
  expiresOn: string | null;
  person: Person;
  preferredLanguage?: LocalItem['preferredLanguage'];
};

/**
 * Records an HR event on this tablet (docs/decisions/021): the office's list of the month, the items
 * the event makes the office collect, their history and one outbox entry, in one transaction, so the
 * event is all there or not at all, whatever happens to the tablet. The items' personal data is
 * sealed like any item's; the outbox entry carries none (sync/outbox-personal.ts fills it in when sent).
 */
export async function recordHrEvent(
  database: RecallDb,
  input: { officeId: string; event: HrEvent; eventDate: string; items: NewOfficeItem[]; now?: Date },
): Promise<{ listId: string; itemIds: string[] }> {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  // The office's list of the month of the loss (all items of one event share it), as the insurer's
  // lists are by month; the month it is recorded in when the form has no loss date.
  const period = (input.items[0]?.lossDate ?? localToday(now)).slice(0, 7);
  const listId = officeListId(input.officeId, period);
  const items: OfficeEnteredItem[] = input.items.map((planned) => ({
    id: `oe-${crypto.randomUUID()}`,
    memberId: planned.memberId,
    householdId: planned.householdId,
    relation: planned.relation,
    documentKind: planned.documentKind,
    reason: planned.reason === 'name_changed' ? 'name_changed' : 'lost_eligibility',
    issueNo: planned.issueNo,
    issuedOn: planned.issuedOn,
    expiresOn: planned.expiresOn,
    lossDate: planned.lossDate,
    dueDate: planned.dueDate,
    person: null,
  }));
  const mutation: HrEventRecorded = {
    id: crypto.randomUUID(),
    type: 'hr_event.recorded',
    at,
    payload: {
      event: input.event,
      eventDate: input.eventDate,
      list: { id: listId, title: officeListTitle(period), period },
      items,
    },
  };
  await database.transaction(
    'rw',
    [database.lists, database.items, database.outbox, database.history, database.meta],
    async () => {
      const device = await deviceId(database);
      if (!(await database.lists.get(listId)))
        await database.lists.put({
          id: listId,
          title: officeListTitle(period),
          period,
          receivedAt: at,
          source: 'office',
        });
      const local: LocalItem[] = items.map((item, index) => {
        const planned = input.items[index] as NewOfficeItem;
        return {
          ...item,
          listId,
          holderReason: null,
          noticeArrivedOn: null,
          hrEvent: input.event,
          status: 'to_collect',
          returnedAt: null,
          returnMethod: null,
          unreturnableKind: null,
          unreturnableReason: null,
          statusChangedAt: null,
          preferredLanguage: planned.preferredLanguage ?? 'ja',
          person: planned.person,
        };
      });
      await database.items.bulkPut(local);
      const history: HistoryEntry[] = items.map((item) => ({
        itemId: item.id,
        mutationId: mutation.id,
        type: mutation.type,
        at,
        deviceId: device,
        detail: input.event,
      }));
      await database.history.bulkAdd(history);
      await appendOutbox(database, mutation);
    },
  );
  return { listId, itemIds: items.map((item) => item.id) };
}
