import type { SyncEngine } from '../sync/sync-engine';

/** The subset of the Background Sync event the worker uses (not in TypeScript's DOM libraries). */
export type SyncEventLike = ExtendableEvent & { tag: string; lastChance?: boolean };

/**
 * Pushes the outbox from the service worker when the browser fires `sync`, even with no tab open.
 * A failure worth retrying rejects the event's promise, which tells the browser to try again later
 * with its own backoff.
 */
export function handleOutboxSync(event: SyncEventLike, tag: string, engine: () => Promise<SyncEngine>): void {
  if (event.tag !== tag) return;
  event.waitUntil(
    (async () => {
      const result = await (await engine()).syncNow();
      if (!result.ok && result.retryable && !event.lastChance) throw new Error(`sync failed: ${result.error}`);
    })(),
  );
}
