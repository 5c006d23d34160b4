import type { ApiClient } from '../api/client';
import type { Insurer, RecallItem, RecallList, ServerOfficeProfile } from '../api/schemas';
import { isItemMutation, toStatusChange } from '../api/status-change';
import { getMeta, type LocalItem, type NewListNotice, type RecallDb, setMeta } from '../db/db';
import { collectionState } from '../db/item-changes';
import { noteServerOfficeProfile } from '../db/office-profile';
import { type IdentifiedStatusChange, resolveStatus } from '../domain/collection-status';

/**
 * Pulls every change since the stored cursor, page by page. Each page and the cursor that follows it
 * are stored in one transaction, so an interrupted pull resumes where it stopped. The insurer owns
 * list membership (withdrawn items go); the clerk's changes not yet pushed are replayed on top of
 * what the server says, so a pull never overwrites an unsynced tick.
 */
export async function pullChanges(database: RecallDb, api: ApiClient, pageSize?: number): Promise<number> {
  let cursor = (await getMeta('cursor', database)) ?? '0';
  // The first pull after sign-in brings every list; only lists arriving later are news.
  const announce = cursor !== '0';
  let received = 0;
  for (;;) {
    const page = await api.pull(cursor, pageSize);
    const tables = [database.lists, database.items, database.outbox, database.meta, database.memberPrefs];
    await database.transaction('rw', tables, async () => {
      if (announce) await noteNewLists(database, page.lists);
      await storeMemberLanguages(database, page.items);
      await database.lists.bulkPut(page.lists.map(({ version: _version, ...list }) => list));
      for (const item of page.items) {
        if (item.withdrawn) await database.items.delete(item.id);
        else await database.items.put(await rebaseOnPending(database, item));
      }
      await setMeta('cursor', page.cursor, database);
      if (page.insurer) await noteInsurer(database, page.insurer);
      if (page.officeProfile) await noteOfficeProfile(database, page.officeProfile);
    });
    received += page.lists.length + page.items.length;
    if (!page.hasMore || page.cursor === cursor) return received;
    cursor = page.cursor;
  }
}

/** The insurer's kind decides routes, forms and notices; a tablet signed in before kinds existed learns it here. */
async function noteInsurer(database: RecallDb, insurer: Insurer): Promise<void> {
  const session = await getMeta('session', database);
  if (!session) return;
  const same =
    session.insurer.kind === insurer.kind &&
    session.insurer.name === insurer.name &&
    session.insurer.phone === insurer.phone;
  if (!same) await setMeta('session', { ...session, insurer }, database);
}

/** The office profile the forms print: the insurer's values and the clerks' edits (docs/decisions/024). */
async function noteOfficeProfile(database: RecallDb, profile: ServerOfficeProfile): Promise<void> {
  const session = await getMeta('session', database);
  if (session) await noteServerOfficeProfile(database, session.office.id, profile);
}

async function rebaseOnPending(database: RecallDb, item: RecallItem): Promise<LocalItem> {
  const { version: _version, withdrawn: _withdrawn, ...local } = item;
  const pending = await database.outbox.where('itemId').equals(item.id).sortBy('seq');
  // The same fold as the server's, over what this tablet knows: the server's resolved state and the
  // changes it has not sent yet. The server's answer after the push replaces this prediction.
  const changes: IdentifiedStatusChange[] = [];
  for (const entry of pending) {
    if (entry.status === 'pending' && isItemMutation(entry.mutation))
      changes.push({ id: entry.mutation.id, ...toStatusChange(entry.mutation) });
  }
  return { ...local, ...resolveStatus(collectionState(local), changes) };
}

/** Lists this tablet has never held are remembered for the in-app message and the notification. */
async function noteNewLists(database: RecallDb, lists: RecallList[]): Promise<void> {
  if (lists.length === 0) return;
  const known = await database.lists.bulkGet(lists.map((list) => list.id));
  const fresh: NewListNotice[] = lists
    .filter((_, index) => known[index] === undefined)
    .map(({ id, title, period }) => ({ id, title, period, notified: false }));
  if (fresh.length === 0) return;
  const waiting = (await getMeta('newLists', database)) ?? [];
  await setMeta('newLists', [...waiting.filter((w) => !fresh.some((f) => f.id === w.id)), ...fresh], database);
}

/**
 * A member's notice language comes with their items. One chosen on this tablet and not yet sent
 * stays as it is; the server's answer catches up after the push.
 */
async function storeMemberLanguages(database: RecallDb, items: RecallItem[]): Promise<void> {
  if (items.length === 0) return;
  const unsent = new Set(
    (await database.outbox.where('status').equals('pending').toArray())
      .map((entry) => entry.mutation)
      .filter((mutation) => mutation.type === 'member.language_set')
      .map((mutation) => mutation.payload.memberId),
  );
  const updatedAt = new Date().toISOString();
  const prefs = new Map<string, { memberId: string; language: string; updatedAt: string }>();
  for (const item of items) {
    if (!unsent.has(item.memberId))
      prefs.set(item.memberId, { memberId: item.memberId, language: item.preferredLanguage, updatedAt });
  }
  await database.memberPrefs.bulkPut([...prefs.values()]);
}
