import { getMeta, type NewListNotice, type RecallDb, setMeta } from '../db/db';

/**
 * Worded by whoever runs the sync: the tab in the clerk's language (src/main.tsx, from i18n), the
 * service worker in Japanese (src/sw.ts). Neither imports a locale here, so none lands in the tab's
 * first-load bundle and the service worker needs no dynamic import.
 */
export type NotificationText = { title: string; body: (titles: string) => string };

type Registration = Pick<ServiceWorkerRegistration, 'showNotification'>;

async function currentRegistration(): Promise<Registration | undefined> {
  const scope = globalThis as { registration?: Registration };
  if (scope.registration) return scope.registration; // in the service worker
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return undefined;
  return navigator.serviceWorker.ready;
}

/**
 * Shows one system notification for the lists not yet notified, when the clerk allowed
 * notifications, and marks them notified (the in-app message stays until the clerk closes it).
 * Whoever pulled (a tab or the service worker) does this, so it happens once.
 */
export async function notifyNewLists(
  database: RecallDb,
  text: NotificationText | undefined,
  registration: () => Promise<Registration | undefined> = currentRegistration,
): Promise<NewListNotice[]> {
  // Not worded yet (the runtime sets the text at startup): the lists wait for the next round.
  if (!text) return [];
  const waiting = (await getMeta('newLists', database)) ?? [];
  const fresh = waiting.filter((notice) => !notice.notified);
  if (fresh.length === 0) return [];
  await setMeta(
    'newLists',
    waiting.map((notice) => ({ ...notice, notified: true })),
    database,
  );
  const allowed = typeof Notification !== 'undefined' && Notification.permission === 'granted';
  if (!allowed) return fresh;
  try {
    const reg = await registration();
    const { title, body } = text;
    await reg?.showNotification(title, {
      body: body(fresh.map((notice) => notice.title).join('、')),
      tag: 'new-recall-list',
      icon: '/icons/icon-192.png',
      data: { url: '/' },
    });
  } catch {
    // No notification after all: the in-app message still tells the clerk.
  }
  return fresh;
}

/** The clerk closed the in-app message. */
export async function dismissNewLists(database: RecallDb): Promise<void> {
  await setMeta('newLists', [], database);
}
