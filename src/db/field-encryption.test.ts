import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { createAesGcm } from './aes-gcm-keyed';
import { DataKey, openField, sealField, sealFieldWith, VaultLockedError } from './field-encryption';

const person = { name: '髙橋 一郎', kana: 'タカハシ イチロウ', number: '1001' };
const aad = new TextEncoder().encode('recall/items/person/"item-1"');

describe('sealed fields', () => {
  it('open fields sealed by the previous per-call noble gcm, and noble opens new ones', () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const nonce = crypto.getRandomValues(new Uint8Array(12));
    const old = gcm(key, nonce, aad).encrypt(new TextEncoder().encode(JSON.stringify(person)));
    const sealed = new Uint8Array(12 + old.length);
    sealed.set(nonce);
    sealed.set(old, 12);
    const cipher = createAesGcm(key.slice());
    expect(openField(cipher, 'items', 'person', 'item-1', { sealed, bound: true })).toEqual(person);

    const fresh = sealField(cipher, 'items', 'person', 'item-1', person);
    const plain = gcm(key, fresh.sealed.subarray(0, 12), aad).decrypt(fresh.sealed.subarray(12));
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual(person);
    expect(() => openField(cipher, 'items', 'person', 'item-2', fresh)).toThrow();
  });
});

describe('DataKey', () => {
  it('overwrites the raw key it is given and is locked again after clear', () => {
    const dataKey = new DataKey();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const copy = raw.slice();
    dataKey.set(raw, createAesGcm);
    expect(raw.every((byte) => byte === 0)).toBe(true);
    const sealed = sealField(dataKey.use(), 'items', 'person', 'a', person);
    expect(openField(createAesGcm(copy), 'items', 'person', 'a', sealed)).toEqual(person);
    const cipher = dataKey.use();
    dataKey.clear();
    expect(dataKey.loaded).toBe(false);
    expect(() => dataKey.use()).toThrow(VaultLockedError);
    expect(() => openField(cipher, 'items', 'person', 'a', sealed)).toThrow('cleared');
  });
});

describe('sealing in a worker', () => {
  it('seals with the WebCrypto copy of the data key what the main-thread cipher opens, until the key is cleared', async () => {
    const dataKey = new DataKey();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const copy = raw.slice();
    dataKey.set(raw, createAesGcm);
    const key = await dataKey.sealingKey();
    expect(key.extractable).toBe(false);
    expect(key.usages).toEqual(['encrypt']);

    const sealed = await sealFieldWith(key, 'items', 'person', 'item-1', person);
    expect(sealed.bound).toBe(true);
    expect(openField(dataKey.use(), 'items', 'person', 'item-1', sealed)).toEqual(person);
    expect(openField(createAesGcm(copy), 'items', 'person', 'item-1', sealed)).toEqual(person);
    expect(() => openField(dataKey.use(), 'items', 'person', 'item-2', sealed)).toThrow();
    expect(() =>
      openField(createAesGcm(crypto.getRandomValues(new Uint8Array(32))), 'items', 'person', 'item-1', sealed),
    ).toThrow();

    dataKey.clear();
    await expect(dataKey.sealingKey()).rejects.toThrow(VaultLockedError);
  });
});
