import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAesGcm } from './aes-gcm-keyed';

const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", test cases 13–16 (AES-256, 96-bit IV).
const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const C15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';
const vectors = [
  { name: '13', key: '00'.repeat(32), iv: '00'.repeat(12), p: '', a: '', c: '', t: '530f8afbc74536b9a963b4f1c4cb738b' },
  {
    name: '14',
    key: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '00'.repeat(16),
    a: '',
    c: 'cea7403d4d606b6e074ec5d3baf39d18',
    t: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: '15',
    key: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P15,
    a: '',
    c: C15,
    t: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    name: '16',
    key: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P15.slice(0, 120),
    a: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    c: C15.slice(0, 120),
    t: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

async function webCryptoKey(key: Uint8Array) {
  return crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[bit >> 3] = (copy[bit >> 3] as number) ^ (1 << (bit & 7));
  return copy;
}

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonce = fc.uint8Array({ minLength: 12, maxLength: 12 });
const aad = fc.uint8Array({ maxLength: 100 });
const plaintext = fc.uint8Array({ maxLength: 2000 });

describe('keyed AES-256-GCM', () => {
  it.each(vectors)('matches the GCM specification, test case $name', ({ key, iv, p, a, c, t }) => {
    const cipher = createAesGcm(hex(key));
    expect(toHex(cipher.encrypt(hex(iv), hex(p), hex(a)))).toBe(c + t);
    expect(toHex(cipher.decrypt(hex(iv), hex(c + t), hex(a)))).toBe(p);
  });

  it('interoperates with WebCrypto both ways', async () => {
    await fc.assert(
      fc.asyncProperty(key, nonce, aad, plaintext, async (k, iv, additionalData, message) => {
        const ours = createAesGcm(k.slice());
        const theirs = await webCryptoKey(k);
        const params = { name: 'AES-GCM', iv: iv as BufferSource, additionalData: additionalData as BufferSource };
        const sealed = ours.encrypt(iv, message, additionalData);
        expect(new Uint8Array(await crypto.subtle.decrypt(params, theirs, sealed as BufferSource))).toEqual(message);
        const sealedByWebCrypto = new Uint8Array(await crypto.subtle.encrypt(params, theirs, message as BufferSource));
        expect(sealedByWebCrypto).toEqual(sealed);
        expect(ours.decrypt(iv, sealedByWebCrypto, additionalData)).toEqual(message);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses any flipped bit in ciphertext, tag, nonce or associated data', () => {
    fc.assert(
      fc.property(
        key,
        nonce,
        aad,
        plaintext,
        fc.constantFrom('sealed', 'nonce', 'aad'),
        fc.nat(),
        (k, iv, additionalData, message, part, bit) => {
          const cipher = createAesGcm(k.slice());
          const sealed = cipher.encrypt(iv, message, additionalData);
          const target = part === 'aad' && additionalData.length === 0 ? 'sealed' : part;
          const at = (bytes: Uint8Array) => bit % (bytes.length * 8);
          if (target === 'sealed')
            expect(() => cipher.decrypt(iv, flipBit(sealed, at(sealed)), additionalData)).toThrow();
          if (target === 'nonce') expect(() => cipher.decrypt(flipBit(iv, at(iv)), sealed, additionalData)).toThrow();
          if (target === 'aad')
            expect(() => cipher.decrypt(iv, sealed, flipBit(additionalData, at(additionalData)))).toThrow();
          expect(cipher.decrypt(iv, sealed, additionalData)).toEqual(message);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a truncated ciphertext and a wrong nonce length', () => {
    const cipher = createAesGcm(new Uint8Array(32));
    const sealed = cipher.encrypt(new Uint8Array(12), new Uint8Array(40), new Uint8Array());
    expect(() => cipher.decrypt(new Uint8Array(12), sealed.subarray(0, 15), new Uint8Array())).toThrow();
    expect(() => cipher.decrypt(new Uint8Array(12), sealed.subarray(0, sealed.length - 1), new Uint8Array())).toThrow();
    expect(() => cipher.encrypt(new Uint8Array(16), new Uint8Array(1), new Uint8Array())).toThrow('96 bits');
  });

  it('reads unaligned inputs as they are', () => {
    const k = crypto.getRandomValues(new Uint8Array(32));
    const cipher = createAesGcm(k);
    const buffer = crypto.getRandomValues(new Uint8Array(301));
    const message = buffer.subarray(1, 200);
    const sealed = cipher.encrypt(buffer.subarray(200, 212), message, buffer.subarray(213, 230));
    const shifted = new Uint8Array(sealed.length + 3);
    shifted.set(sealed, 3);
    expect(cipher.decrypt(buffer.subarray(200, 212), shifted.subarray(3), buffer.subarray(213, 230))).toEqual(message);
  });

  it('is unusable once cleared', () => {
    const cipher = createAesGcm(crypto.getRandomValues(new Uint8Array(32)));
    const sealed = cipher.encrypt(new Uint8Array(12), new Uint8Array(5), new Uint8Array());
    cipher.clear();
    expect(() => cipher.decrypt(new Uint8Array(12), sealed, new Uint8Array())).toThrow('cleared');
    expect(() => cipher.encrypt(new Uint8Array(12), new Uint8Array(5), new Uint8Array())).toThrow('cleared');
  });

  it('accepts only 256-bit keys', () => {
    expect(() => createAesGcm(new Uint8Array(16))).toThrow('256 bits');
  });
});
