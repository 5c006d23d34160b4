import { createApiClient } from '../api/client';
import { db } from '../db/db';
import { purgeExpired } from '../db/retention-purge';
import { tokenFor } from '../db/session-token';
import { type NotificationText, notifyNewLists } from './new-lists';
import { createSyncEngine } from './sync-engine';

/** The app's one API client and sync engine, bound to the app's database (in a tab or the SW). */
export const api = createApiClient({ getToken: (use) => tokenFor(db, use) });

let notificationText: NotificationText | undefined;
/** Set at startup: by the tab in the clerk's language, by the service worker in Japanese. */
export function setNotificationText(text: NotificationText) {
  notificationText = text;
}

export const syncEngine = createSyncEngine(db, api, {
  afterRound: async () => {
    await notifyNewLists(db, notificationText);
    await purgeExpired(db);
  },
});
