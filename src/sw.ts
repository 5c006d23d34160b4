/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { newList } from '../locales/ja.json';
import { handleNotificationClick } from './sw/notification-click';
import { handleOutboxSync, type SyncEventLike } from './sw/outbox-sync';
import { registerShellRoutes, routeApiPastWorker } from './sw/shell-routes';
import { OUTBOX_SYNC_TAG } from './sync/background-sync';
import { setNotificationText, syncEngine } from './sync/sync-service';

// Only wiring here; what each event does lives in src/sw/ modules.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

registerShellRoutes(self.__WB_MANIFEST);
routeApiPastWorker(self);

// The service worker has no i18n and no UI language: its notifications speak the app's default.
setNotificationText({
  title: newList.notificationTitle,
  body: (titles) => newList.notificationBody.replace('{{titles}}', titles),
});

// A new version waits until the clerk accepts the "reload" prompt, then takes over every open tab.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

// No dynamic import() here: service workers may not use it, and the bundler's preload helper needs
// import.meta, which a classic worker script cannot evaluate.
self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) =>
  handleOutboxSync(event as unknown as SyncEventLike, OUTBOX_SYNC_TAG, async () => syncEngine),
);

self.addEventListener('notificationclick', (event) => handleNotificationClick(event, self));
