/**
 * What the office prints on every notice: where to return, whom to ask, and the insurer's
 * multilingual line (defaults from the signed-in session). Kept on this tablet (localStorage),
 * per office; no personal data of members.
 */
export type NoticeSettings = { returnTo: string; officeContact: string; insurerName: string; insurerPhone: string };

const key = (officeId: string) => `notice-settings:${officeId}`;

export function loadNoticeSettings(officeId: string, defaults: NoticeSettings): NoticeSettings {
  try {
    const stored = JSON.parse(
      globalThis.localStorage?.getItem(key(officeId)) ?? 'null',
    ) as Partial<NoticeSettings> | null;
    if (!stored || typeof stored !== 'object') return defaults;
    const pick = (field: keyof NoticeSettings) =>
      typeof stored[field] === 'string' ? (stored[field] as string) : defaults[field];
    return {
      returnTo: pick('returnTo'),
      officeContact: pick('officeContact'),
      insurerName: pick('insurerName'),
      insurerPhone: pick('insurerPhone'),
    };
  } catch {
    return defaults;
  }
}

export function saveNoticeSettings(officeId: string, settings: NoticeSettings): void {
  globalThis.localStorage?.setItem(key(officeId), JSON.stringify(settings));
}
