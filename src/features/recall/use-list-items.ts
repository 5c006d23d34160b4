import Dexie, { type ObservabilitySet, RangeSet } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db, type LocalItem, type LocalList } from '../../db/db';

type Loaded = { listId: string; list: LocalList | null; items: Map<string, LocalItem> };

/**
 * The items of one list, kept in memory and patched item by item as they change (in this tab, another
 * tab, or by a pull), instead of re-reading 10,000 records from IndexedDB after every tick. A change
 * that is not a set of single keys (a bulk import, a wipe) reloads the list.
 */
export function useListItems(listId: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    const itemsPart = `idb://${db.name}/items/`;
    const listsPart = `idb://${db.name}/lists/`;

    const reload = async () => {
      const [list, items] = await Promise.all([
        db.lists.get(listId),
        db.items.where('listId').equals(listId).toArray(),
      ]);
      if (!cancelled) setLoaded({ listId, list: list ?? null, items: new Map(items.map((item) => [item.id, item])) });
    };
    const patch = async (keys: string[]) => {
      const fresh = await db.items.bulkGet(keys);
      if (cancelled) return;
      setLoaded((current) => {
        if (!current || current.listId !== listId) return current;
        const items = new Map(current.items);
        keys.forEach((key, index) => {
          const item = fresh[index];
          if (item && item.listId === listId) items.set(key, item);
          else items.delete(key);
        });
        return { ...current, items };
      });
    };
    const onMutated = (parts: ObservabilitySet) => {
      if (parts[listsPart]) return void reload();
      const changed = parts[itemsPart];
      if (!changed) return;
      const keys: string[] = [];
      for (const range of RangeSet(changed)) {
        if (range.from !== range.to || typeof range.from !== 'string') return void reload();
        keys.push(range.from);
      }
      if (keys.length > 0) void patch(keys);
    };

    void reload();
    Dexie.on('storagemutated', onMutated);
    return () => {
      cancelled = true;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [listId]);

  const pending = useLiveQuery(() => db.outbox.where('status').equals('pending').toArray(), [], []);
  const current = loaded?.listId === listId ? loaded : null;
  return {
    loading: current === null,
    list: current?.list ?? null,
    items: current?.items ?? null,
    pendingItemIds: new Set(pending.map((entry) => entry.itemId)),
  };
}
