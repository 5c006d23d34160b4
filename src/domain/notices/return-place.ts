/**
 * Where members hand certificates in, and whom they ask, as parts rather than one Japanese string
 * (issue 16: a Vietnamese member read "Nơi nộp lại: 総務課 2階受付"). Each language words the parts
 * itself (`place` in locales/notices/<code>.json); Japanese proper nouns keep their Japanese form,
 * because that is what the sign on the door says, with a romanised reading beside them.
 */
export const ROOM_KINDS = ['reception', 'hrDesk', 'mailbox', 'security'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/**
 * A proper noun as written in Japan, with how to say it: `reading` in Hepburn romanisation (e.g.
 * "Sōmu-ka") for other languages, `kana` (そうむか) for やさしい日本語's <ruby>.
 */
export type ProperNoun = { name: string; reading: string; kana?: string };

export type ReturnPlace = {
  department: ProperNoun;
  /** Floor as numbered in Japan (ground floor = 1F). */
  floor: number | null;
  room: RoomKind | null;
  /** Opening hours, HH:MM 24-hour. */
  hours: { from: string; to: string } | null;
  /** Whom to ask, e.g. { name: '山田', reading: 'Yamada' }. */
  person: ProperNoun;
  extension: string;
  phone: string;
  /**
   * Free text per language code. Shown only in a language that has its own text, so a note typed
   * in Japanese never lands untranslated in another language's notice.
   */
  note: Record<string, string>;
};

/** The words a language puts around the proper nouns (`place` in each notice locale). */
export type PlaceWords = {
  floor: string;
  reception: string;
  hrDesk: string;
  mailbox: string;
  security: string;
  hours: string;
  extension: string;
  phone: string;
  separator: string;
};

export const EMPTY_PLACE: ReturnPlace = {
  department: { name: '', reading: '', kana: '' },
  floor: null,
  room: null,
  hours: null,
  person: { name: '', reading: '', kana: '' },
  extension: '',
  phone: '',
  note: {},
};

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const isJapaneseLanguage = (code: string) => code === 'ja' || code === 'ja-easy';
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);

/** A proper noun in a notice: as written in Japan; elsewhere with its reading beside it. */
export function properNoun(noun: ProperNoun, code: string): string {
  const name = noun.name.trim();
  const reading = noun.reading.trim();
  if (!name) return reading;
  const kana = noun.kana?.trim().replace(/[{}|]/g, '');
  if (code === 'ja-easy' && kana && JAPANESE.test(name)) return `{${name.replace(/[{}|]/g, '')}|${kana}}`;
  if (isJapaneseLanguage(code) || !reading || !JAPANESE.test(name)) return name;
  return `${name} (${reading})`;
}

export function hasPlace(place: ReturnPlace | null | undefined): place is ReturnPlace {
  return Boolean(place && (place.department.name.trim() || place.person.name.trim()));
}

/**
 * A left-to-right run (times, phone numbers, a name with its Latin reading) isolated for a
 * right-to-left notice: without it Urdu shows "09:00–17:00" as "17:00–09:00" and reorders the digit
 * groups of a phone number (seen in the Urdu screenshot, docs/notices/ur.png).
 */
export function ltrRun(text: string, rtl: boolean): string {
  return rtl && text ? `\u2066${text}\u2069` : text;
}

/** "Where to return", in the language's own words: department, floor, room, hours, note. */
export function returnPlaceText(place: ReturnPlace, code: string, words: PlaceWords, rtl = false): string {
  const parts = [
    ltrRun(properNoun(place.department, code), rtl),
    place.floor !== null ? fill(words.floor, { floor: String(place.floor) }) : '',
    place.room ? words[place.room] : '',
    // In a right-to-left notice the isolate opens before the first time and closes after the second.
    place.hours
      ? fill(words.hours, rtl ? { from: `\u2066${place.hours.from}`, to: `${place.hours.to}\u2069` } : place.hours)
      : '',
    place.note[code]?.trim() ?? '',
  ];
  return parts.filter(Boolean).join(words.separator);
}

/** "Whom to ask": department, person, extension, phone. */
export function contactText(place: ReturnPlace, code: string, words: PlaceWords, rtl = false): string {
  const parts = [
    ltrRun(properNoun(place.department, code), rtl),
    ltrRun(properNoun(place.person, code), rtl),
    place.extension.trim() ? fill(words.extension, { extension: ltrRun(place.extension.trim(), rtl) }) : '',
    place.phone.trim() ? fill(words.phone, { phone: ltrRun(place.phone.trim(), rtl) }) : '',
  ];
  return parts.filter(Boolean).join(words.separator);
}

/** Whether a clock time is HH:MM (00:00–23:59). */
export const isClockTime = (text: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(text);

export type PlaceError = 'floor' | 'hours' | 'reading' | 'kana' | 'digits';

/**
 * What is wrong with a place the clerk typed (nothing is saved while any remains): readings in
 * Latin letters, kana readings in hiragana, floor 1–99, both opening times with the first earlier,
 * extension and phone as digits and hyphens.
 */
export function placeErrors(place: ReturnPlace, readings: string[] = [], kanas: string[] = []): PlaceError[] {
  const errors = new Set<PlaceError>();
  if (place.floor !== null && !(Number.isInteger(place.floor) && place.floor >= 1 && place.floor <= 99))
    errors.add('floor');
  if (
    place.hours &&
    !(isClockTime(place.hours.from) && isClockTime(place.hours.to) && place.hours.from < place.hours.to)
  )
    errors.add('hours');
  for (const reading of [place.department.reading, place.person.reading, ...readings])
    if (JAPANESE.test(reading)) errors.add('reading');
  for (const kana of [place.department.kana ?? '', place.person.kana ?? '', ...kanas])
    if (kana.trim() && !/^[\p{Script=Hiragana}ー\s]+$/u.test(kana.trim())) errors.add('kana');
  for (const digits of [place.extension, place.phone])
    if (digits.trim() && !/^[0-9-]+$/.test(digits.trim())) errors.add('digits');
  return [...errors];
}
