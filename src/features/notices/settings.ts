import { EMPTY_PLACE, type ReturnPlace, ROOM_KINDS, type RoomKind } from '../../domain/notices/return-place';

/**
 * What the office prints on every notice: where to return, whom to ask, and the insurer's
 * multilingual line (defaults from the signed-in session). Kept on this tablet (localStorage),
 * per office; no personal data of members. `returnTo` and `officeContact` are free text, used while
 * the structured place (PlaceSettings below) is empty.
 */
export type NoticeSettings = { returnTo: string; officeContact: string; insurerName: string; insurerPhone: string };

const key = (officeId: string) => `notice-settings:${officeId}`;

/**
 * The structured return place and contact (issue 16), with the readings of the insurer's name;
 * stored beside NoticeSettings under its own key so older tablets' settings stay as they were.
 */
export type PlaceSettings = { place: ReturnPlace; insurerReading: string; insurerKana: string };
export const EMPTY_PLACE_SETTINGS: PlaceSettings = { place: EMPTY_PLACE, insurerReading: '', insurerKana: '' };
const placeKey = (officeId: string) => `notice-place:${officeId}`;

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '');

/** A stored place, read defensively: anything malformed falls back to empty parts. */
export function placeFrom(value: unknown): ReturnPlace {
  if (!value || typeof value !== 'object') return EMPTY_PLACE;
  const v = value as Record<string, unknown>;
  const noun = (raw: unknown) => {
    const n = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    return { name: text(n.name), reading: text(n.reading), kana: text(n.kana) };
  };
  const hours = v.hours && typeof v.hours === 'object' ? (v.hours as Record<string, unknown>) : null;
  const note: Record<string, string> = {};
  if (v.note && typeof v.note === 'object')
    for (const [code, value] of Object.entries(v.note as Record<string, unknown>))
      if (typeof value === 'string' && value.trim()) note[code] = value.slice(0, 200);
  return {
    ...EMPTY_PLACE,
    department: noun(v.department),
    floor: typeof v.floor === 'number' && Number.isInteger(v.floor) ? v.floor : null,
    room: ROOM_KINDS.includes(v.room as RoomKind) ? (v.room as RoomKind) : null,
    hours: hours ? { from: text(hours.from), to: text(hours.to) } : null,
    person: noun(v.person),
    extension: text(v.extension),
    phone: text(v.phone),
    note,
  };
}

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

export function loadPlaceSettings(officeId: string): PlaceSettings {
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(placeKey(officeId)) ?? 'null') as Record<
      string,
      unknown
    > | null;
    if (!stored || typeof stored !== 'object') return EMPTY_PLACE_SETTINGS;
    return {
      place: placeFrom(stored.place),
      insurerReading: text(stored.insurerReading),
      insurerKana: text(stored.insurerKana),
    };
  } catch {
    return EMPTY_PLACE_SETTINGS;
  }
}

export function savePlaceSettings(officeId: string, settings: PlaceSettings): void {
  globalThis.localStorage?.setItem(placeKey(officeId), JSON.stringify(settings));
}
