/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { registerShellRoutes } from './sw/shell-routes';

// Only wiring here; what each event does lives in src/sw/ modules.
declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<import('workbox-precaching').PrecacheEntry | string>;
};

registerShellRoutes(self.__WB_MANIFEST);

// A new version waits until the clerk accepts the "reload" prompt, then takes over every open tab.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();
