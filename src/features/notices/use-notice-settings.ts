import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../../db/db';
import { loadNoticeSettings, type NoticeSettings, saveNoticeSettings } from './settings';

/** The office's notice settings (stored on the tablet), defaulting to the names the session knows. */
export function useNoticeSettings(session: Session | null | undefined) {
  const defaults: NoticeSettings = useMemo(
    () => ({
      returnTo: '',
      officeContact: session?.office.name ?? '',
      insurerName: session?.insurer.name ?? '',
      insurerPhone: session?.insurer.phone ?? '',
    }),
    [session],
  );
  const officeId = session?.office.id ?? '';
  const [settings, setSettings] = useState<NoticeSettings | null>(null);
  useEffect(() => {
    if (session) setSettings(loadNoticeSettings(officeId, defaults));
  }, [session, officeId, defaults]);
  const save = (next: NoticeSettings) => {
    saveNoticeSettings(officeId, next);
    setSettings(next);
  };
  return { settings, save };
}
