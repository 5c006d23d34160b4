import type { RecallDb } from './db';
import { forgetToken } from './session-token';

/** What stays on the tablet after a wipe: the UI language only (no data about anyone). */
const KEPT_LOCAL_STORAGE = new Set(['ui-language']);

/**
 * Removes everything this app keeps about the office and its members: the whole IndexedDB database
 * (items, outbox, session token, vault), cached API responses and per-office settings. The app shell
 * stays precached, so the tablet can still open the sign-in screen offline.
 */
export async function wipeDevice(database: RecallDb): Promise<void> {
  database.dataKey.clear();
  forgetToken(database);
  // Reopened empty on the next use: the sign-in screen writes the next session into it.
  await database.delete({ disableAutoOpen: false });
  await deleteCachedApiResponses();
  const storage = globalThis.localStorage;
  if (storage) {
    const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index)).filter(
      (key): key is string => key !== null && !KEPT_LOCAL_STORAGE.has(key),
    );
    for (const key of keys) storage.removeItem(key);
  }
}

/** API answers are never cached by design (src/sw/shell-routes.ts); this makes sure none survive. */
async function deleteCachedApiResponses(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.startsWith('/api/')) await cache.delete(request);
    }
  }
}
