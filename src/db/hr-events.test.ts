import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { withPersonalData } from '../sync/outbox-personal';
import { RecallDb } from './db';
import { recordHrEvent } from './hr-events';
import { pendingOutbox } from './outbox';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`hr-${crypto.randomUUID()}`));
});
afterEach(() => database.delete());

const person = sampleItem('x').person;
const planned = (memberId: string, relation: 'self' | 'dependant') => ({
  memberId,
  relation,
  householdId: 'h-1',
  documentKind: 'certificate' as const,
  reason: 'lost_eligibility' as const,
  route: 'attach_to_filing' as const,
  lossDate: '2026-12-01',
  dueDate: '2026-12-07',
  issueNo: '1234567890',
  issuedOn: '2025-11-05',
  expiresOn: '2029-12-01',
  person: { ...person, name: `${memberId} さん` },
});

describe('recordHrEvent', () => {
  it('stores the list, the items, their history and one outbox entry without personal data', async () => {
    const { listId, itemIds } = await recordHrEvent(database, {
      officeId: 'office-demo-2',
      event: 'retired',
      eventDate: '2026-11-30',
      items: [planned('self', 'self'), planned('spouse', 'dependant')],
      now: new Date('2026-12-01T03:00:00Z'),
    });
    expect(listId).toBe('ol-office-demo-2-2026-12');
    expect(await database.lists.get(listId)).toMatchObject({ source: 'office', period: '2026-12' });
    const items = await database.items.bulkGet(itemIds);
    expect(items.map((i) => [i?.status, i?.hrEvent, i?.lossDate, i?.dueDate, i?.person.name])).toEqual([
      ['to_collect', 'retired', '2026-12-01', '2026-12-07', 'self さん'],
      ['to_collect', 'retired', '2026-12-01', '2026-12-07', 'spouse さん'],
    ]);
    expect(await database.history.count()).toBe(2);

    const outbox = await pendingOutbox(database, 10);
    expect(outbox).toHaveLength(1);
    // Nothing personal at rest in the outbox.
    expect(JSON.stringify(outbox)).not.toContain('さん');

    // Filled in from the sealed items when it is sent.
    const [sent] = await withPersonalData(database, outbox);
    const mutation = sent?.mutation;
    expect(mutation?.type === 'hr_event.recorded' && mutation.payload.items.map((i) => i.person?.name)).toEqual([
      'self さん',
      'spouse さん',
    ]);
  });

  it('holds back an HR event and everything after it while the tablet is locked', async () => {
    await recordHrEvent(database, {
      officeId: 'o',
      event: 'retired',
      eventDate: '2026-11-30',
      items: [planned('self', 'self')],
    });
    const outbox = await pendingOutbox(database, 10);
    const first = outbox[0] as (typeof outbox)[number];
    const reopened = { id: 'm-later', type: 'item.reopened' as const, at: first.mutation.at, payload: { itemId: 'x' } };
    const later = { ...first, seq: 99, id: 'later', mutation: reopened };
    const before = { ...later, seq: 0, id: 'before' };
    database.dataKey.clear();
    expect((await withPersonalData(database, [before, ...outbox, later])).map((e) => e.id)).toEqual(['before']);
  });
});
