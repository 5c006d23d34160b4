/**
 * 和暦 (Japanese era) dates as printed on certificates and insurer forms: 令和7年12月2日, with the
 * first year of an era written 元年 (令和元年5月1日) as official documents do.
 */
// Made on first use, not when the module loads: building a Japanese-calendar formatter loads ICU's
// calendar data, about 200 ms on a loaded tablet, and this module rides along with the database code
// that every signed-in load evaluates before its passcode screen, which shows no date.
let eraFormatter: Intl.DateTimeFormat | undefined;
const formatter = () =>
  (eraFormatter ??= new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }));

/** `isoDate` is a calendar date, YYYY-MM-DD; it is read as that day, never shifted by a time zone. */
export function formatWareki(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not a calendar date: ${isoDate}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3]))
    throw new RangeError(`not a calendar date: ${isoDate}`);
  const parts = formatter().formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const year = part('year');
  return `${part('era')}${year === '1' ? '元' : year}年${part('month')}月${part('day')}日`;
}
