import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRecords, textOf } from '../../tests/fixtures/raw-records';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { getMeta, RecallDb, setMeta } from './db';
import { isSealed, VaultLockedError } from './field-encryption';
import { recordChange, reopen } from './item-changes';
import { createVault, lockVault, PBKDF2_ITERATIONS, unlockDelayMs, unlockVault } from './vault';
import { wipeDevice } from './wipe';

const PASSCODE = '482913';
let name: string;
let database: RecallDb;

async function rawPut(dbName: string, store: string, value: unknown) {
  const idb = await new Promise<IDBDatabase>((resolve) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  idb.close();
}

const PERSONAL = ['髙橋', 'タカハシ', '1985-06-15', '5021', '9876'];
const takahashi = (id: string) =>
  sampleItem(id, {
    person: {
      name: '髙橋 一郎',
      kana: 'タカハシ イチロウ',
      birthDate: '1985-06-15',
      sex: 'male',
      symbol: '5021',
      number: '9876',
      branch: '00',
      insuredName: '髙橋 一郎',
    },
  });

beforeEach(() => {
  name = `vault-${crypto.randomUUID()}`;
  database = new RecallDb(name);
});
afterEach(() => database.delete());

describe('vault', () => {
  it('wraps a random data key under PBKDF2-SHA256 with at least 600,000 iterations', async () => {
    await expect(createVault(database, PASSCODE, 100_000)).rejects.toThrow('600000');
    await expect(createVault(database, '12345')).rejects.toThrow();
    await createVault(database, PASSCODE);
    const vault = await getMeta('vault', database);
    expect(vault?.iterations).toBeGreaterThanOrEqual(PBKDF2_ITERATIONS);
    expect(vault?.salt.byteLength).toBe(16);
    // 32-byte key + 16-byte tag: wrapped, not stored as it is.
    expect(vault?.wrappedKey.byteLength).toBe(48);
    expect(database.dataKey.loaded).toBe(true);
  });

  it('stores no plaintext personal data while every reader sees plaintext', async () => {
    await createVault(database, PASSCODE);
    await database.items.bulkPut([takahashi('a'), takahashi('b')]);
    await recordChange(database, {
      id: crypto.randomUUID(),
      type: 'item.returned',
      at: '2026-11-20T01:00:00.000Z',
      payload: { itemId: 'a', returnedAt: '2026-11-20T01:00:00.000Z', method: 'hand' },
    });
    await database.items.update('b', { dueDate: '2027-01-01' });

    const raw = await rawRecords(name);
    expect(raw.filter((r) => r.store === 'items')).toHaveLength(2);
    for (const record of raw) {
      const text = textOf(record.value);
      for (const plain of PERSONAL) expect(text, `${record.store} holds ${plain}`).not.toContain(plain);
    }
    const stored = raw.find((r) => r.store === 'items')?.value as { person: unknown };
    expect(isSealed(stored.person)).toBe(true);

    // get, bulkGet, an index query, a cursor (each) and toArray all decrypt.
    expect((await database.items.get('a'))?.person.name).toBe('髙橋 一郎');
    expect((await database.items.get('a'))?.status).toBe('returned');
    expect((await database.items.bulkGet(['a', 'b'])).map((i) => i?.person.kana)).toEqual([
      'タカハシ イチロウ',
      'タカハシ イチロウ',
    ]);
    expect((await database.items.where('listId').equals('list-1').toArray()).map((i) => i.person.number)).toEqual([
      '9876',
      '9876',
    ]);
    const seen: string[] = [];
    await database.items.each((item) => seen.push(item.person.birthDate));
    expect(seen).toEqual(['1985-06-15', '1985-06-15']);
    expect((await database.items.get('b'))?.dueDate).toBe('2027-01-01');
  });

  it('a ciphertext moved to another record does not decrypt', async () => {
    await createVault(database, PASSCODE);
    await database.items.bulkPut([takahashi('a'), sampleItem('b')]);
    const raw = await rawRecords(name);
    const a = raw.find((r) => r.store === 'items' && (r.value as { id: string }).id === 'a')?.value as object;
    const b = raw.find((r) => r.store === 'items' && (r.value as { id: string }).id === 'b')?.value as object;
    await rawPut(name, 'items', { ...b, person: (a as { person: unknown }).person });
    await expect(database.items.get('b')).rejects.toThrow();
    expect((await database.items.get('a'))?.person.name).toBe('髙橋 一郎');
  });

  it('while locked, personal data can be neither read nor written; the outbox still can', async () => {
    await createVault(database, PASSCODE);
    await database.items.put(takahashi('a'));
    await recordChange(database, {
      id: crypto.randomUUID(),
      type: 'item.returned',
      at: '2026-11-20T01:00:00.000Z',
      payload: { itemId: 'a', returnedAt: '2026-11-20T01:00:00.000Z', method: 'hand' },
    });
    lockVault(database);
    await expect(database.items.get('a')).rejects.toBeInstanceOf(VaultLockedError);
    await expect(database.items.put(takahashi('c'))).rejects.toBeInstanceOf(VaultLockedError);
    await expect(reopen(database, 'a')).rejects.toBeInstanceOf(VaultLockedError);
    expect(await database.outbox.count()).toBe(1);
    expect(await database.items.count()).toBe(1);
  });

  it('a wrong passcode does not unwrap the key, and the wait grows and survives a reload', async () => {
    await createVault(database, PASSCODE);
    await database.items.put(takahashi('a'));
    database.close();
    // A reload: a new instance, nothing in memory.
    let reopened = new RecallDb(name);
    await expect(reopened.items.get('a')).rejects.toBeInstanceOf(VaultLockedError);

    const now = Date.parse('2026-11-20T01:00:00.000Z');
    const first = await unlockVault(reopened, '000000', now);
    expect(first).toEqual({ ok: false, reason: 'wrong', failures: 1, retryAt: now + unlockDelayMs(1) });
    expect(reopened.dataKey.loaded).toBe(false);
    // The right passcode is refused too until the wait is over, even after a reload.
    reopened.close();
    reopened = new RecallDb(name);
    expect(await unlockVault(reopened, PASSCODE, now + 1_000)).toMatchObject({ ok: false, reason: 'wait' });
    const second = await unlockVault(reopened, '111111', now + unlockDelayMs(1));
    expect(second).toMatchObject({ ok: false, reason: 'wrong', failures: 2 });
    expect(unlockDelayMs(2)).toBeGreaterThan(unlockDelayMs(1));

    const later = now + unlockDelayMs(1) + unlockDelayMs(2);
    expect(await unlockVault(reopened, PASSCODE, later)).toEqual({ ok: true });
    expect((await reopened.items.get('a'))?.person.name).toBe('髙橋 一郎');
    expect(await getMeta('unlockFailures', reopened)).toEqual({ count: 0, retryAt: 0 });
    reopened.close();
  });

  it('encrypts in place the data of a tablet upgraded from a version without encryption', async () => {
    await database.open();
    const legacy = { ...takahashi('old') };
    await rawPut(name, 'items', legacy);
    expect(textOf((await rawRecords(name)).find((r) => r.store === 'items')?.value)).toContain('髙橋');

    await createVault(database, PASSCODE);
    const raw = await rawRecords(name);
    for (const record of raw) for (const plain of PERSONAL) expect(textOf(record.value)).not.toContain(plain);
    expect((await database.items.get('old'))?.person).toEqual(legacy.person);
  });

  it('wipe removes every record, the vault, the token and per-office settings', async () => {
    await setMeta(
      'session',
      {
        token: 'secret-token',
        expiresAt: '2099-01-01T00:00:00.000Z',
        office: { id: 'o', code: 'DEMO-1', name: '本社' },
        insurer: { name: 'x', number: '06135784', phone: '0', kind: 'kumiai' },
      },
      database,
    );
    await createVault(database, PASSCODE);
    await database.items.put(takahashi('a'));
    localStorage.setItem('notice-settings:o', '{"returnTo":"総務課"}');
    localStorage.setItem('ui-language', 'ja');

    await wipeDevice(database);
    expect(database.dataKey.loaded).toBe(false);
    expect(await rawRecords(name)).toEqual([]);
    expect(await getMeta('session', database)).toBeUndefined();
    expect(await getMeta('vault', database)).toBeUndefined();
    expect(localStorage.getItem('notice-settings:o')).toBeNull();
    expect(localStorage.getItem('ui-language')).toBe('ja');
  });
});
