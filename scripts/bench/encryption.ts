import { gcm } from '@noble/ciphers/aes.js';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import type { Person } from '../../src/api/schemas';
import { createAesGcm } from '../../src/db/aes-gcm-keyed';
import { openField, sealField } from '../../src/db/field-encryption';
import { PBKDF2_ITERATIONS } from '../../src/db/vault';

/**
 * The cost of encryption at rest (docs/decisions/008): sealing and opening the `person` field of
 * 10,000 items with the synchronous keyed AES-256-GCM the Dexie middleware uses (beside noble's
 * `gcm`, which rebuilds the key schedule and GHASH table per call), and one PBKDF2-SHA256
 * derivation at the stored iteration count (the wait on every unlock). Node's V8, like Chromium's.
 */
export const title = 'Encryption at rest: 10,000 person fields, PBKDF2 unlock';

const ITEMS = 10_000;
const ROUNDS = 5;

function person(index: number): Person {
  return {
    name: `髙橋 一郎${index}`,
    kana: 'タカハシ イチロウ',
    birthDate: '1985-06-15',
    sex: 'male',
    symbol: '1201',
    number: String(1000 + index),
    branch: '00',
    insuredName: `髙橋 一郎${index}`,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function run(): Promise<string> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const people = Array.from({ length: ITEMS }, (_, index) => person(index));
  // Once per unlock: key schedule, H and the 64 KiB GHASH table.
  const build: number[] = [];
  for (let round = 0; round < 51; round++) {
    const started = performance.now();
    createAesGcm(key.slice()).clear();
    if (round > 0) build.push(performance.now() - started);
  }
  const cipher = createAesGcm(key.slice());
  const seal: number[] = [];
  const open: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS + 1; round++) {
    let started = performance.now();
    const sealed = people.map((p, index) => sealField(cipher, 'items', 'person', `item-${index}`, p));
    const sealMs = performance.now() - started;
    started = performance.now();
    for (let index = 0; index < ITEMS; index++)
      openField(cipher, 'items', 'person', `item-${index}`, sealed[index] as ReturnType<typeof sealField>);
    const openMs = performance.now() - started;
    bytes = sealed.reduce((sum, s) => sum + s.sealed.byteLength, 0);
    // The first round warms the JIT up and is not counted.
    if (round > 0) {
      seal.push(sealMs);
      open.push(openMs);
    }
  }
  // What the middleware did before: noble's `gcm`, which derives everything from the key per call.
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    const started = performance.now();
    people.forEach((p, index) => {
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const aad = new TextEncoder().encode(`recall/items/person/${JSON.stringify(`item-${index}`)}`);
      const sealed = gcm(key, nonce, aad).encrypt(new TextEncoder().encode(JSON.stringify(p)));
      JSON.parse(new TextDecoder().decode(gcm(key, nonce, aad).decrypt(sealed)));
    });
    if (round > 0) perCall.push(performance.now() - started);
  }
  // For comparison only: the same fields with XChaCha20-Poly1305 from the same library, which has
  // no per-nonce key schedule or GHASH table to build (docs/decisions/008).
  const chacha: number[] = [];
  const aad = new TextEncoder().encode('recall/items/person/"item-1"');
  for (let round = 0; round < ROUNDS + 1; round++) {
    const started = performance.now();
    for (const p of people) {
      const nonce = crypto.getRandomValues(new Uint8Array(24));
      const cipher = xchacha20poly1305(key, nonce, aad);
      cipher.decrypt(cipher.encrypt(new TextEncoder().encode(JSON.stringify(p))));
    }
    if (round > 0) chacha.push(performance.now() - started);
  }
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode('246810'), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const derive: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    await crypto.subtle.deriveBits(
      {
        name: 'PBKDF2',
        hash: 'SHA-256',
        salt: crypto.getRandomValues(new Uint8Array(16)),
        iterations: PBKDF2_ITERATIONS,
      },
      material,
      256,
    );
    derive.push(performance.now() - started);
  }
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  const perItem = (ms: number) => `${((ms / ITEMS) * 1000).toFixed(1)} µs`;
  return [
    '| measure | median |',
    '| --- | --- |',
    `| encrypt ${ITEMS.toLocaleString('en')} person fields (JSON + keyed AES-256-GCM, src/db/aes-gcm-keyed.ts) | ${fmt(median(seal))} |`,
    `| decrypt ${ITEMS.toLocaleString('en')} person fields | ${fmt(median(open))} |`,
    `| per item, encrypt + decrypt (keyed) | ${perItem(median(seal) + median(open))} |`,
    `| per item, encrypt + decrypt with @noble/ciphers \`gcm\` per call (before) | ${perItem(median(perCall))} |`,
    `| building the keyed cipher (once per unlock) | ${(median(build) * 1000).toFixed(0)} µs |`,
    `| for comparison: encrypt + decrypt ${ITEMS.toLocaleString('en')} with XChaCha20-Poly1305 (not used) | ${fmt(median(chacha))} |`,
    `| stored size of the encrypted fields | ${(bytes / ITEMS).toFixed(0)} bytes per item |`,
    `| PBKDF2-SHA256, ${PBKDF2_ITERATIONS.toLocaleString('en')} iterations (each unlock) | ${fmt(median(derive))} |`,
    '',
    `Medians of ${ROUNDS} rounds (encryption), 50 cipher builds and 3 derivations, after one warm-up round.`,
  ].join('\n');
}
