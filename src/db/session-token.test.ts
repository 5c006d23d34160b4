import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawRecords, textOf } from '../../tests/fixtures/raw-records';
import type { SignInResponse } from '../api/schemas';
import { getMeta, RecallDb, setMeta } from './db';
import { isSealed } from './field-encryption';
import { keepSignIn, mustSignInAgain, tokenFor } from './session-token';
import { createVault, lockVault, unlockVault } from './vault';
import { wipeDevice } from './wipe';

const PASSCODE = '482913';
const FULL = 'FULL-token-0123456789abcdefghijklmnopqrstu';
const PUSH = 'PUSH-token-0123456789abcdefghijklmnopqrstu';
const SIGN_IN: SignInResponse = {
  token: FULL,
  pushToken: PUSH,
  expiresAt: '2099-01-01T00:00:00.000Z',
  office: { id: 'o', code: 'DEMO-1', name: '本社' },
  insurer: { name: '組合', number: '06135784', phone: '0', kind: 'kumiai' },
};

let name: string;
let database: RecallDb;
beforeEach(() => {
  name = `session-token-${crypto.randomUUID()}`;
  database = new RecallDb(name);
});
afterEach(() => database.delete());

/** Everything IndexedDB holds, binary fields decoded too, so a token cannot hide in a buffer. */
const storedText = async () => (await rawRecords(name)).map((record) => textOf(record.value)).join('\n');

/** The same database opened by a new page: what a reload or another tab starts from. */
const reopened = () => new RecallDb(name);

