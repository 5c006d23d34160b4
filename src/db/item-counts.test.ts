import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { RecallDb } from './db';
import { countToCollect } from './item-counts';

let database: RecallDb;
beforeEach(() => {
  database = unlocked(new RecallDb(`counts-${crypto.randomUUID()}`));
});
afterEach(() => database.delete());

describe('items to collect', () => {
  it('are counted over every list, without the returned or unreturnable ones', async () => {
    expect(await countToCollect(database)).toBe(0);
    await database.items.bulkAdd([
      sampleItem('a'),
      sampleItem('b'),
      sampleItem('c', { status: 'returned' }),
      sampleItem('d', { listId: 'list-2' }),
      sampleItem('e', { listId: 'list-2', status: 'unreturnable' }),
      sampleItem('f', { listId: 'list-3', status: 'returned' }),
    ]);
    expect(await countToCollect(database)).toBe(3);
  });
});
