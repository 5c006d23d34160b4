import { getMeta, type RecallDb, setMeta, type VaultRecord } from './db';
import { ENCRYPTED_FIELDS } from './field-encryption';
import { forgetToken, sealTokenInMemory } from './session-token';

/** The field cipher's code loads with the first unlock, not with the app (the sign-in page needs none). */
const loadCipher = () => import('./aes-gcm-keyed').then((module) => module.createAesGcm);

/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); fewer is refused. */
export const PBKDF2_ITERATIONS = 600_000;
export const PASSCODE_MIN_DIGITS = 6;
export const PASSCODE_MAX_DIGITS = 32;
/** After this many wrong passcodes in a row the lock screen points to 「パスコードを忘れた」. */
export const SUGGEST_FORGOT_AFTER = 5;

const WRAP_CONTEXT = new TextEncoder().encode('recall/vault/v1');

export function isValidPasscode(passcode: string): boolean {
  return new RegExp(`^\\d{${PASSCODE_MIN_DIGITS},${PASSCODE_MAX_DIGITS}}$`).test(passcode);
}

/** Wait after the n-th wrong passcode in a row: 2 s, 4 s, 8 s … up to 15 minutes. */
export function unlockDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(15 * 60_000, 2_000 * 2 ** (failures - 1));
}

async function wrappingKey(passcode: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passcode), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Tables of this database that hold encrypted fields. */
function encryptedTables(database: RecallDb) {
  return database.tables.filter((table) => ENCRYPTED_FIELDS[table.name]?.length);
}

export function hasVault(database: RecallDb): Promise<boolean> {
  return getMeta('vault', database).then(Boolean);
}

/**
 * Sets the passcode: a random data key, wrapped under a key derived from the passcode, and loaded.
 * Records stored before encryption existed (a tablet upgraded from an older version) are encrypted
 * in place in the same transaction as the vault is stored: all or nothing.
 */
export async function createVault(database: RecallDb, passcode: string, iterations = PBKDF2_ITERATIONS) {
  if (!isValidPasscode(passcode)) throw new Error('passcode must be 6 to 32 digits');
  if (iterations < PBKDF2_ITERATIONS) throw new Error(`at least ${PBKDF2_ITERATIONS} iterations`);
  if (await hasVault(database)) throw new Error('a passcode is already set');
  const dataKey = crypto.getRandomValues(new Uint8Array(32));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapping = await wrappingKey(passcode, salt, iterations);
  const wrappedKey = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: WRAP_CONTEXT }, wrapping, dataKey),
  );
  const record: VaultRecord = { version: 1, salt, iterations, iv, wrappedKey };
  database.dataKey.set(dataKey, await loadCipher());
  try {
    const tables = encryptedTables(database);
    await database.transaction('rw', [...tables, database.meta], async () => {
      // Read back and written again: the middleware encrypts what was plaintext.
      for (const table of tables) await table.bulkPut(await table.toArray());
      await setMeta('vault', record, database);
      await setMeta('unlockFailures', { count: 0, retryAt: 0 }, database);
      // The full token of the sign-in just made leaves memory-only for its sealed place, in the same commit.
      await sealTokenInMemory(database);
    });
  } catch (error) {
    database.dataKey.clear();
    throw error;
  }
}

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong' | 'wait'; failures: number; retryAt: number }
  | { ok: false; reason: 'no_vault' };

/**
 * Tries a passcode. A wrong one is counted and the next try is refused until an increasing delay
 * has passed; the count is stored, so a reload does not reset it.
 */
export async function unlockVault(database: RecallDb, passcode: string, now = Date.now()): Promise<UnlockResult> {
  const vault = await getMeta('vault', database);
  if (!vault) return { ok: false, reason: 'no_vault' };
  const failures = (await getMeta('unlockFailures', database)) ?? { count: 0, retryAt: 0 };
  if (now < failures.retryAt) return { ok: false, reason: 'wait', failures: failures.count, retryAt: failures.retryAt };
  let dataKey: Uint8Array;
  try {
    const wrapping = await wrappingKey(passcode, vault.salt, vault.iterations);
    dataKey = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: vault.iv as BufferSource, additionalData: WRAP_CONTEXT },
        wrapping,
        vault.wrappedKey as BufferSource,
      ),
    );
  } catch {
    const count = failures.count + 1;
    const retryAt = now + unlockDelayMs(count);
    await setMeta('unlockFailures', { count, retryAt }, database);
    return { ok: false, reason: 'wrong', failures: count, retryAt };
  }
  await setMeta('unlockFailures', { count: 0, retryAt: 0 }, database);
  database.dataKey.set(dataKey, await loadCipher());
  // A sign-in made while locked (its full token only in memory) is sealed now.
  await sealTokenInMemory(database);
  return { ok: true };
}

/**
 * Forgets the data key and the full token: personal fields cannot be read or written, nor pulled,
 * until the next unlock (the push token still sends the outbox).
 */
export function lockVault(database: RecallDb): void {
  forgetToken(database);
  database.dataKey.clear();
}
