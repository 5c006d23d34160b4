import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, getMeta } from '../db/db';
import { dismissNewLists } from '../sync/new-lists';
import './sync.css';

/**
 * "A new recall list has arrived": a polite live region, so a screen reader announces it without
 * interrupting, that stays until the clerk closes it.
 */
export function NewListsMessage() {
  const { t } = useTranslation();
  const lists = useLiveQuery(() => getMeta('newLists'), [], undefined) ?? [];

  return (
    <div className="sync-notice" role="status" aria-live="polite" data-testid="new-lists">
      {lists.length > 0 && (
        <>
          <span>{t('newList.message', { titles: lists.map((list) => list.title).join('、') })}</span>
          <button type="button" className="button secondary" onClick={() => dismissNewLists(db)}>
            {t('newList.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}

type Permission = NotificationPermission | 'unsupported';
const currentPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/** The notification permission, and whether there is a button to ask for it (the status bar counts its actions). */
export function useNotificationPermission() {
  const [permission, setPermission] = useState<Permission>(currentPermission);
  return {
    permission,
    canAsk: permission === 'default',
    ask: async () => setPermission(await Notification.requestPermission()),
  };
}

/** Asks for notification permission only when the clerk presses the button, never on load. */
export function NotificationPermissionButton({
  permission,
  ask,
}: Pick<ReturnType<typeof useNotificationPermission>, 'permission' | 'ask'>) {
  const { t } = useTranslation();
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied') return <p className="status">{t('newList.notificationsBlocked')}</p>;
  return (
    <button type="button" className="button secondary" onClick={() => void ask()}>
      {t('newList.enableNotifications')}
    </button>
  );
}
