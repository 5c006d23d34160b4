import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { RecallDb } from './db';
import { loadValueMapping, rememberValueMapping } from './value-mappings';

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
});
