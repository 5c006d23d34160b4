import type { OutboxEntry, RecallDb } from '../db/db';

/**
 * An HR event's mutation waits in the outbox without the members' personal data (docs/decisions/021):
 * the outbox is not encrypted, the items are. Just before it is sent, the persons are read back from
 * the sealed items. That needs the data key: while the tablet is locked (the service worker pushes
 * with the push token) the batch stops before the first such entry, so nothing after it overtakes it
 * (a tick on an office-entered item must never reach the insurer before the item does).
 */
export async function withPersonalData(database: RecallDb, batch: OutboxEntry[]): Promise<OutboxEntry[]> {
  const ready: OutboxEntry[] = [];
  for (const entry of batch) {
    const { mutation } = entry;
    if (mutation.type === 'list.imported') {
      // An imported list's part (docs/decisions/025) is the same kind of entry, 500 persons big: one
      // per request, so a batch stays far below the API's body limit (a part is about 300 kB).
      if (!database.dataKey.loaded) break;
      if (ready.some((earlier) => earlier.mutation.type === 'list.imported')) break;
      const stored = await database.items.bulkGet(mutation.payload.items.map((item) => item.id));
      const items = mutation.payload.items.map((item, index) => {
        const person = stored[index]?.person;
        return person ? { ...item, person: { ...person } } : item;
      });
      ready.push({ ...entry, mutation: { ...mutation, payload: { ...mutation.payload, items } } });
      continue;
    }
    if (mutation.type !== 'hr_event.recorded') {
      ready.push(entry);
      continue;
    }
    if (!database.dataKey.loaded) break;
    const stored = await database.items.bulkGet(mutation.payload.items.map((item) => item.id));
    const items = mutation.payload.items.map((item, index) => {
      const person = stored[index]?.person;
      return person
        ? {
            ...item,
            person: {
              name: person.name,
              kana: person.kana,
              birthDate: person.birthDate,
              sex: person.sex,
              symbol: person.symbol,
              number: person.number,
              branch: person.branch,
            },
          }
        : item;
    });
    ready.push({ ...entry, mutation: { ...mutation, payload: { ...mutation.payload, items } } });
  }
  return ready;
}
