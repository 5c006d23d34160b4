/**
 * Calendar dates as they appear in insurer lists and in spreadsheets that clerks re-save:
 * 2025-12-01, 2025/12/1 (what Excel writes back), 20251201, 2025年12月1日, and 和暦 as printed on
 * certificates: 令和7年12月1日, 令和 7年12月 1日 (seed 001 pads with spaces), 令和元年5月1日,
 * R7.12.1, H31/4/30, S64-1-7. Full-width digits and letters are accepted (NFKC).
 * Returns YYYY-MM-DD, or null when the text is not a real date.
 */

type Era = { names: readonly string[]; start: string; end: string | null; offset: number };

// A year N of an era is Gregorian year offset + N. Dates outside an era's span (平成32年) are refused:
// they are typos or a system that never learnt about the change of era.
const ERAS: readonly Era[] = [
  { names: ['令和', 'r'], start: '2019-05-01', end: null, offset: 2018 },
  { names: ['平成', 'h'], start: '1989-01-08', end: '2019-04-30', offset: 1988 },
  { names: ['昭和', 's'], start: '1926-12-25', end: '1989-01-07', offset: 1925 },
  { names: ['大正', 't'], start: '1912-07-30', end: '1926-12-24', offset: 1911 },
];

const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const KANJI_WESTERN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const WAREKI = /^(令和|平成|昭和|大正|[rhst])(元|\d{1,2})(?:年(\d{1,2})月(\d{1,2})日|[-/.](\d{1,2})[-/.](\d{1,2}))$/;
// Excel writes a date-time cell as "2025/12/1 0:00"; a midnight time adds nothing to a calendar date.
const TRAILING_MIDNIGHT = /\s+0{1,2}:00(?::00)?$/;

export function parseFlexibleDate(text: string): string | null {
  const compact = text.normalize('NFKC').trim().replace(TRAILING_MIDNIGHT, '').replace(/\s+/g, '').toLowerCase();
  const western = ISO_LIKE.exec(compact) ?? COMPACT.exec(compact) ?? KANJI_WESTERN.exec(compact);
  if (western) return calendarDate(Number(western[1]), Number(western[2]), Number(western[3]));

  const wareki = WAREKI.exec(compact);
  if (!wareki) return null;
  const era = ERAS.find((e) => e.names.includes(wareki[1] ?? ''));
  if (!era) return null;
  const eraYear = wareki[2] === '元' ? 1 : Number(wareki[2]);
  if (eraYear < 1) return null;
  const iso = calendarDate(era.offset + eraYear, Number(wareki[3] ?? wareki[5]), Number(wareki[4] ?? wareki[6]));
  if (!iso || iso < era.start || (era.end !== null && iso > era.end)) return null;
  return iso;
}

// Years outside this range are typing errors in a list of living members and their certificates.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
