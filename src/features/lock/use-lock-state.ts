import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { db, type RecallDb } from '../../db/db';
import { hasVault, lockVault } from '../../db/vault';
import { announce } from './lock-channel';

export type LockState = 'loading' | 'no-passcode' | 'locked' | 'unlocked';

/** Whether a passcode is set and whether the data key is in memory right now. */
export function useLockState(database: RecallDb = db): LockState {
  const vault = useLiveQuery(() => hasVault(database), [database]);
  const unlocked = useSyncExternalStore(
    (listener) => database.dataKey.subscribe(listener),
    () => database.dataKey.loaded,
  );
  if (vault === undefined) return 'loading';
  if (!vault) return 'no-passcode';
  return unlocked ? 'unlocked' : 'locked';
}

/** Locks this tab and every other tab of the app. */
export function lockNow(database: RecallDb = db): void {
  lockVault(database);
  announce({ type: 'locked' });
}
