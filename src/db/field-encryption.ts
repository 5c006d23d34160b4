import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import type { AesGcm } from './aes-gcm-keyed';

/**
 * The fields that hold personal data, per table; they are never indexed (docs/decisions/005) and are
 * stored only as AES-GCM ciphertext (docs/decisions/008). Tables missing from the schema are skipped.
 * A field's value must be JSON (it is serialised before encryption).
 */
export const ENCRYPTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  items: ['person'],
  reports: ['rows'],
  memberContacts: ['contact'],
};

/** A field at rest: 12-byte nonce followed by ciphertext and tag; `bound` = tied to the record's key. */
export type SealedField = { sealed: Uint8Array; bound: boolean };

/** Personal data was read or written while the tablet is locked (no data key in memory). */
export class VaultLockedError extends Error {
  constructor() {
    super('the data key is not loaded');
    this.name = 'VaultLockedError';
  }
}

/**
 * The data key, held only in this object's memory while the tablet is unlocked: never stored,
 * never posted to the service worker. It is kept as a keyed AES-GCM (key schedule and GHASH table
 * built once per unlock, not per field); `set` takes the raw bytes and overwrites them, `clear`
 * overwrites the key material. The cipher's code is passed in rather than imported, so that it loads
 * with the first unlock (vault.ts) and not in the first-load bundle the sign-in page needs.
 */
export class DataKey {
  #cipher: AesGcm | null = null;
  #sealingKey: Promise<CryptoKey> | null = null;
  readonly #listeners = new Set<() => void>();

  get loaded(): boolean {
    return this.#cipher !== null;
  }

  set(key: Uint8Array, createCipher: (key: Uint8Array) => AesGcm): void {
    if (key.length !== 32) throw new Error('the data key must be 256 bits');
    this.#cipher?.clear();
    this.#cipher = createCipher(key);
    // importKey copies the bytes before it returns, so they can be overwritten right after.
    this.#sealingKey = crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['encrypt']);
    // A refusal surfaces to whoever asks for the sealing key; it must not be an unhandled rejection here.
    this.#sealingKey.catch(() => {});
    key.fill(0);
    this.#notify();
  }

