import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unlocked } from '../../tests/fixtures/unlocked';
import type { ServerOfficeProfile } from '../api/schemas';
import { RecallDb, setMeta } from './db';
import { noteServerOfficeProfile, readOfficeProfile, saveOfficeProfile } from './office-profile';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`office-profile-${crypto.randomUUID()}`));
});
afterEach(async () => {
  database.close();
});

const SERVER: ServerOfficeProfile = {
  insurer: {
    officeSymbol: '14-ヨコミ',
    officeNumber: '51273',
    name: '横浜みなと物流株式会社',
    address: '横浜市中区新港2-1-1',
  },
  edits: {},
};

describe('office profile on the tablet', () => {
  it('prints the insurer’s values the server sent, without the clerk typing them', async () => {
    await noteServerOfficeProfile(database, 'office-2', SERVER);
    expect((await readOfficeProfile(database)).profile).toMatchObject(SERVER.insurer);
  });

  it('a saved edit is kept over the insurer’s value and goes to the outbox, changed fields only', async () => {
    await noteServerOfficeProfile(database, 'office-2', SERVER);
    const { profile } = await readOfficeProfile(database);
    const now = new Date('2026-12-05T01:00:00.000Z');
    expect(
      await saveOfficeProfile(database, { ...profile, address: '横浜市中区新港9-9', ownerName: '港 一郎' }, now),
    ).toBe(2);
    const [entry] = await database.outbox.toArray();
    expect(entry?.mutation).toMatchObject({
      type: 'office_profile.updated',
      at: now.toISOString(),
      payload: { fields: { address: '横浜市中区新港9-9', ownerName: '港 一郎' } },
    });
    // A pull that does not know the edit yet keeps it; the insurer's values come from the pull.
    await noteServerOfficeProfile(database, 'office-2', SERVER);
    expect((await readOfficeProfile(database)).profile).toMatchObject({
      address: '横浜市中区新港9-9',
      officeNumber: '51273',
    });
    // Saving again unchanged sends nothing.
    expect(await saveOfficeProfile(database, (await readOfficeProfile(database)).profile)).toBe(0);
    expect(await database.outbox.count()).toBe(1);
  });

  it('a later edit from another tablet wins over an earlier one here', async () => {
    await noteServerOfficeProfile(database, 'office-2', SERVER);
    const { profile } = await readOfficeProfile(database);
    await saveOfficeProfile(database, { ...profile, phone: '045-111' }, new Date('2026-12-05T01:00:00.000Z'));
    await noteServerOfficeProfile(database, 'office-2', {
      ...SERVER,
      edits: { phone: { value: '045-999', at: '2026-12-05T02:00:00.000Z' } },
    });
    expect((await readOfficeProfile(database)).profile.phone).toBe('045-999');
  });

  it('signing in to another office drops the last office’s edits', async () => {
    await noteServerOfficeProfile(database, 'office-2', {
      ...SERVER,
      edits: { phone: { value: '045', at: '2026-12-05T02:00:00.000Z' } },
    });
    await noteServerOfficeProfile(database, 'office-1', { ...SERVER, edits: {} });
    expect((await readOfficeProfile(database)).profile.phone).toBe('');
  });

  it('values typed before profiles were synced still print, and go to the office with the first save', async () => {
    await noteServerOfficeProfile(database, 'office-2', SERVER);
    await setMeta(
      'officeProfile',
      { ...(await readOfficeProfile(database)).profile, postalCode: '231-0001' },
      database,
    );
    const { profile } = await readOfficeProfile(database);
    expect(profile.postalCode).toBe('231-0001');
    expect(await saveOfficeProfile(database, profile)).toBe(1);
    expect((await database.outbox.toArray())[0]?.mutation.payload).toEqual({ fields: { postalCode: '231-0001' } });
  });
});
