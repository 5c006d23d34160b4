import type { ItemStatus, RecallReason } from './recall';

/** What the scanner needs to know of an item to match a typed or scanned code. */
export type ScannableItem = {
  id: string;
  issueNo: string;
  status: ItemStatus;
  reason: RecallReason;
  person: { symbol: string; number: string; branch: string };
};

export type ScanOutcome<T extends ScannableItem> =
  | { kind: 'to_collect'; item: T }
  | { kind: 'already_returned'; item: T }
  | { kind: 'already_unreturnable'; item: T }
  /** The member is on a list, but for another (older) certificate: the scanned one is the current one. */
  | { kind: 'other_certificate'; item: T }
  /** The 記号 is not one of this office's: the certificate belongs to another office. */
  | { kind: 'other_office' }
  | { kind: 'not_on_list' }
  | { kind: 'unreadable' };

const digitsOnly = (text: string) => text.normalize('NFKC').replace(/\D+/g, '');

/**
 * Reads what the clerk typed on the number pad or what the camera decoded: a 発行No., or
 * 記号・番号・枝番 separated by anything (「12-345-01」, 「12 345 01」, a QR payload with other text).
 */
export function parseScanCode(raw: string): { digits: string; parts: string[] } | null {
  const parts = raw.normalize('NFKC').match(/\d+/g) ?? [];
  const digits = digitsOnly(raw);
  return digits.length === 0 ? null : { digits, parts };
}

export function matchScan<T extends ScannableItem>(raw: string, items: readonly T[]): ScanOutcome<T> {
  const code = parseScanCode(raw);
  if (!code) return { kind: 'unreadable' };

  const byIssueNo = items.find((item) => item.issueNo !== '' && code.parts.includes(item.issueNo));
  if (byIssueNo) return outcomeFor(byIssueNo);

  const [symbol, number, branch] = code.parts;
  const sameMember = items.filter(
    (item) =>
      item.person.symbol === symbol &&
      item.person.number === number &&
      (branch === undefined || item.person.branch === branch.padStart(2, '0')),
  );
  // An old 健康保険証 has no 発行No.: 記号・番号・枝番 is all there is to match it by.
  const open = sameMember.find((item) => item.status === 'to_collect');
  if (open && (open.issueNo === '' || code.parts.length <= 3)) return outcomeFor(open);
  if (sameMember[0])
    return code.parts.length > 3 ? { kind: 'other_certificate', item: sameMember[0] } : outcomeFor(sameMember[0]);

  const officeSymbols = new Set(items.map((item) => item.person.symbol));
  if (symbol !== undefined && code.parts.length >= 2 && !officeSymbols.has(symbol)) return { kind: 'other_office' };
  return { kind: 'not_on_list' };
}

function outcomeFor<T extends ScannableItem>(item: T): ScanOutcome<T> {
  if (item.status === 'returned') return { kind: 'already_returned', item };
  if (item.status === 'unreturnable') return { kind: 'already_unreturnable', item };
  return { kind: 'to_collect', item };
}
