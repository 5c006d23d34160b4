import type { TokenUse } from '../api/client';
import type { SignInResponse } from '../api/schemas';
import { getMeta, type RecallDb, type Session, setMeta } from './db';
import { openField, sealField } from './field-encryption';
import { noteServerOfficeProfile } from './office-profile';

/**
 * The office's two tokens on the tablet (docs/security.md, "Stolen token"). The push token stays in
 * clear in meta `session`: the service worker and a locked tab push the outbox with it, and the
 * server refuses it for anything that reads. The full token is stored only sealed under the data key
 * (like personal fields, ADR 008) and is read back only while that key is in memory. Between sign-in
 * and the passcode there is no data key yet, so it lives in this tab's memory only.
 */
const inMemory = new WeakMap<RecallDb, { pushToken: string; token: string }>();

// Bound to the meta record `session` and this field: a sealed token copied elsewhere does not open.
const SEALED_AT = { table: 'meta', field: 'token', key: 'session' } as const;

const seal = (database: RecallDb, token: string) =>
  sealField(database.dataKey.use(), SEALED_AT.table, SEALED_AT.field, SEALED_AT.key, token);

/** Keeps a sign-in: the push token in clear, the full token sealed (unlocked) or in memory (no key yet). */
export async function keepSignIn(database: RecallDb, response: SignInResponse): Promise<void> {
  const { token, officeProfile, ...clear } = response;
  inMemory.set(database, { pushToken: clear.pushToken, token });
  const session: Session = database.dataKey.loaded ? { ...clear, sealedToken: seal(database, token) } : clear;
  await setMeta('session', session, database);
  // The profile the forms print (docs/decisions/024); kept apart from the session, which the pull never rewrites.
  if (officeProfile) await noteServerOfficeProfile(database, clear.office.id, officeProfile);
}

/**
 * Seals the full token this tab holds in memory, once the data key is loaded (passcode set, or
 * unlocked after a sign-in made while locked). Runs inside the caller's transaction when there is one.
 */
export async function sealTokenInMemory(database: RecallDb): Promise<void> {
  const held = inMemory.get(database);
  if (!held || !database.dataKey.loaded) return;
  await database.transaction('rw', database.meta, async () => {
    const session = await getMeta('session', database);
    // Another tab signed in since: this token belongs to a session the tablet no longer keeps.
    if (session?.pushToken !== held.pushToken || session.sealedToken) return;
    await setMeta('session', { ...session, sealedToken: seal(database, held.token) }, database);
  });
}

/** Locking and wiping drop the full token from this tab's memory. */
export function forgetToken(database: RecallDb): void {
  inMemory.delete(database);
}

function fullToken(database: RecallDb, session: Session): string | null {
  // Kept in clear by versions before push tokens: used as before until the next sign-in.
  if (session.token) return session.token;
  const held = inMemory.get(database);
  if (held && held.pushToken === session.pushToken) return held.token;
  if (!session.sealedToken || !database.dataKey.loaded) return null;
  try {
    const token = openField(
      database.dataKey.use(),
      SEALED_AT.table,
      SEALED_AT.field,
      SEALED_AT.key,
      session.sealedToken,
    );
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

/**
 * The token for a request: the full token whenever this tab has it, else (to push or sign out) the
 * push token. Reading with only the push token gives null: such a request is never sent.
 */
export async function tokenFor(database: RecallDb, use: TokenUse): Promise<string | null> {
  const session = await getMeta('session', database);
  if (!session) return null;
  return fullToken(database, session) ?? (use === 'push' ? (session.pushToken ?? null) : null);
}

/**
 * Signed in, but the full token is gone for good: the tab was reloaded after sign-in and before it
 * could seal the token (before the passcode was set). The push token cannot read, so the clerk signs in again.
 */
export function mustSignInAgain(database: RecallDb, session: Session): boolean {
  if (session.token || session.sealedToken) return false;
  return inMemory.get(database)?.pushToken !== session.pushToken;
}
