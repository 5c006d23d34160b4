import Dexie, { type ObservabilitySet, RangeSet } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { db, type LocalItem, type LocalList } from '../../db/db';
import { pendingItemIds as pendingItems } from '../../db/outbox';

/** Until the outbox is read: no row is marked. */
const NO_PENDING = new Set<string | undefined>();

/** Plain stored values (objects, arrays, strings, numbers, booleans, null) equal field by field. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether a part of a storagemutated event holds any key at all. */
function touches(part: ObservabilitySet[string] | undefined): part is ObservabilitySet[string] {
  if (!part) return false;
  for (const _range of RangeSet(part)) return true;
  return false;
}

/** One list by id, or every list on the tablet (null). */
export type ItemScope = string | null;

type Loaded = { scope: ItemScope; lists: Map<string, LocalList>; items: Map<string, LocalItem> };

// The move of an import's journal into lists and items (src/db/pending-imports.ts) is the only
// transaction that writes `pendingImports`: it adds a list nobody can have open, with exactly the
// records the import page remembered, so it changes nothing a page of one list holds.
const journalMoved = (parts: ObservabilitySet | undefined) => parts?.[`idb://${db.name}/pendingImports/`] !== undefined;

// A list just imported, kept as written: opening it right after the import shows it without reading
// 10,000 records back from IndexedDB. Any later change to items or lists drops it (the stored truth
// wins), but for the journal's move into them.
let justImported: Loaded | null = null;
const forgetJustImported = () => {
  justImported = null;
  Dexie.on('storagemutated').unsubscribe(dropJustImported);
};
const dropJustImported = (parts?: ObservabilitySet) => {
  if (!journalMoved(parts)) forgetJustImported();
};

// The list just imported holds decrypted personal data, which must not outlive the data key.
db.dataKey.subscribe(() => {
  if (!db.dataKey.loaded) forgetJustImported();
});

/** Call once the import's journal is written, with exactly the records it holds, persons in clear. */
export function rememberImportedList(list: LocalList, items: readonly LocalItem[]): void {
  forgetJustImported();
  justImported = {
    scope: list.id,
    lists: new Map([[list.id, list]]),
    items: new Map(items.map((item) => [item.id, item])),
  };
  Dexie.on('storagemutated', dropJustImported);
}

function takeJustImported(scope: ItemScope): Loaded | null {
  if (scope === null || justImported?.scope !== scope) return null;
  const taken = justImported;
  forgetJustImported();
  return taken;
}

async function load(scope: ItemScope): Promise<Loaded> {
  if (scope === null) {
    const [lists, items] = await Promise.all([db.lists.toArray(), db.items.toArray()]);
    return {
      scope,
      lists: new Map(lists.map((list) => [list.id, list])),
      items: new Map(items.map((item) => [item.id, item])),
    };
  }
  const [list, items] = await Promise.all([db.lists.get(scope), db.items.where('listId').equals(scope).toArray()]);
  return {
    scope,
    lists: new Map(list ? [[list.id, list]] : []),
    items: new Map(items.map((item) => [item.id, item])),
  };
}

/**
 * The items of one list (or of every list), kept in memory and patched item by item as they change
 * (in this tab, another tab, or by a pull), instead of re-reading 10,000 records from IndexedDB after
 * every tick. A change that is not a set of single keys (a bulk import, a wipe) or touches the lists
 * reloads.
 */
export function useListItems(scope: ItemScope) {
  const [loaded, setLoaded] = useState<Loaded | null>(() => takeJustImported(scope));
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  useEffect(() => {
    let cancelled = false;
    const itemsPart = `idb://${db.name}/items/`;
    const listsPart = `idb://${db.name}/lists/`;
    const inScope = (item: LocalItem | undefined): item is LocalItem =>
      item !== undefined && (scope === null || item.listId === scope);

    const reload = async () => {
      const fresh = await load(scope);
      if (!cancelled) setLoaded(fresh);
    };
    const patch = async (keys: string[]) => {
      const fresh = await db.items.bulkGet(keys);
      if (cancelled) return;
      setLoaded((current) => {
        if (!current || current.scope !== scope) return current;
        // A write that leaves an item as it was (the sync storing what the tablet already shows)
        // changes nothing on screen: no copy, no render of 10,000 items.
        const changed = keys.filter((key, index) => {
          const item = fresh[index];
          const held = current.items.get(key);
          return inScope(item) ? !held || !sameValue(held, item) : held !== undefined;
        });
        if (changed.length === 0) return current;
        const items = new Map(current.items);
        keys.forEach((key, index) => {
          const item = fresh[index];
          if (inScope(item)) items.set(key, item);
          else items.delete(key);
        });
        return { ...current, items };
      });
    };
    const onMutated = (parts: ObservabilitySet) => {
      // A move adds a whole new list: news to the page of every list, nothing to the page of one.
      if (journalMoved(parts) && scope !== null) return;
      // Dexie names a table even for a write of nothing (each pull page's `lists.bulkPut([])`): only
      // real keys count, or every sync after a tick would re-read and decrypt all 10,000 items
      // (measured: the slowest ticks and keystrokes of scripts/bench/checklist.ts).
      if (touches(parts[listsPart])) return void reload();
      const changed = parts[itemsPart];
      if (!touches(changed)) return;
      const keys: string[] = [];
      for (const range of RangeSet(changed)) {
        if (range.from !== range.to || typeof range.from !== 'string') return void reload();
        keys.push(range.from);
      }
      if (keys.length > 0) void patch(keys);
    };

    // Already in memory when the import just made this list: no read needed.
    if (loadedRef.current?.scope !== scope) void reload();
    Dexie.on('storagemutated', onMutated);
    return () => {
      cancelled = true;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [scope]);

  const pendingItemIds: Set<string | undefined> = useLiveQuery(() => pendingItems(db), [], NO_PENDING);
  const current = loaded?.scope === scope ? loaded : null;
  return {
    loading: current === null,
    lists: current?.lists ?? null,
    items: current?.items ?? null,
    pendingItemIds,
  };
}