  clear(): void {
    if (!this.#cipher) return;
    this.#cipher.clear();
    this.#cipher = null;
    this.#sealingKey = null;
    this.#notify();
  }

  /**
   * The same key as a non-extractable WebCrypto key, encrypt only: it can be posted to a dedicated
   * worker that seals records off the main thread (the import worker), and its bytes can be read by
   * no one, that worker included. Never posted to the service worker (docs/decisions/008).
   */
  sealingKey(): Promise<CryptoKey> {
    if (!this.#sealingKey) return Promise.reject(new VaultLockedError());
    return this.#sealingKey;
  }

  /** The keyed cipher, or VaultLockedError: callers never see a half-working state. */
  use(): AesGcm {
    if (!this.#cipher) throw new VaultLockedError();
    return this.#cipher;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function isSealed(value: unknown): value is SealedField {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sealed' in value &&
    ArrayBuffer.isView((value as SealedField).sealed)
  );
}

// Table, field and primary key are the associated data: a ciphertext copied onto another record or
// field does not decrypt.
function associatedData(table: string, field: string, primaryKey: unknown, bound: boolean): Uint8Array {
  return encoder.encode(`recall/${table}/${field}/${bound ? JSON.stringify(primaryKey) : ''}`);
}

export function sealField(cipher: AesGcm, table: string, field: string, primaryKey: unknown, value: unknown) {
  const bound = primaryKey !== undefined;
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = cipher.encrypt(
    nonce,
    encoder.encode(JSON.stringify(value)),
    associatedData(table, field, primaryKey, bound),
  );
  const sealed = new Uint8Array(nonce.length + ciphertext.length);
  sealed.set(nonce);
  sealed.set(ciphertext, nonce.length);
  return { sealed, bound } satisfies SealedField;
}

/**
 * sealField with a WebCrypto key (DataKey.sealingKey), for workers: the same format (nonce, then
 * ciphertext and 128-bit tag) and associated data, so the middleware's cipher opens it.
 */
export async function sealFieldWith(key: CryptoKey, table: string, field: string, primaryKey: unknown, value: unknown) {
  const bound = primaryKey !== undefined;
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: associatedData(table, field, primaryKey, bound) as BufferSource },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  const sealed = new Uint8Array(nonce.length + ciphertext.byteLength);
  sealed.set(nonce);
  sealed.set(new Uint8Array(ciphertext), nonce.length);
  return { sealed, bound } satisfies SealedField;
}

/** Throws when the key is wrong or the ciphertext was altered or moved to another record. */
export function openField(cipher: AesGcm, table: string, field: string, primaryKey: unknown, at: SealedField) {
  const bytes = new Uint8Array(at.sealed.buffer, at.sealed.byteOffset, at.sealed.byteLength);
  const plain = cipher.decrypt(
    bytes.subarray(0, 12),
    bytes.subarray(12),
    associatedData(table, field, primaryKey, at.bound),
  );
  return JSON.parse(decoder.decode(plain)) as unknown;
}

type Row = Record<string, unknown>;

/**
 * A DBCore middleware (the lowest layer, right above IndexedDB) that encrypts the configured fields
 * on every write and decrypts them on every read, so no reader or writer of the app knows about it.
 * It is synchronous (noble's AES, keyed in aes-gcm-keyed.ts): awaiting WebCrypto inside an
 * IndexedDB transaction would let the transaction commit early. Without the key, writes and reads
 * of those fields throw VaultLockedError; values stored before encryption existed read as they are.
 */
export function fieldEncryption(
  dataKey: DataKey,
  fields: Readonly<Record<string, readonly string[]>> = ENCRYPTED_FIELDS,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'FieldEncryption',
    level: -10,
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        const names = fields[name];
        if (!names || names.length === 0) return table;
        const { extractKey } = table.schema.primaryKey;
        // Only inbound keys are known both when writing and when reading; an auto-incremented key
        // is not known before the write, so such a field is tied to its table and field only.
        const keyOf = (row: Row) => (extractKey ? extractKey(row) : undefined);

        const encrypt = (value: unknown): unknown => {
          if (typeof value !== 'object' || value === null) return value;
          const row = value as Row;
          let copy: Row | null = null;
          for (const field of names) {
            const plain = row[field];
            if (plain === undefined || isSealed(plain)) continue;
            copy ??= { ...row };
            copy[field] = sealField(dataKey.use(), name, field, keyOf(row), plain);
          }
          return copy ?? value;
        };
        const decrypt = (value: unknown): unknown => {
          if (typeof value !== 'object' || value === null) return value;
          const row = value as Row;
          let copy: Row | null = null;
          for (const field of names) {
            const stored = row[field];
            if (!isSealed(stored)) continue;
            copy ??= { ...row };
            copy[field] = openField(dataKey.use(), name, field, stored.bound ? keyOf(row) : undefined, stored);
          }
          return copy ?? value;
        };
        const decryptingCursor = (cursor: DBCoreCursor): DBCoreCursor =>
          Object.create(cursor, {
            key: { get: () => cursor.key },
            primaryKey: { get: () => cursor.primaryKey },
            value: { get: () => decrypt(cursor.value) },
          });

        return {
          ...table,
          mutate: (req) =>
            req.type === 'add' || req.type === 'put'
              ? table.mutate({ ...req, values: req.values.map(encrypt) })
              : table.mutate(req),
          // .then on Dexie's own promises, not async/await: Dexie's zone (the running transaction)
          // must follow the result to the caller.
          get: (req) => table.get(req).then(decrypt),
          getMany: (req) => table.getMany(req).then((values) => values.map(decrypt)),
          query: (req) =>
            table
              .query(req)
              .then((response) => (req.values ? { ...response, result: response.result.map(decrypt) } : response)),
          openCursor: (req) => table.openCursor(req).then((cursor) => cursor && decryptingCursor(cursor)),
        };
      },
    }),
  };
}
