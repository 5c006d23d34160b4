import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/client';
import type { Mutation } from '../../src/api/schemas';
import { RecallDb, setMeta } from '../../src/db/db';
import { markReturned, recordChange } from '../../src/db/item-changes';
import { appendOutbox } from '../../src/db/outbox';
import { discardChange, rejectedChanges, retryChange } from '../../src/sync/outbox-issues';
import { createSyncEngine } from '../../src/sync/sync-engine';
import { unlocked } from '../../tests/fixtures/unlocked';
import { freshApp, type TestApp } from '../testing/fresh-app';

/** The client's outbox against the real server: refused batches, rejected changes, fix and discard. */
let t: TestApp;
let database: RecallDb;
let token: string;
let sync: () => ReturnType<ReturnType<typeof createSyncEngine>['syncNow']>;

beforeAll(async () => {
  t = await freshApp();
  const session = await t.signIn('DEMO-3');
  token = session.token;
  database = unlocked(new RecallDb(`outbox-${crypto.randomUUID()}`));
  await setMeta('session', session, database);
  const api = createApiClient({
    baseUrl: 'http://localhost/api/v1',
    getToken: async () => session.token,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => t.app.request(String(input), init)) as typeof fetch,
  });
  const engine = createSyncEngine(database, api);
  sync = () => engine.syncNow();
  expect(await sync()).toMatchObject({ ok: true });
});
afterAll(async () => {
  await database.delete();
  await t.db.close();
});

/** Items still to collect that no change in the outbox is about. */
async function openItems(n: number): Promise<string[]> {
  const busy = new Set((await database.outbox.toArray()).map((e) => e.itemId));
  const open = (await database.items.toArray()).filter((item) => item.status === 'to_collect');
  return open
    .map((i) => i.id)
    .filter((id) => !busy.has(id))
    .slice(0, n);
}

describe('client outbox against the real server', () => {
  it('a change the server cannot read is set aside alone; the rest of its batch goes through', async () => {
    const [a, b, c] = await openItems(3);
    await markReturned(database, a as string, 'hand');
    // Written by an older app version: a reason the contract no longer accepts (empty).
    const unreadable = {
      id: crypto.randomUUID(),
      type: 'item.unreturnable',
      at: new Date().toISOString(),
      payload: { itemId: b as string, kind: 'lost', reason: '' },
    } as Mutation;
    await database.transaction('rw', database.outbox, () => appendOutbox(database, unreadable));
    await markReturned(database, c as string, 'post');

    expect(await sync()).toMatchObject({ ok: true });
    const rejected = await rejectedChanges(database);
    expect(rejected.map((e) => [e.id, e.reason])).toEqual([[unreadable.id, 'validation_failed']]);
    expect(await database.outbox.where('status').equals('pending').count()).toBe(0);
    const { items } = await t.pullAll(token);
    expect(items.find((i) => i.id === a)?.status).toBe('returned');
    expect(items.find((i) => i.id === c)?.status).toBe('returned');
  });

  it('discarding a rejected change puts the item back as the insurer has it', async () => {
    const [item] = await openItems(1);
    const bad = {
      id: crypto.randomUUID(),
      type: 'item.unreturnable',
      at: new Date().toISOString(),
      payload: { itemId: item as string, kind: 'lost', reason: ' ' },
    } as Mutation;
    await recordChange(database, bad as Extract<Mutation, { type: 'item.unreturnable' }>);
    expect((await database.items.get(item as string))?.status).toBe('unreturnable');
    await sync();
    const entry = (await rejectedChanges(database)).find((e) => e.id === bad.id);
    expect(entry?.reason).toBe('validation_failed');

    await discardChange(database, entry?.seq as number);
    expect(await sync()).toMatchObject({ ok: true });
    expect((await database.items.get(item as string))?.status).toBe('to_collect');
    expect((await rejectedChanges(database)).some((e) => e.id === bad.id)).toBe(false);
  });

  it('a change rejected for a reason that has passed goes through when sent again', async () => {
    const [item] = await openItems(1);
    await markReturned(database, item as string, 'hand');
    // The insurer briefly withdrew the item, then put it back on the list.
    await t.db.query('update recall_items set withdrawn = true where id = $1', [item]);
    await sync();
    const entry = (await rejectedChanges(database)).find((e) => e.itemId === item);
    expect(entry?.reason).toBe('item_withdrawn');
    await t.db.query(`update recall_items set withdrawn = false, version = nextval('change_version') where id = $1`, [
      item,
    ]);
    await retryChange(database, entry?.seq as number);
    expect(await sync()).toMatchObject({ ok: true });
    expect((await database.outbox.toArray()).map((e) => [e.status, e.reason])).toEqual([
      ['rejected', 'validation_failed'],
    ]);
    const { items } = await t.pullAll(token);
    expect(items.find((i) => i.id === item)?.status).toBe('returned');
  });
});
