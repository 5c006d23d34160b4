import { unsafe } from '@noble/ciphers/aes.js';
import { equalBytes } from '@noble/ciphers/utils.js';

/** AES-256-GCM (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag appended to the ciphertext. */
export type AesGcm = {
  encrypt(nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Verifies the tag before any plaintext is produced; throws on any mismatch. */
  decrypt(nonce: Uint8Array, ciphertextWithTag: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Overwrites the key schedule and the GHASH table; the object is unusable afterwards. */
  clear(): void;
};

const TAG_LENGTH = 16;
const NONCE_LENGTH = 12;
// GHASH's reduction constant R = 11100001 || 0^120, as the top word of a big-endian block.
const R_HIGH_WORD = 0xe1000000;

/**
 * Standard AES-256-GCM that computes everything depending only on the key once: the AES key
 * schedule, H = E_K(0^128) and an 8-bit GHASH table of H. `gcm()` from @noble/ciphers rebuilds all
 * three for every message, which dominates for the ~200-byte fields sealed at rest
 * (docs/decisions/008). AES itself and CTR are noble's (`unsafe.expandKeyLE`, `encryptBlock`,
 * `ctr32`); only GHASH is ours, because noble's GHASH object cannot be reset for a new message.
 *
 * Timing: AES and GHASH here are table lookups indexed by secret-dependent values, exactly as in
 * noble's own `gcm` (and any table-based JS AES), so a co-resident attacker measuring cache timing
 * could in principle learn something. On a single-user tablet that risk is accepted; the tag
 * comparison itself is constant time (noble's `equalBytes`).
 */
export function createAesGcm(key: Uint8Array): AesGcm {
  if (key.length !== 32) throw new Error('aes-gcm: the key must be 256 bits');
  const roundKeys = unsafe.expandKeyLE(key);
  const table = ghashTable(unsafe.encryptBlock(roundKeys, new Uint8Array(16)));
  let cleared = false;

  // Counter block J0 = nonce || 0^31 || 1; returns E_K(J0) (the tag mask) and leaves the counter
  // at inc32(J0), where the payload's keystream starts.
  function start(nonce: Uint8Array) {
    if (cleared) throw new Error('aes-gcm: the key was cleared');
    if (nonce.length !== NONCE_LENGTH) throw new Error('aes-gcm: the nonce must be 96 bits');
    const counter = new Uint8Array(16);
    counter.set(nonce);
    counter[15] = 1;
    const tagMask = unsafe.ctr32(roundKeys, false, counter, new Uint8Array(16));
    return { counter, tagMask };
  }

  // S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64), then T = E_K(J0) xor S.
  function tagOf(aad: Uint8Array, ciphertext: Uint8Array, tagMask: Uint8Array, out: Uint8Array) {
    const y = new Uint32Array(4);
    ghashUpdate(table, y, aad);
    ghashUpdate(table, y, ciphertext);
    absorb(
      table,
      y,
      Math.floor(aad.length / 0x20000000),
      (aad.length * 8) >>> 0,
      Math.floor(ciphertext.length / 0x20000000),
      (ciphertext.length * 8) >>> 0,
    );
    for (let i = 0; i < TAG_LENGTH; i++)
      out[i] = ((y[i >> 2] as number) >>> (24 - 8 * (i & 3))) ^ (tagMask[i] as number);
    y.fill(0);
  }

  return {
    encrypt(nonce, plaintext, aad) {
      const { counter, tagMask } = start(nonce);
      const out = new Uint8Array(plaintext.length + TAG_LENGTH);
      const ciphertext = out.subarray(0, plaintext.length);
      unsafe.ctr32(roundKeys, false, counter, aligned(plaintext), ciphertext);
      tagOf(aad, ciphertext, tagMask, out.subarray(plaintext.length));
      counter.fill(0);
      tagMask.fill(0);
      return out;
    },
    decrypt(nonce, ciphertextWithTag, aad) {
      if (ciphertextWithTag.length < TAG_LENGTH) throw new Error('aes-gcm: ciphertext shorter than its tag');
      const { counter, tagMask } = start(nonce);
      const ciphertext = ciphertextWithTag.subarray(0, ciphertextWithTag.length - TAG_LENGTH);
      const expected = new Uint8Array(TAG_LENGTH);
      tagOf(aad, ciphertext, tagMask, expected);
      const valid = equalBytes(expected, ciphertextWithTag.subarray(ciphertext.length));
      expected.fill(0);
      tagMask.fill(0);
      if (!valid) {
        counter.fill(0);
        throw new Error('aes-gcm: invalid tag');
      }
      const plaintext = unsafe.ctr32(roundKeys, false, counter, aligned(ciphertext));
      counter.fill(0);
      return plaintext;
    },
    clear() {
      cleared = true;
      roundKeys.fill(0);
      table.fill(0);
    },
  };
}

// noble's CTR reads its input through a Uint32Array view, which needs a 4-byte-aligned offset.
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
}

/**
 * Blocks are four big-endian words; bit i of the block (MSB of byte 0 first) is the coefficient of
 * x^i (SP 800-38D §6.3). Multiplying by H is linear, so H·X is the xor over the 16 bytes of X of
 * H·(that byte at its position): table[(position * 256 + byte) * 4 + word]. 64 KiB per key.
 */
function ghashTable(h: Uint8Array): Uint32Array {
  // powers[i] = H·x^i, i = 0..127.
  const powers = new Uint32Array(128 * 4);
  let v0 = readWord(h, 0);
  let v1 = readWord(h, 4);
  let v2 = readWord(h, 8);
  let v3 = readWord(h, 12);
  h.fill(0);
  for (let i = 0; i < 128; i++) {
    powers.set([v0, v1, v2, v3], i * 4);
    const carry = v3 & 1;
    v3 = (v3 >>> 1) | (v2 << 31);
    v2 = (v2 >>> 1) | (v1 << 31);
    v1 = (v1 >>> 1) | (v0 << 31);
    v0 = (v0 >>> 1) ^ (R_HIGH_WORD & -carry);
  }
  const table = new Uint32Array(16 * 256 * 4);
  for (let position = 0; position < 16; position++) {
    for (let byte = 1; byte < 256; byte++) {
      // The byte's lowest set bit is its highest power of x: bit 0x80 is x^(8·position).
      const lowest = byte & -byte;
      const power = (position * 8 + Math.clz32(lowest) - 24) * 4;
      const rest = ((position << 8) | (byte & (byte - 1))) << 2;
      const at = ((position << 8) | byte) << 2;
      for (let w = 0; w < 4; w++) table[at + w] = (table[rest + w] as number) ^ (powers[power + w] as number);
    }
  }
  powers.fill(0);
  return table;
}

function readWord(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] as number) << 24) |
      ((bytes[at + 1] as number) << 16) |
      ((bytes[at + 2] as number) << 8) |
      (bytes[at + 3] as number)) >>>
    0
  );
}