describe('the two tokens on the tablet', () => {
  it('after sign-in, before the passcode: the push token in clear, the full token in memory only', async () => {
    await keepSignIn(database, SIGN_IN);
    const stored = await storedText();
    expect(stored).toContain(PUSH);
    expect(stored).not.toContain(FULL);
    expect(await tokenFor(database, 'read')).toBe(FULL);
    expect(await tokenFor(database, 'push')).toBe(FULL);
    expect(mustSignInAgain(database, (await getMeta('session', database)) ?? SIGN_IN)).toBe(false);
  });

  it('setting the passcode seals the full token: no copy in clear anywhere in IndexedDB', async () => {
    await keepSignIn(database, SIGN_IN);
    await createVault(database, PASSCODE);
    const stored = await storedText();
    expect(stored).not.toContain(FULL);
    expect(stored).toContain(PUSH);
    const session = await getMeta('session', database);
    expect(isSealed(session?.sealedToken)).toBe(true);
    expect(session).not.toHaveProperty('token');
    expect(await tokenFor(database, 'read')).toBe(FULL);
  });

  it('locked: only the push token, and nothing to read with; unlocking opens the sealed token again', async () => {
    await keepSignIn(database, SIGN_IN);
    await createVault(database, PASSCODE);
    lockVault(database);
    expect(await tokenFor(database, 'read')).toBeNull();
    expect(await tokenFor(database, 'push')).toBe(PUSH);

    // A new page (reload, another tab, the service worker) starts without the key or the memory.
    const page = reopened();
    expect(await tokenFor(page, 'read')).toBeNull();
    expect(await tokenFor(page, 'push')).toBe(PUSH);
    expect((await unlockVault(page, PASSCODE)).ok).toBe(true);
    expect(await tokenFor(page, 'read')).toBe(FULL);
    expect(await tokenFor(page, 'push')).toBe(FULL);
    page.close();
  });

  it('a reload between sign-in and passcode loses the full token: the clerk must sign in again', async () => {
    await keepSignIn(database, SIGN_IN);
    const page = reopened();
    const session = await getMeta('session', page);
    if (!session) throw new Error('no session');
    expect(mustSignInAgain(page, session)).toBe(true);
    expect(mustSignInAgain(database, session)).toBe(false);
    expect(await tokenFor(page, 'read')).toBeNull();
    // Its outbox could still be sent with the push token.
    expect(await tokenFor(page, 'push')).toBe(PUSH);
    // Signing in again in that page works as a first sign-in.
    await keepSignIn(page, { ...SIGN_IN, token: `${FULL}-2`, pushToken: `${PUSH}-2` });
    expect(mustSignInAgain(page, (await getMeta('session', page)) ?? session)).toBe(false);
    await createVault(page, PASSCODE);
    expect(await tokenFor(page, 'read')).toBe(`${FULL}-2`);
    expect(await storedText()).not.toContain(FULL);
    page.close();
  });

  it('a sign-in made while unlocked is sealed at once; one made while locked is sealed at the unlock', async () => {
    await keepSignIn(database, SIGN_IN);
    await createVault(database, PASSCODE);
    await keepSignIn(database, { ...SIGN_IN, token: `${FULL}-2`, pushToken: `${PUSH}-2` });
    expect(isSealed((await getMeta('session', database))?.sealedToken)).toBe(true);

    const page = reopened();
    await keepSignIn(page, { ...SIGN_IN, token: `${FULL}-3`, pushToken: `${PUSH}-3` });
    expect((await getMeta('session', page))?.sealedToken).toBeUndefined();
    expect((await unlockVault(page, PASSCODE)).ok).toBe(true);
    expect(isSealed((await getMeta('session', page))?.sealedToken)).toBe(true);
    expect(await storedText()).not.toContain(FULL);
    lockVault(page);
    expect(await tokenFor(page, 'read')).toBeNull();
    expect((await unlockVault(page, PASSCODE)).ok).toBe(true);
    expect(await tokenFor(page, 'read')).toBe(`${FULL}-3`);
    page.close();
  });

  it('an altered sealed token gives no token to read with (not an error); pushing falls back to the push token', async () => {
    await keepSignIn(database, SIGN_IN);
    await createVault(database, PASSCODE);
    const session = await getMeta('session', database);
    const other = { ...(session ?? SIGN_IN), pushToken: 'other' };
    await setMeta('session', other, database);
    // Same key, same record: still opens (the push token is not part of the binding).
    expect(await tokenFor(database, 'read')).toBe(FULL);
    // The lock drops the memory copy, so what follows reads the sealed token only.
    lockVault(database);
    expect((await unlockVault(database, PASSCODE)).ok).toBe(true);
    const broken = session?.sealedToken?.sealed.slice();
    if (!broken || !session?.sealedToken) throw new Error('not sealed');
    broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 1;
    await setMeta('session', { ...other, sealedToken: { ...session.sealedToken, sealed: broken } }, database);
    expect(await tokenFor(database, 'read')).toBeNull();
    expect(await tokenFor(database, 'push')).toBe('other');
  });

  it('a session kept by a version before push tokens works as before until the next sign-in', async () => {
    const { pushToken: _none, ...legacy } = SIGN_IN;
    await setMeta('session', legacy, database);
    expect(mustSignInAgain(database, legacy)).toBe(false);
    expect(await tokenFor(database, 'read')).toBe(FULL);
    expect(await tokenFor(database, 'push')).toBe(FULL);
    await createVault(database, PASSCODE);
    lockVault(database);
    expect(await tokenFor(database, 'push')).toBe(FULL);
    // The next sign-in replaces it with the new shape: nothing in clear but the push token.
    expect((await unlockVault(database, PASSCODE)).ok).toBe(true);
    await keepSignIn(database, { ...SIGN_IN, token: `${FULL}-2`, pushToken: `${PUSH}-2` });
    expect(await storedText()).not.toContain(FULL);
  });

  it('wiping forgets the full token held in memory', async () => {
    await keepSignIn(database, SIGN_IN);
    await wipeDevice(database);
    const { token: _full, ...clear } = SIGN_IN;
    await setMeta('session', clear, database);
    expect(await tokenFor(database, 'read')).toBeNull();
    expect(await tokenFor(database, 'push')).toBe(PUSH);
  });
});
