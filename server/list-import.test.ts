import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ITEMS_MAX, type ImportedItem, type ListImported, type RecallItem } from '../src/api/schemas';
import { freshApp, returned, type TestApp } from './testing/fresh-app';

let t: TestApp;
let tablet1: string;
let tablet2: string;

const AT = '2026-11-23T01:00:00.000Z';

beforeAll(async () => {
  t = await freshApp();
  tablet1 = (await t.signIn('DEMO-1')).token;
  tablet2 = (await t.signIn('DEMO-1')).token;
});
afterAll(() => t.db.close());

const newList = () => ({ id: `import-${randomUUID()}`, title: '12月回収リスト', period: '2026-12', receivedAt: AT });

/** A household of the file: its insured person and a dependant (an old card without 発行No.). */
function household(n: number): ImportedItem[] {
  const householdId = `import-h-${randomUUID()}`;
  const base = {
    householdId,
    reason: 'got_myna' as const,
    issuedOn: '2024-12-02',
    expiresOn: '2026-12-01',
    lossDate: null,
    dueDate: '2026-12-26',
  };
  return [
    {
      ...base,
      id: `import-${randomUUID()}`,
      memberId: `import-m-${randomUUID()}`,
      relation: 'self',
      documentKind: 'certificate',
      issueNo: `${100000000 + n}`,
      person: {
        name: `健保 太郎${n}`,
        kana: 'ケンポ タロウ',
        birthDate: '1975-04-01',
        sex: 'male',
        symbol: '5115',
        number: `${n}`,
        branch: '00',
        insuredName: `健保 太郎${n}`,
      },
    },
    {
      ...base,
      id: `import-${randomUUID()}`,
      memberId: `import-m-${randomUUID()}`,
      relation: 'dependant',
      documentKind: 'old_card',
      reason: 'old_card',
      issueNo: '',
      person: {
        name: `健保 花子${n}`,
        kana: 'ケンポ ハナコ',
        birthDate: '1978-05-05',
        sex: 'female',
        symbol: '5115',
        number: `${n}`,
        branch: '01',
        insuredName: `健保 太郎${n}`,
      },
    },
  ];
}

const part = (list: ListImported['payload']['list'], items: ImportedItem[], index = 1, of = 1): ListImported => ({
  id: randomUUID(),
  type: 'list.imported',
  at: AT,
  payload: { list, part: index, parts: of, items },
});

async function cursorOf(token: string): Promise<string> {
  return (await t.pullAll(token)).pages.at(-1)?.cursor as string;
}

