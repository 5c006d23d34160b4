import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt with Node's defaults (N=16384, r=8, p=1): about 50 ms per check, fine for sign-in. */
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** "salt:hash" in hex, the format of offices.access_code_hash. */
export async function hashAccessCode(accessCode: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(accessCode, salt);
  return `${salt.toString('hex')}:${hash.toString('hex')}`;
}

export async function verifyAccessCode(accessCode: string, stored: string): Promise<boolean> {
  const [saltHex, hashHex] = stored.split(':');
  if (!saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(accessCode, Buffer.from(saltHex, 'hex'));
  // Constant-time compare so the answer time does not leak how much of the hash matched.
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Burns the same scrypt work as a real check. Used when the office code is unknown, so that an
 * attacker cannot tell "no such office" from "wrong access code" by timing.
 */
const DUMMY_HASH = `${'00'.repeat(16)}:${'00'.repeat(KEY_LENGTH)}`;
export async function verifyAgainstNothing(accessCode: string): Promise<false> {
  await verifyAccessCode(accessCode, DUMMY_HASH);
  return false;
}

/** A bearer token: 32 random bytes, base64url. Only its sha256 is stored (sessions.token_hash). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
