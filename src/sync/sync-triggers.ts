import { liveQuery } from 'dexie';
import type { RecallDb } from '../db/db';
import { countPending } from '../db/outbox';
import { requestBackgroundSync } from './background-sync';
import { backoffDelay } from './backoff';
import type { SyncEngine } from './sync-engine';

export const SYNC_INTERVAL_MS = 5 * 60_000;
/** A burst of ticks (a household, a quick round) goes out as one push. */
export const CHANGE_DEBOUNCE_MS = 500;

/**
 * Runs a sync on app start, when the network comes back, when the tab becomes visible, shortly after
 * any new change, and every few minutes while open; a failed round worth retrying is retried with
 * backoff. Returns a function that removes every trigger.
 */
export function startSyncTriggers(engine: SyncEngine, database: RecallDb, target: Window = window): () => void {
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let changeTimer: ReturnType<typeof setTimeout> | undefined;

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

  let lastPending = 0;
  const outbox = liveQuery(() => countPending(database)).subscribe({
    next: (pending) => {
      if (pending > lastPending) {
        void requestBackgroundSync();
        clearTimeout(changeTimer);
        if (target.navigator.onLine) changeTimer = setTimeout(run, CHANGE_DEBOUNCE_MS);
      }
      lastPending = pending;
    },
  });

  target.addEventListener('online', run);
  target.document.addEventListener('visibilitychange', onVisible);
  const interval = setInterval(run, SYNC_INTERVAL_MS);
  void run();

  return () => {
    outbox.unsubscribe();
    target.removeEventListener('online', run);
    target.document.removeEventListener('visibilitychange', onVisible);
    clearInterval(interval);
    clearTimeout(retryTimer);
    clearTimeout(changeTimer);
  };
}
