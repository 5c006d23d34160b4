import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { saveMemberContact } from './member-contacts';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`member-contacts-${crypto.randomUUID()}`));
});
afterEach(async () => {
  database.close();
});

describe('saveMemberContact', () => {
  it('keeps no address for a household under DV protection', async () => {
    await saveMemberContact('h1', { address: '横浜市中区1-1', phone: '090-0000-0000', dvProtected: true }, database);
    expect((await database.memberContacts.get('h1'))?.contact).toEqual({
      address: '',
      phone: '090-0000-0000',
      dvProtected: true,
    });
  });
  it('seals the contact at rest', async () => {
    await saveMemberContact('h2', { address: '横浜市中区2-2', phone: '', dvProtected: false }, database);
    expect((await database.memberContacts.get('h2'))?.contact.address).toBe('横浜市中区2-2');
    const raw = await new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open(database.name);
      open.onsuccess = () => {
        const request = open.result.transaction('memberContacts').objectStore('memberContacts').get('h2');
        request.onsuccess = () => {
          resolve(request.result);
          open.result.close();
        };
        request.onerror = () => reject(request.error);
      };
    });
    expect(JSON.stringify(raw)).not.toContain('横浜市');
  });
});