describe('lists imported on a tablet belong to the office', () => {
  it('stores every part once, and the other tablet of the office pulls the whole list with its persons', async () => {
    const before = await cursorOf(tablet2);
    const list = newList();
    const first = part(list, [...household(1), ...household(2)], 1, 2);
    const second = part(list, household(3), 2, 2);
    expect((await t.push(tablet1, [first, second])).results).toEqual([
      { id: first.id, status: 'applied' },
      { id: second.id, status: 'applied' },
    ]);
    // The same mutation again (a response lost on the way back) stores nothing twice.
    expect((await t.push(tablet1, [first])).results).toEqual([{ id: first.id, status: 'duplicate' }]);

    const page = await t.pull(tablet2, `?cursor=${before}`);
    expect(page.lists).toEqual([
      expect.objectContaining({ id: list.id, title: list.title, period: '2026-12', source: 'import' }),
    ]);
    expect(page.items).toHaveLength(6);
    const sent = [...first.payload.items, ...second.payload.items];
    for (const item of sent) {
      const pulled = page.items.find((i) => i.id === item.id) as RecallItem;
      expect(pulled).toMatchObject({
        listId: list.id,
        memberId: item.memberId,
        householdId: item.householdId,
        relation: item.relation,
        documentKind: item.documentKind,
        issueNo: item.issueNo,
        status: 'to_collect',
        person: item.person,
      });
    }
  });

  it('a tick on an imported item from one tablet reaches the other', async () => {
    const list = newList();
    const items = household(4);
    await t.push(tablet1, [part(list, items)]);
    const before = await cursorOf(tablet1);
    const tick = returned(items[1]?.id as string, '2026-11-24T02:00:00.000Z');
    expect((await t.push(tablet2, [tick])).results).toEqual([{ id: tick.id, status: 'applied' }]);
    const page = await t.pull(tablet1, `?cursor=${before}`);
    expect(page.items).toEqual([expect.objectContaining({ id: items[1]?.id, status: 'returned' })]);
  });

  it('is never shown to another office, and another office cannot add to it', async () => {
    const other = (await t.signIn('DEMO-3')).token;
    const list = newList();
    const items = household(5);
    await t.push(tablet1, [part(list, items)]);
    const seen = await t.pullAll(other);
    const text = JSON.stringify(seen.pages);
    expect(text.includes(list.id)).toBe(false);
    for (const item of items) {
      expect(text.includes(item.id)).toBe(false);
      expect(text.includes(item.memberId)).toBe(false);
    }
    // The same insurer's other office, on this office's list id: refused, nothing added.
    const intrusion = part(list, household(6));
    expect((await t.push(other, [intrusion])).results).toEqual([
      { id: intrusion.id, status: 'rejected', reason: 'list_not_office' },
    ]);
    // This office's members, claimed by the other office's import: refused.
    const claim = part(newList(), [{ ...(household(7)[0] as ImportedItem), memberId: items[0]?.memberId as string }]);
    expect((await t.push(other, [claim])).results).toEqual([
      { id: claim.id, status: 'rejected', reason: 'member_not_found' },
    ]);
    expect(JSON.stringify((await t.pullAll(other)).pages).includes(list.id)).toBe(false);
  });

  it('checks a part whole before writing anything', async () => {
    const before = await cursorOf(tablet2);
    const taken = household(8);
    await t.push(tablet1, [part(newList(), taken)]);
    const middle = await cursorOf(tablet2);
    expect(middle).not.toBe(before);

    const list = newList();
    // A good household and one item id already stored: the part is refused, its list not created.
    const clash = part(list, [...household(9), { ...(household(10)[0] as ImportedItem), id: taken[0]?.id as string }]);
    const noPerson = part(newList(), [{ ...(household(11)[0] as ImportedItem), person: null }]);
    const insurerList = part({ ...newList(), id: 'import-not-a-list' }, household(12));
    // (an insurer's list never has an import- id: the schema refuses any other id, see below)
    expect((await t.push(tablet1, [clash, noPerson])).results).toEqual([
      { id: clash.id, status: 'rejected', reason: 'item_exists' },
      { id: noPerson.id, status: 'rejected', reason: 'person_required' },
    ]);
    expect((await t.push(tablet1, [insurerList])).results[0]?.status).toBe('applied');
    const after = await t.pull(tablet2, `?cursor=${middle}`);
    expect(after.lists.map((l) => l.id)).toEqual(['import-not-a-list']);
    expect(after.lists.some((l) => l.id === list.id)).toBe(false);
  });

  it('refuses a malformed part with a 400 and a reason, never a 500', async () => {
    const tooMany = Array.from({ length: IMPORT_ITEMS_MAX / 2 + 1 }, (_, n) => household(100 + n)).flat();
    for (const bad of [
      part({ ...newList(), id: 'ml-not-import' }, household(13)),
      part(newList(), tooMany),
      part(newList(), [{ ...(household(14)[0] as ImportedItem), issueNo: 'x\u0000' }]),
    ]) {
      const res = await t.app.request('/api/v1/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tablet1}` },
        body: JSON.stringify({ deviceId: randomUUID(), mutations: [bad] }),
      });
      expect(res.status).toBe(400);
    }
  });
});

describe("the value mapping is the office's", () => {
  const set = (at: string, value: string, key = '任意継続へ移行', field: 'reason' | 'relation' = 'reason') => ({
    id: randomUUID(),
    type: 'value_mapping.set' as const,
    at,
    payload: { answers: [{ field, key, value }] },
  });
  const read = async (token: string) => {
    const res = await t.app.request('/api/v1/value-mappings', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as { answers: { field: string; key: string; value: string; setAt: string }[] };
  };

  it('keeps the latest answer per wording, whatever order the tablets send them in', async () => {
    const later = set('2026-11-24T02:00:00.000Z', 'lost_eligibility');
    const earlier = set('2026-11-24T01:00:00.000Z', 'got_myna');
    const other = set('2026-11-24T00:00:00.000Z', 'self', 'ほんにん', 'relation');
    expect((await t.push(tablet1, [later])).results[0]?.status).toBe('applied');
    // Arrives after, but was answered before: it loses.
    expect((await t.push(tablet2, [earlier, other])).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const answers = (await read(tablet2)).answers;
    expect(answers).toEqual([
      { field: 'reason', key: '任意継続へ移行', value: 'lost_eligibility', setAt: '2026-11-24T02:00:00.000Z' },
      { field: 'relation', key: 'ほんにん', value: 'self', setAt: '2026-11-24T00:00:00.000Z' },
    ]);
    // Another office (same insurer) has answers of its own: none of these.
    expect((await read((await t.signIn('DEMO-3')).token)).answers).toEqual([]);
  });

  it('refuses an answer that names no value of the field', async () => {
    const bad = set('2026-11-24T02:00:00.000Z', 'self');
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tablet1}` },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [bad] }),
    });
    expect(res.status).toBe(400);
  });
});
