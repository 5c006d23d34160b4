import type { ImportRow } from '../domain/csv/validate';
import { localToday } from '../domain/dates';
import type { LocalItem, LocalList, RecallDb } from './db';

/** 発行No. of every item on the tablet, so a re-import recognises what is already there. */
export async function knownIssueNos(database: RecallDb): Promise<string[]> {
  const items = await database.items.toArray();
  return items.map((item) => item.issueNo).filter((issueNo) => issueNo !== '');
}

/**
 * Stores an imported recall list in one transaction: the list and all its new items, or nothing.
 * Imported items are local-only (the insurer's API does not know them), and ids are random, never
 * derived from personal data.
 */
export async function storeImportedList(
  database: RecallDb,
  title: string,
  rows: readonly ImportRow[],
  now = new Date(),
) {
  const list: LocalList = {
    id: `import-${crypto.randomUUID()}`,
    title,
    period: localToday(now).slice(0, 7),
    receivedAt: now.toISOString(),
    source: 'import',
  };
  const households = new Map<string, string>();
  const members = new Map<string, string>();
  const items: LocalItem[] = rows.map((row) => {
    const { symbol, number, branch } = row.person;
    const householdKey = `${symbol}\u0000${number}`;
    const memberKey = `${householdKey}\u0000${branch}`;
    if (!households.has(householdKey)) households.set(householdKey, `import-h-${crypto.randomUUID()}`);
    if (!members.has(memberKey)) members.set(memberKey, `import-m-${crypto.randomUUID()}`);
    return {
      id: `import-${crypto.randomUUID()}`,
      listId: list.id,
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
  await database.transaction('rw', database.lists, database.items, async () => {
    await database.lists.add(list);
    await database.items.bulkAdd(items);
  });
  return { listId: list.id, count: items.length };
}
