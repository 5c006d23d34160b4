import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db, getMeta } from '../../db/db';
import { lockVault } from '../../db/vault';
import { DEFAULT_AUTO_LOCK_MINUTES, startAutoLock } from './auto-lock';
import { listen } from './lock-channel';
import { lockNow } from './use-lock-state';

/**
 * While unlocked: locks after the configured idle minutes or a while in the background. Always:
 * follows the other tabs, locking when one locks and starting again when one wiped the tablet.
 */
export function useAutoLock(unlocked: boolean): void {
  const minutes = useLiveQuery(() => getMeta('autoLockMinutes'), []) ?? DEFAULT_AUTO_LOCK_MINUTES;
  useEffect(() => {
    if (!unlocked) return;
    return startAutoLock({ idleMs: minutes * 60_000, onLock: () => lockNow() });
  }, [unlocked, minutes]);
  useEffect(
    () =>
      listen((message) => {
        if (message.type === 'locked') lockVault(db);
        else window.location.replace('/sign-in');
      }),
    [],
  );
}
