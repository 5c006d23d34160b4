import type { ImportRow } from '../domain/csv/validate';
import { localToday } from '../domain/dates';
import type { LocalItem, LocalList, RecallDb } from './db';
import { type SealedField, sealFieldWith } from './field-encryption';

/** Members of an imported list: the insurer's API has never sent them, so nothing about them is pushed. */
const IMPORTED_MEMBER_PREFIX = 'import-m-';
export const isImportedMember = (memberId: string) => memberId.startsWith(IMPORTED_MEMBER_PREFIX);

/**
 * 発行No. of every item on the tablet, so a re-import recognises what is already there. Read past
 * Dexie, from IndexedDB itself: `issueNo` is stored in clear, and going through the field encryption
 * would decrypt every item's `person` for nothing (with 10,000 items, a third of a second of main
 * thread while the worker parses).
 */
export async function knownIssueNos(database: RecallDb): Promise<string[]> {
  await database.open();
  const request = database.backendDB().transaction('items').objectStore('items').getAll();
  const items = await new Promise<Pick<LocalItem, 'issueNo'>[]>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return items.map((item) => item.issueNo).filter((issueNo) => issueNo !== '');
}

/**
 * The items an import will store, built in the import worker while the clerk reads the preview.
 * Imported items are local-only (the insurer's API does not know them), and ids are random, never
 * derived from personal data; one household and one member id per 記号・番号 and 枝番 of this file.
 */
export function importedItems(listId: string, rows: readonly ImportRow[]): LocalItem[] {
  const households = new Map<string, string>();
  const members = new Map<string, string>();
  return rows.map((row) => {
    const { symbol, number, branch } = row.person;
    const householdKey = `${symbol}\u0000${number}`;
    const memberKey = `${householdKey}\u0000${branch}`;
    if (!households.has(householdKey)) households.set(householdKey, `import-h-${crypto.randomUUID()}`);
    if (!members.has(memberKey)) members.set(memberKey, `${IMPORTED_MEMBER_PREFIX}${crypto.randomUUID()}`);
    return {
      id: `import-${crypto.randomUUID()}`,
      listId,
      memberId: members.get(memberKey) as string,
      householdId: households.get(householdKey) as string,
      relation: row.relation,
      documentKind: row.documentKind,
      reason: row.reason,
      holderReason: null,
      issueNo: row.issueNo,
      issuedOn: row.issuedOn,
      expiresOn: row.expiresOn,
      dueDate: row.dueDate,
      status: 'to_collect',
      returnedAt: null,
      returnMethod: null,
      unreturnableKind: null,
      unreturnableReason: null,
      statusChangedAt: null,
      person: row.person,
      preferredLanguage: 'ja',
      localOnly: true,
    };
  });
}

/** Records per bulkAdd when storing an import; measured with scripts/bench/checklist.ts. */
export const STORE_CHUNK = 500;

/**
 * Each item's `person` sealed as the field encryption stores it (same record key, so the middleware
 * opens it), in the import worker while the clerk reads the preview, so the store mostly only writes.
 * `key` is DataKey.sealingKey().
 */
export function sealImportedPersons(key: CryptoKey, items: readonly LocalItem[]): Promise<SealedField[]> {
  return Promise.all(items.map((item) => sealFieldWith(key, 'items', 'person', item.id, item.person)));
}

export const newImportedListId = () => `import-${crypto.randomUUID()}`;

/**
 * Stores an imported recall list in one transaction: the list and all its new items, or nothing.
 * `items` come from importedItems with the same list id. `sealedPersons[i]`, where present, is
 * items[i].person already sealed (sealImportedPersons), stored as it is; the field encryption seals
 * the others. It is read chunk by chunk, so persons the worker seals while this runs are still used.
 */
export async function storeImportedList(
  database: RecallDb,
  listId: string,
  title: string,
  items: readonly LocalItem[],
  { sealedPersons, now = new Date() }: { sealedPersons?: readonly (SealedField | undefined)[]; now?: Date } = {},
): Promise<LocalList> {
  const list: LocalList = {
    id: listId,
    title,
    period: localToday(now).slice(0, 7),
    receivedAt: now.toISOString(),
    source: 'import',
  };
  if (items.some((item) => item.listId !== listId)) throw new Error('items of another list');
  if (sealedPersons && sealedPersons.length > items.length) throw new Error('more sealed persons than items');
  const records = (start: number): LocalItem[] => {
    const chunk = items.slice(start, start + STORE_CHUNK);
    if (!sealedPersons) return chunk as LocalItem[];
    return chunk.map((item, i) => {
      const sealed = sealedPersons[start + i];
      // The record type says `person`; at rest it is the sealed field (field-encryption.ts).
      return sealed ? ({ ...item, person: sealed } as unknown as LocalItem) : item;
    });
  };
  await database.transaction('rw', database.lists, database.items, async () => {
    await database.lists.add(list);
    // In chunks, so the main thread (cloning each record, encrypting it unless sealed already) never
    // blocks for the whole list, with two chunks in flight so IndexedDB writes one while the next is
    // prepared. All in the one transaction: any failed record rejects, which aborts everything.
    const inFlight: Promise<unknown>[] = [];
    for (let start = 0; start < items.length; start += STORE_CHUNK) {
      if (inFlight.length === 2) await inFlight.shift();
      inFlight.push(database.items.bulkAdd(records(start)));
    }
    await Promise.all(inFlight);
  });
  return list;
}
