import { backoffDelay } from './backoff';
import type { SyncEngine } from './sync-engine';

export const SYNC_INTERVAL_MS = 5 * 60_000;

/**
 * Runs a sync on app start, when the network comes back, when the tab becomes visible and every few
 * minutes while open; a failed round that is worth retrying is retried with backoff.
 * Returns a function that removes every trigger.
 */
export function startSyncTriggers(engine: SyncEngine, target: Window = window): () => void {
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const run = async () => {
    clearTimeout(retryTimer);
    const result = await engine.syncNow();
    if (result.ok || !result.retryable) {
      failures = 0;
      return;
    }
    failures += 1;
    if (target.navigator.onLine) retryTimer = setTimeout(run, backoffDelay(failures));
  };
  const onVisible = () => {
    if (target.document.visibilityState === 'visible') void run();
  };

  target.addEventListener('online', run);
  target.document.addEventListener('visibilitychange', onVisible);
  const interval = setInterval(run, SYNC_INTERVAL_MS);
  void run();

  return () => {
    target.removeEventListener('online', run);
    target.document.removeEventListener('visibilitychange', onVisible);
    clearInterval(interval);
    clearTimeout(retryTimer);
  };
}
