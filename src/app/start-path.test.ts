import { describe, expect, it } from 'vitest';
import { DB_NAME } from '../db/db-name';
import { databaseSeen, isPublicPath, mayBeSignedIn, rememberDatabaseSeen } from './start-path';

describe('start path', () => {
  it('knows the pages that need no session', () => {
    expect(isPublicPath('/sign-in')).toBe(true);
    expect(isPublicPath('/n/vi/return-certificate')).toBe(true);
    expect(isPublicPath('/insurer')).toBe(true);
    expect(isPublicPath('/')).toBe(false);
    expect(isPublicPath('/lists/abc')).toBe(false);
    expect(isPublicPath('/notices')).toBe(false);
  });

  it('sends a browser with no app database to sign in, and lets one with it decide by its session', async () => {
    expect(await mayBeSignedIn({ databases: async () => [] })).toBe(false);
    expect(await mayBeSignedIn({ databases: async () => [{ name: 'other-app' }] })).toBe(false);
    expect(await mayBeSignedIn({ databases: async () => [{ name: 'other-app' }, { name: DB_NAME }] })).toBe(true);
  });

  it('assumes a session may exist when the browser cannot tell', async () => {
    expect(await mayBeSignedIn({})).toBe(true);
    expect(
      await mayBeSignedIn({
        databases: async () => {
          throw new Error('not allowed');
        },
      }),
    ).toBe(true);
  });

  it('remembers whether the app database was there, for the next load to start without asking', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    };
    expect(databaseSeen(storage)).toBe(false);
    rememberDatabaseSeen(true, storage);
    expect(databaseSeen(storage)).toBe(true);
    rememberDatabaseSeen(false, storage);
    expect(databaseSeen(storage)).toBe(false);
    const refusing = {
      ...storage,
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(databaseSeen(refusing)).toBe(false);
    expect(databaseSeen(undefined)).toBe(false);
  });
});
