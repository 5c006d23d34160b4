import type { ImportRow } from './validate';

// Apart from validate.ts: the app's database code (and with it the service worker) needs these two
// functions, not the whole of the row checks.

/**
 * What identifies an old 健康保険証 without a 発行No.: its 記号・番号・枝番 (seed 001: 「被保険者の資格情報
 * （記号・番号・枝番）」). Held in memory only, never stored or indexed (it is personal data).
 */
export const oldCardKey = (symbol: string, number: string, branch: string) =>
  `old-card\u0000${symbol}\u0000${number}\u0000${branch}`;

/** How a re-import recognises a row it holds already: its 発行No., or an old card's 記号・番号・枝番. */
export const rowKey = (row: Pick<ImportRow, 'issueNo' | 'person'>) =>
  row.issueNo !== '' ? row.issueNo : oldCardKey(row.person.symbol, row.person.number, row.person.branch);
