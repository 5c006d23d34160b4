import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRow } from '../../tests/fixtures/import-row';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { importedItems, isImportedMember } from './import-list';
import { recordDeliveries, recordDelivery, setMemberLanguage } from './member-changes';

let database: RecallDb;
beforeEach(async () => {
  database = unlocked(new RecallDb(`member-changes-${crypto.randomUUID()}`));
  await database.open();
});
afterEach(() => database.delete());

describe('member changes', () => {
  it('stores a notice language with its outbox entry', async () => {
    await setMemberLanguage(database, 'M1', 'vi', new Date('2026-11-23T01:00:00Z'));
    expect(await database.memberPrefs.get('M1')).toEqual({
      memberId: 'M1',
      language: 'vi',
      updatedAt: '2026-11-23T01:00:00.000Z',
    });
    const [entry] = await database.outbox.toArray();
    expect(entry).toMatchObject({
      itemId: undefined,
      status: 'pending',
      mutation: { type: 'member.language_set', payload: { memberId: 'M1', language: 'vi' } },
    });
  });

  it('keeps the language and deliveries of a member of a list imported before lists were the office’s on the tablet, unsent', async () => {
    // Such members were `import-m-…` (docs/decisions/025); a list imported now goes to the insurer.
    const memberId = `import-m-${crypto.randomUUID()}`;
    expect(isImportedMember(memberId)).toBe(true);
    await setMemberLanguage(database, memberId, 'vi');
    await recordDelivery(database, { memberId, noticeKey: 'return_got_myna', language: 'vi', channel: 'print' });
    expect(await database.memberPrefs.get(memberId)).toMatchObject({ language: 'vi' });
    expect(await database.deliveries.where('memberId').equals(memberId).count()).toBe(1);
    expect(await database.outbox.count()).toBe(0);
  });

  it('sends the language of a member of a list imported now, which the insurer holds', async () => {
    const [item] = importedItems('list-x', [importRow()]);
    const memberId = item?.memberId as string;
    expect(isImportedMember(memberId)).toBe(false);
    await setMemberLanguage(database, memberId, 'vi');
    expect((await database.outbox.toArray()).map((e) => e.mutation.type)).toEqual(['member.language_set']);
  });

  it('records a delivery and its mutation under the same id', async () => {
    const row = await recordDelivery(database, {
      memberId: 'M1',
      noticeKey: 'return_got_myna',
      language: 'ur',
      channel: 'print',
    });
    const [entry] = await database.outbox.toArray();
    expect(entry?.id).toBe(row.id);
    expect(entry?.mutation).toMatchObject({ type: 'notice.delivered', payload: { channel: 'print', language: 'ur' } });
    expect(await database.deliveries.get(row.id)).toEqual(row);
  });

  it('writes nothing when the outbox write fails', async () => {
    await database.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(
      recordDeliveries(database, [
        { memberId: 'M1', noticeKey: 'return_got_myna', language: 'ja', channel: 'print' },
        { memberId: 'M2', noticeKey: 'return_got_myna', language: 'ja', channel: 'print' },
      ]),
    ).rejects.toThrow('disk full');
    expect(await database.deliveries.count()).toBe(0);
    await expect(setMemberLanguage(database, 'M1', 'en')).rejects.toThrow('disk full');
    expect(await database.memberPrefs.count()).toBe(0);
  });
});
