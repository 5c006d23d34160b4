import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db } from '../db/db';
import { countToCollect } from '../db/item-counts';

/** The installed app's icon shows how many certificates are still to collect. */
export function useAppBadge() {
  const toCollect = useLiveQuery(() => countToCollect(db));
  useEffect(() => {
    if (toCollect === undefined || !('setAppBadge' in navigator)) return;
    const update = toCollect > 0 ? navigator.setAppBadge(toCollect) : navigator.clearAppBadge();
    // Not installed, or the platform refuses badges: nothing to tell the clerk.
    update.catch(() => {});
  }, [toCollect]);
}
