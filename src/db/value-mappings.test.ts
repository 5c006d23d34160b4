import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ValueMappingSet } from '../api/schemas';
import { RecallDb } from './db';
import { adoptOfficeValueMapping, loadValueMapping, rememberValueMapping } from './value-mappings';

let database: RecallDb;
afterEach(async () => {
  database.close();
  await Dexie.delete(database.name);
});

describe('value mappings', () => {
  it('remembers the answers per insurer and adds later ones', async () => {
    database = new RecallDb(`mappings-${crypto.randomUUID()}`);
    expect(await loadValueMapping('06135784', database)).toEqual({});
    await rememberValueMapping('06135784', { reason: { 任意継続へ移行: 'lost_eligibility' } }, database);
    await rememberValueMapping(
      '06135784',
      { reason: { マイナ保険証登録済: 'got_myna' }, sex: { おとこ: 'male' } },
      database,
    );
    expect(await loadValueMapping('06135784', database)).toEqual({
      reason: { 任意継続へ移行: 'lost_eligibility', マイナ保険証登録済: 'got_myna' },
      sex: { おとこ: 'male' },
    });
    // Another insurer's wordings are its own.
    expect(await loadValueMapping('01130012', database)).toEqual({});
  });

  it('drops answers that name no value of the app', async () => {
    database = new RecallDb(`mappings-${crypto.randomUUID()}`);
    await database.valueMappings.put({
      insurer: 'x',
      mapping: { reason: { a: 'got_myna', b: 'flying' }, colour: { red: 'red' } } as never,
      updatedAt: '2025-12-01T00:00:00Z',
    });
    expect(await loadValueMapping('x', database)).toEqual({ reason: { a: 'got_myna' } });
  });

  it('queues each new answer for the office, valid for the API (docs/decisions/025)', async () => {
    database = new RecallDb(`mappings-${crypto.randomUUID()}`);
    await rememberValueMapping('06135784', { reason: { 任意継続へ移行: 'lost_eligibility' } }, database);
    const [entry] = await database.outbox.toArray();
    expect(entry?.mutation.type).toBe('value_mapping.set');
    expect(ValueMappingSet.safeParse(entry?.mutation).success).toBe(true);
    expect(entry?.mutation.payload).toEqual({
      answers: [{ field: 'reason', key: '任意継続へ移行', value: 'lost_eligibility' }],
    });
  });

  it("takes in the office's answers, except the ones this tablet has not sent yet", async () => {
    database = new RecallDb(`mappings-${crypto.randomUUID()}`);
    await database.valueMappings.put({
      insurer: 'x',
      mapping: { reason: { 古い: 'got_myna', 手元: 'superseded' } },
      updatedAt: '2025-12-01T00:00:00Z',
    });
    // Answered here, not sent yet: later than anything the office has.
    await rememberValueMapping('x', { sex: { おとこ: 'male' } }, database);
    const office = {
      answers: [
        { field: 'reason' as const, key: '古い', value: 'lost_eligibility', setAt: '2025-12-02T00:00:00.000Z' },
        { field: 'relation' as const, key: 'ほんにん', value: 'self', setAt: '2025-12-02T00:00:00.000Z' },
        { field: 'sex' as const, key: 'おとこ', value: 'female', setAt: '2025-12-02T00:00:00.000Z' },
      ],
    };
    expect(await adoptOfficeValueMapping('x', office, database)).toEqual({
      reason: { 古い: 'lost_eligibility', 手元: 'superseded' },
      relation: { ほんにん: 'self' },
      sex: { おとこ: 'male' },
    });
    expect(await loadValueMapping('x', database)).toEqual({
      reason: { 古い: 'lost_eligibility', 手元: 'superseded' },
      relation: { ほんにん: 'self' },
      sex: { おとこ: 'male' },
    });
  });
});
