import { db, type LocalItem } from '../../db/db';
import { buildSearchKey } from '../../domain/search-normalise';

/** What a clerk can search an item by. */
function searchFields({ person, issueNo }: LocalItem): string[] {
  return [
    person.name,
    person.kana,
    person.insuredName,
    issueNo,
    `${person.symbol}-${person.number}-${person.branch}`,
    `${person.symbol}${person.number}${person.branch}`,
  ];
}

type Cached = { source: string; key: string };
const cache = new Map<string, Cached>();
// The list keeps unchanged items as the same objects, so most lookups end here without building anything.
let byObject = new WeakMap<LocalItem, string>();

/**
 * The normalised search key of an item, built once per item and kept while its searchable fields stay
 * the same: a tick re-reads the list but rebuilds no keys, so search stays a plain `includes`.
 * Held in memory only, never stored (it contains names).
 */
export function searchKeyOf(item: LocalItem): string {
  const known = byObject.get(item);
  if (known !== undefined) return known;
  const fields = searchFields(item);
  const source = fields.join('\u0000');
  const cached = cache.get(item.id);
  const key = cached?.source === source ? cached.key : buildSearchKey(fields);
  cache.set(item.id, { source, key });
  byObject.set(item, key);
  return key;
}

/** Forget every key, e.g. when the clerk signs out or the tablet locks. */
export function clearSearchKeys(): void {
  cache.clear();
  byObject = new WeakMap();
}

// Search keys are folded names: they go when the data key leaves memory.
db.dataKey.subscribe(() => {
  if (!db.dataKey.loaded) clearSearchKeys();
});
