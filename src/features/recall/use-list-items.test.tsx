import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { journalImport } from '../../../tests/fixtures/store-import';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { db, type LocalList } from '../../db/db';
import { markReturned } from '../../db/item-changes';
import { indexPendingImports } from '../../db/pending-imports';
import { rememberImportedList, useListItems } from './use-list-items';

const list = (id: string, title: string): LocalList => ({
  id,
  title,
  period: '2026-11',
  receivedAt: '2026-11-20T00:00:00.000Z',
  source: 'import',
});

beforeEach(async () => {
  unlocked(db);
  await db.lists.bulkPut([list('a', 'A'), list('b', 'B')]);
  await db.items.bulkPut([
    sampleItem('a1', { listId: 'a' }),
    sampleItem('a2', { listId: 'a' }),
    sampleItem('b1', { listId: 'b' }),
  ]);
});
afterEach(async () => {
  await db.pendingImports.clear();
  await db.items.clear();
  await db.lists.clear();
});

describe('items in memory', () => {
  it('holds one list, or every list, and follows a stored change', async () => {
    const one = renderHook(() => useListItems('a'));
    const all = renderHook(() => useListItems(null));
    await waitFor(() => expect(one.result.current.items?.size).toBe(2));
    await waitFor(() => expect(all.result.current.items?.size).toBe(3));
    expect([...(all.result.current.lists?.keys() ?? [])].sort()).toEqual(['a', 'b']);

    await act(() => db.items.update('b1', { status: 'returned' }));
    await waitFor(() => expect(all.result.current.items?.get('b1')?.status).toBe('returned'));
    expect(one.result.current.items?.has('b1')).toBe(false);
  });

  it('shows a list just imported without reading it back, through its move into items, until something changes it', async () => {
    const imported = list('new', 'New');
    const items = [sampleItem('n1', { listId: 'new' }), sampleItem('n2', { listId: 'new' })];
    const all = renderHook(() => useListItems(null));
    await waitFor(() => expect(all.result.current.items?.size).toBe(3));
    // As the import page does: the journal written, its move started, the records remembered.
    await journalImport(db, 'new', items, imported.title);
    const move = indexPendingImports(db);
    await move.started;
    rememberImportedList(imported, items);
    const { result } = renderHook(() => useListItems('new'));
    // In memory at the first render: no loading state, the very objects written.
    expect(result.current.loading).toBe(false);
    expect(result.current.items?.get('n1')).toBe(items[0]);

    // The move changes nothing on this page (no reading back), and the page of every list sees it.
    await act(() => move.done);
    await waitFor(() => expect(all.result.current.items?.size).toBe(5));
    expect(result.current.items?.get('n1')).toBe(items[0]);

    await act(() => db.items.update('n2', { status: 'returned' }));
    await waitFor(() => expect(result.current.items?.get('n2')?.status).toBe('returned'));
    expect(result.current.items?.get('n2')?.person).toEqual(items[1]?.person);
  });

  it('still holds the list just imported when it is opened after its move into items', async () => {
    const imported = list('later', 'Later');
    const items = [sampleItem('l1', { listId: 'later' })];
    await journalImport(db, 'later', items, imported.title);
    const move = indexPendingImports(db);
    await move.started;
    rememberImportedList(imported, items);
    await move.done;
    const { result } = renderHook(() => useListItems('later'));
    expect(result.current.loading).toBe(false);
    expect(result.current.items?.get('l1')).toBe(items[0]);
  });

  it('forgets the imported list when anything is stored before it is opened', async () => {
    const imported = list('new', 'New');
    const items = [sampleItem('n1', { listId: 'new' })];
    await db.lists.add(imported);
    await db.items.bulkAdd(items);
    rememberImportedList(imported, items);
    await db.items.update('n1', { status: 'returned' });
    const { result } = renderHook(() => useListItems('new'));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.items?.get('n1')?.status).toBe('returned'));
  });
});

describe('what a write costs the screen', () => {
  it('does not re-read the list for a write of no lists (each pull page stores its lists, often none)', async () => {
    const { result } = renderHook(() => useListItems('a'));
    await waitFor(() => expect(result.current.items?.size).toBe(2));
    const a2 = result.current.items?.get('a2');

    await act(() => db.lists.bulkPut([]));
    await act(() => db.items.update('a1', { status: 'returned' }));
    await waitFor(() => expect(result.current.items?.get('a1')?.status).toBe('returned'));
    // Patched item by item: the untouched item is the very object read at first, not a re-read copy.
    expect(result.current.items?.get('a2')).toBe(a2);
  });

  it('keeps the items as they are when a write leaves an item as it was', async () => {
    const { result } = renderHook(() => useListItems('a'));
    await waitFor(() => expect(result.current.items?.size).toBe(2));
    const before = result.current.items;
    const a1 = before?.get('a1');

    await act(async () => {
      const stored = await db.items.get('a1');
      if (stored) await db.items.put({ ...stored });
    });
    await act(() => db.items.update('a2', { status: 'returned' }));
    await waitFor(() => expect(result.current.items?.get('a2')?.status).toBe('returned'));
    expect(result.current.items?.get('a1')).toBe(a1);
    expect(result.current.items).not.toBe(before);
  });
});

describe('pending marks', () => {
  afterEach(() => db.outbox.clear());

  it('marks the items with a change waiting to be sent, and follows the outbox as it empties', async () => {
    const { result } = renderHook(() => useListItems(null));
    await waitFor(() => expect(result.current.items?.size).toBe(3));
    expect([...result.current.pendingItemIds]).toEqual([]);
    await act(() => markReturned(db, 'a2', 'hand', new Date('2026-11-20T01:00:00.000Z')));
    await waitFor(() => expect([...result.current.pendingItemIds]).toEqual(['a2']));
    await act(() => db.outbox.clear());
    await waitFor(() => expect([...result.current.pendingItemIds]).toEqual([]));
  });
});
