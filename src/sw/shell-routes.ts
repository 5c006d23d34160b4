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
