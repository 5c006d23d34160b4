import { DB_NAME } from '../db/db-name';

/**
 * Pages anyone may open without a session: the sign-in page, a member's notice (from its QR code) and
 * the insurer staff's console (its own sign-in, issue 20).
 */
export const isPublicPath = (path: string) => /^\/(sign-in|n\/|insurer$)/.test(path);

type DatabaseList = { databases?: () => Promise<{ name?: string }[]> };

/**
 * Whether this load may belong to a signed-in tablet. A tablet that has never signed in has no
 * database at all; sending it straight to the sign-in page spares a first visit the database code
 * (Dexie and the sync engine, ~40 kB gzip) that the signed-in frame would load only to find no
 * session. When the browser cannot list its databases, assume it may be: the signed-in frame then
 * decides, as it always does.
 */
export async function mayBeSignedIn(factory: DatabaseList | undefined = globalThis.indexedDB): Promise<boolean> {
  if (typeof factory?.databases !== 'function') return true;
  try {
    return (await factory.databases()).some((database) => database.name === DB_NAME);
  } catch {
    return true;
  }
}

type HintStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const HINT_KEY = 'recall-database-seen';

/**
 * What the last load learnt from mayBeSignedIn, readable at once. In a browser just started,
 * `indexedDB.databases()` waits for IndexedDB itself to start (100–300 ms on a tablet), and nothing
 * of the signed-in frame could load meanwhile; with the hint it loads while IndexedDB starts. A
 * stale hint costs only those chunks: the signed-in frame finds no session and sends the clerk to
 * sign in. Holds nothing personal (a flag).
 */
export function databaseSeen(storage: HintStorage | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberDatabaseSeen(seen: boolean, storage: HintStorage | undefined = globalThis.localStorage): void {
  try {
    if (seen) storage?.setItem(HINT_KEY, '1');
    else storage?.removeItem(HINT_KEY);
  } catch {
    // Storage refused (private mode, quota): the next load asks IndexedDB again, as without a hint.
  }
}
