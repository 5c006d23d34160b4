import { createApiClient } from '../api/client';
import { db, getMeta } from '../db/db';
import { purgeExpired } from '../db/retention-purge';
import { notifyNewLists } from './new-lists';
import { createSyncEngine } from './sync-engine';

/** The app's one API client and sync engine, bound to the app's database (in a tab or the SW). */
export const api = createApiClient({ getToken: async () => (await getMeta('session'))?.token ?? null });

let notificationText: Parameters<typeof notifyNewLists>[1];
/** The tab sets the notification text in the clerk's language; the SW keeps the Japanese default. */
export function setNotificationText(text: NonNullable<typeof notificationText>) {
  notificationText = text;
}

export const syncEngine = createSyncEngine(db, api, {
  afterRound: async () => {
    await notifyNewLists(db, notificationText);
    await purgeExpired(db);
  },
});