/** y = (y xor block)·H in place, the block given as four big-endian words. */
function absorb(table: Uint32Array, y: Uint32Array, b0: number, b1: number, b2: number, b3: number): void {
  y[0] = (y[0] as number) ^ b0;
  y[1] = (y[1] as number) ^ b1;
  y[2] = (y[2] as number) ^ b2;
  y[3] = (y[3] as number) ^ b3;
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  for (let w = 0; w < 4; w++) {
    const word = y[w] as number;
    for (let shift = 24, position = w * 4; shift >= 0; shift -= 8, position++) {
      const at = ((position << 8) | ((word >>> shift) & 0xff)) << 2;
      z0 ^= table[at] as number;
      z1 ^= table[at + 1] as number;
      z2 ^= table[at + 2] as number;
      z3 ^= table[at + 3] as number;
    }
  }
  y[0] = z0;
  y[1] = z1;
  y[2] = z2;
  y[3] = z3;
}

/** Absorbs data into y, zero-padded to whole blocks (each of AAD and ciphertext is padded). */
function ghashUpdate(table: Uint32Array, y: Uint32Array, data: Uint8Array): void {
  const whole = data.length - (data.length % 16);
  for (let at = 0; at < whole; at += 16)
    absorb(table, y, readWord(data, at), readWord(data, at + 4), readWord(data, at + 8), readWord(data, at + 12));
  if (whole === data.length) return;
  const last = new Uint8Array(16);
  last.set(data.subarray(whole));
  absorb(table, y, readWord(last, 0), readWord(last, 4), readWord(last, 8), readWord(last, 12));
  last.fill(0);
}
