import type Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { ListImported } from '../api/schemas';
import { rowKey } from '../domain/csv/row-key';
import type { ImportRow } from '../domain/csv/validate';
import { localToday } from '../domain/dates';
import { type DataKey, isSealed, openField, type SealedField, sealFieldWith } from './field-encryption';
import type { LocalItem, LocalList, OutboxEntry, PendingImport } from './records';

/**
 * What the journal's code needs of the app's database (RecallDb is one), named here rather than
 * imported from db.ts, which imports this code to run the journal's move at every open.
 */
export type JournalDb = Dexie & {
  lists: EntityTable<LocalList, 'id'>;
  items: EntityTable<LocalItem, 'id'>;
  pendingImports: EntityTable<PendingImport, 'listId'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  readonly dataKey: DataKey;
};

/**
 * Members of a list imported before imported lists became the office's (docs/decisions/025): the
 * insurer's API has never had them, so nothing about them is pushed. Members of a list imported now
 * are `im-…` and reach the insurer with the list.
 */
const LOCAL_IMPORTED_MEMBER_PREFIX = 'import-m-';
export const isImportedMember = (memberId: string) => memberId.startsWith(LOCAL_IMPORTED_MEMBER_PREFIX);

/**
 * 発行No. of every item on the tablet, and of an import still in the journal, so a re-import
 * recognises what is already there. Read past Dexie, from IndexedDB itself: `issueNo` is stored in
 * clear, and going through the field encryption would decrypt every item's `person` for nothing
 * (with 10,000 items, a third of a second of main thread while the worker parses).
 */
export async function knownIssueNos(database: JournalDb): Promise<string[]> {
  await database.open();
  const transaction = database.backendDB().transaction(['items', 'pendingImports']);
  const all = <T>(request: IDBRequest<T[]>) =>
    new Promise<T[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const [items, journal] = await Promise.all([
    all<Pick<LocalItem, 'id' | 'issueNo' | 'documentKind'>>(transaction.objectStore('items').getAll()),
    all<PendingImport>(transaction.objectStore('pendingImports').getAll()),
  ]);
  // An import whose move failed (rare): its chunks are sealed, so this one needs the data key.
  const waiting = journal.flatMap((pending) =>
    pending.chunks.flatMap((_, index) => openJournalChunk(database, pending, index)),
  );
  // Old cards without a 発行No. are known by 記号・番号・枝番, which are sealed: only those few are
  // opened, and only with the data key (an import has it; a locked tablet knows the others).
  const withoutIssueNo = items
    .filter((item) => item.issueNo === '' && item.documentKind === 'old_card')
    .map((item) => item.id);
  const opened =
    withoutIssueNo.length > 0 && database.dataKey.loaded ? await database.items.bulkGet(withoutIssueNo) : [];
  const keyOf = (item: LocalItem) => (item.documentKind === 'old_card' ? rowKey(item) : item.issueNo);
  return [
    ...items.map((item) => item.issueNo),
    ...waiting.map(keyOf),
    ...opened.flatMap((item) => (item ? [keyOf(item)] : [])),
  ].filter((key) => key !== '');
}

/**
 * The items an import will store, built in the import worker while the clerk reads the preview. They
 * go to the insurer as the office's list (listImportedMutations), so ticks on them sync like any
 * item's. Ids are random, never derived from personal data; one household and one member id per
 * 記号・番号 and 枝番 of this file.
 */
export function importedItems(listId: string, rows: readonly ImportRow[]): LocalItem[] {
  const households = new Map<string, string>();
  const members = new Map<string, string>();
  return rows.map((row) => {
    const { symbol, number, branch } = row.person;
    const householdKey = `${symbol}\u0000${number}`;
    const memberKey = `${householdKey}\u0000${branch}`;
    if (!households.has(householdKey)) households.set(householdKey, `ih-${crypto.randomUUID()}`);
    if (!members.has(memberKey)) members.set(memberKey, `im-${crypto.randomUUID()}`);
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
      lossDate: row.lossDate,
      person: row.person,
      preferredLanguage: 'ja',
    };
  });
}

export const newImportedListId = () => `import-${crypto.randomUUID()}`;

