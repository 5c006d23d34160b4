import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db } from '../db/db';

/** The installed app's icon shows how many certificates are still to collect. */
export function useAppBadge() {
  const toCollect = useLiveQuery(() => db.items.where('status').equals('to_collect').count());
  useEffect(() => {
    if (toCollect === undefined || !('setAppBadge' in navigator)) return;
    const update = toCollect > 0 ? navigator.setAppBadge(toCollect) : navigator.clearAppBadge();
    // Not installed, or the platform refuses badges: nothing to tell the clerk.
    update.catch(() => {});
  }, [toCollect]);
}
