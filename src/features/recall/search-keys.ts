import type { LocalItem } from '../../db/db';
import { buildSearchKey } from '../../domain/search-normalise';

type Cached = { source: string; key: string };
const cache = new Map<string, Cached>();

/**
 * The normalised search key of an item, built once per item and kept while its searchable fields stay
 * the same: a tick re-reads the list but rebuilds no keys, so search stays a plain `includes`.
 * Held in memory only, never stored (it contains names).
 */
export function searchKeyOf(item: LocalItem): string {
  const { person } = item;
  const fields = [
    person.name,
    person.kana,
    person.insuredName,
    item.issueNo,
    `${person.symbol}-${person.number}-${person.branch}`,
    `${person.symbol}${person.number}${person.branch}`,
  ];
  const source = fields.join('\u0000');
  const cached = cache.get(item.id);
  if (cached?.source === source) return cached.key;
  const key = buildSearchKey(fields);
  cache.set(item.id, { source, key });
  return key;
}

/** Forget every key, e.g. when the clerk signs out or the tablet locks. */
export function clearSearchKeys(): void {
  cache.clear();
}
