import { type ApiClient, ApiError } from '../api/client';
import { getMeta, type RecallDb, setMeta } from '../db/db';
import { deviceId } from '../db/device-id';
import { VaultLockedError } from '../db/field-encryption';
import { pullChanges } from './pull';
import { pushOutbox } from './push';

export type SyncResult =
  | { ok: true; pushed: number; pulled: number }
  | { ok: false; error: string; retryable: boolean };

const LOCK_NAME = 'recall-sync';

/**
 * One sync round: push the outbox, then pull. Only one round runs at a time across tabs and the
 * service worker (Web Locks); a caller arriving while one runs waits for it and then runs its own,
 * so a tick made during a round is never left behind.
 */
export type SyncEngineOptions = {
  /** Runs after every successful round, inside the lock (e.g. notify about new lists once). */
  afterRound?: () => Promise<unknown>;
};

export function createSyncEngine(database: RecallDb, api: ApiClient, options: SyncEngineOptions = {}) {
  let running: Promise<SyncResult> | null = null;
  let again = false;

  // Never rejects: callers fire and forget (`void syncNow()`), and a wipe or hand-over may close the
  // database in the middle of a round; the answer says what happened instead.
  async function round(): Promise<SyncResult> {
    try {
      const session = await getMeta('session', database);
      if (!session) return { ok: false, error: 'signed_out', retryable: false };
      const pushed = await pushOutbox(database, api, await deviceId(database));
      // Pulled personal data is stored encrypted: without the key (locked, or in the service worker,
      // which never gets it) the round only pushes, which needs no personal data.
      const pulled = database.dataKey.loaded ? await pullChanges(database, api) : 0;
      await setMeta('lastSyncAt', new Date().toISOString(), database);
      await setMeta('lastSyncError', null, database);
      await options.afterRound?.().catch(() => {});
      return { ok: true, pushed: pushed.sent, pulled };
    } catch (error) {
      // Locked in the middle of a pull: the page's transaction was undone; nothing to report.
      if (error instanceof VaultLockedError) return { ok: false, error: 'locked', retryable: false };
      const code = error instanceof ApiError ? error.code : 'network_error';
      const retryable = !(error instanceof ApiError) || error.retryable;
      await setMeta('lastSyncError', code, database).catch(() => {});
      return { ok: false, error: code, retryable };
    }
  }

  function locked(): Promise<SyncResult> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request(LOCK_NAME, round) : round();
  }

  async function loop(): Promise<SyncResult> {
    let result: SyncResult;
    do {
      again = false;
      result = await locked();
    } while (again && result.ok);
    return result;
  }

  return {
    syncNow(): Promise<SyncResult> {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