/**
 * The mutations that send an imported list to the insurer (docs/decisions/025): one per journal
 * chunk (STORE_CHUNK ≤ IMPORT_ITEMS_MAX items), so a 10,000-row import is 20 requests' worth, none
 * near the API's body limit. Like an HR event's, they wait in the outbox without personal data
 * (`person: null`); sync/outbox-personal.ts reads the persons from the sealed items when sending.
 */
export function listImportedMutations(list: LocalList, chunks: readonly (readonly LocalItem[])[]): ListImported[] {
  const at = new Date().toISOString();
  return chunks.map((items, index) => ({
    id: crypto.randomUUID(),
    type: 'list.imported',
    at,
    payload: {
      list: { id: list.id, title: list.title, period: list.period, receivedAt: list.receivedAt },
      part: index + 1,
      parts: chunks.length,
      items: items.map((item) => ({
        id: item.id,
        memberId: item.memberId,
        householdId: item.householdId,
        relation: item.relation,
        documentKind: item.documentKind,
        reason: item.reason,
        issueNo: item.issueNo,
        issuedOn: item.issuedOn,
        expiresOn: item.expiresOn,
        lossDate: item.lossDate ?? null,
        dueDate: item.dueDate,
        person: null,
      })),
    },
  }));
}

export function importedList(listId: string, title: string, now = new Date()): LocalList {
  return { id: listId, title, period: localToday(now).slice(0, 7), receivedAt: now.toISOString(), source: 'import' };
}

/** Items per sealed chunk of the journal, and per bulkAdd of its move; measured with scripts/bench/checklist.ts. */
export const STORE_CHUNK = 500;

/** What a journal chunk is bound to: no chunk opens under another list or at another place. */
export const journalChunkKey = (listId: string, index: number) => [listId, index];

/**
 * An import's items sealed for the journal, STORE_CHUNK at a time (one AES-GCM seal per chunk, not
 * per item: 20 WebCrypto calls for 10,000 items, where 10,000 took a third of a second). In the
 * import worker, while the clerk reads the preview; `key` is DataKey.sealingKey(). Refused when an
 * item is of another list or two share an id: the move could never store such a journal.
 */
export function sealImportChunks(key: CryptoKey, listId: string, items: readonly LocalItem[]): Promise<SealedField[]> {
  if (items.some((item) => item.listId !== listId)) return Promise.reject(new Error('items of another list'));
  if (new Set(items.map((item) => item.id)).size !== items.length) {
    return Promise.reject(new Error('two items with one id'));
  }
  const chunks: Promise<SealedField>[] = [];
  for (let start = 0; start < items.length; start += STORE_CHUNK) {
    const index = chunks.length;
    const chunk = items.slice(start, start + STORE_CHUNK);
    chunks.push(sealFieldWith(key, 'pendingImports', 'items', journalChunkKey(listId, index), chunk));
  }
  return Promise.all(chunks);
}

/**
 * Stores an import, all or nothing, as one journal record: the list and its items in sealed chunks
 * (docs/decisions/012-import-journal.md). One IndexedDB write, where 10,000 item records would pay
 * IndexedDB's price per record 10,000 times; raw IndexedDB, so the import worker writes it and the
 * main thread clones nothing. indexPendingImports then moves it into `lists` and `items`.
 */
export function writeJournal(connection: IDBDatabase, pending: PendingImport): Promise<void> {
  if (pending.list.id !== pending.listId) return Promise.reject(new Error('a list of another id'));
  // The journal never holds personal data in clear.
  if (!pending.chunks.every(isSealed)) return Promise.reject(new Error('a chunk not sealed'));
  return new Promise((resolve, reject) => {
    const transaction = connection.transaction('pendingImports', 'readwrite');
    transaction.objectStore('pendingImports').add(pending);
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('journal write aborted'));
  });
}

/** The items of a journal record, opened with the data key (VaultLockedError while locked). */
export function openJournalChunk(database: JournalDb, pending: PendingImport, index: number): LocalItem[] {
  const chunk = pending.chunks[index];
  if (!chunk) throw new Error('no such chunk');
  const key = journalChunkKey(pending.listId, index);
  return openField(database.dataKey.use(), 'pendingImports', 'items', key, chunk) as LocalItem[];
}
