import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** Paths that must always reach the network: the insurer API is never answered from a cache. */
export const NETWORK_ONLY_PATHS = [/^\/api\//];

/**
 * The app shell (HTML, JS, CSS, locale chunks, icons) is precached at install, so the app starts
 * and every client-side route opens offline; data comes from IndexedDB, never from a cache.
 */
export function registerShellRoutes(manifest: Array<PrecacheEntry | string>): void {
  precacheAndRoute(manifest);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: NETWORK_ONLY_PATHS }));
}

/** The install event's static routing (Chromium 123+), not yet in TypeScript's worker types. */
type InstallWithRoutes = ExtendableEvent & {
  addRoutes?: (rules: { condition: { urlPattern: unknown }; source: 'network' }) => Promise<void>;
};

/**
 * API requests skip this worker altogether where the browser can route them at install (the static
 * routing API): otherwise each one is first handed to the worker's fetch event, which has nothing to
 * do with it but costs a hop through the worker's thread per request (the push of a 10,000-entry
 * outbox sends 20; docs/decisions/036). Browsers without it dispatch as before, and the fetch
 * listener still leaves NETWORK_ONLY_PATHS to the network.
 */
export function routeApiPastWorker(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('install', (event: InstallWithRoutes) => {
    const Pattern = (globalThis as { URLPattern?: new (init: { pathname: string }) => unknown }).URLPattern;
    if (!event.addRoutes || !Pattern) return;
    event.waitUntil(
      event
        .addRoutes({ condition: { urlPattern: new Pattern({ pathname: '/api/*' }) }, source: 'network' })
        .catch(() => {}),
    );
  });
}
