export const OUTBOX_SYNC_TAG = 'recall-outbox';

type SyncManager = { register(tag: string): Promise<void> };

/**
 * Asks the browser to wake the service worker when the network is back, so a tick made offline is
 * pushed even if the clerk closes the app first. Only Chromium has Background Sync; elsewhere the
 * in-page triggers (online, visible, interval) do the work.
 */
export async function requestBackgroundSync(tag = OUTBOX_SYNC_TAG): Promise<boolean> {
  try {
    if (!('serviceWorker' in navigator)) return false;
    const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: SyncManager };
    if (!registration.sync) return false;
    await registration.sync.register(tag);
    return true;
  } catch {
    // Permission denied or unsupported: the in-page triggers still push the outbox.
    return false;
  }
}
