import { describe, expect, it } from 'vitest';
import { formatWareki } from './wareki';

describe('和暦 formatting', () => {
  it.each([
    ['2025-12-02', '令和7年12月2日'],
    ['2025-12-01', '令和7年12月1日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['2029-12-01', '令和11年12月1日'],
  ])('%s is %s', (iso, expected) => {
    expect(formatWareki(iso)).toBe(expected);
  });

  it('reads the date as a calendar day whatever the time zone', () => {
    // Midnight at the start of the day must not slip to the day before in UTC-offset zones.
    expect(formatWareki('2026-01-01')).toBe('令和8年1月1日');
  });

  it.each(['2025-13-01', '2025-02-30', '2025/12/02', 'yesterday'])('rejects %j', (value) => {
    expect(() => formatWareki(value)).toThrow(RangeError);
  });
});
