import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HrEventRecorded, OfficeEnteredItem, RecallItem } from '../src/api/schemas';
import { freshApp, type TestApp } from './testing/fresh-app';

let t: TestApp;
let tablet1: string;
let tablet2: string;
let known: RecallItem;

const OFFICE = 'office-demo-2';
const LIST = { id: `ol-${OFFICE}-2026-11`, title: '2026年11月 資格喪失・異動（事業所で登録）', period: '2026-11' };

beforeAll(async () => {
  t = await freshApp();
  tablet1 = (await t.signIn('DEMO-2')).token;
  tablet2 = (await t.signIn('DEMO-2')).token;
  known = (await t.pullAll(tablet1)).items[0] as RecallItem;
});
afterAll(() => t.db.close());

const item = (over: Partial<OfficeEnteredItem> = {}): OfficeEnteredItem => ({
  id: `oe-${randomUUID()}`,
  memberId: known.memberId,
  householdId: known.householdId,
  relation: known.relation,
  documentKind: 'certificate',
  reason: 'lost_eligibility',
  issueNo: '5550000001',
  issuedOn: '2025-11-05',
  expiresOn: '2029-12-01',
  lossDate: '2026-11-21',
  dueDate: '2026-11-25',
  person: null,
  ...over,
});
const recorded = (items: OfficeEnteredItem[], list = LIST): HrEventRecorded => ({
  id: randomUUID(),
  type: 'hr_event.recorded',
  at: '2026-11-23T01:00:00.000Z',
  payload: { event: 'retired', eventDate: '2026-11-20', list, items },
});
const newcomer = {
  name: '新規 太郎',
  kana: 'シンキ タロウ',
  birthDate: '1990-05-05',
  sex: 'male' as const,
  symbol: '5127',
  number: '9001',
  branch: '00',
};

describe('HR events recorded on a tablet', () => {
  it('stores the items in the office list of the month, once, and the other tablet pulls them', async () => {
    const before = (await t.pullAll(tablet2)).pages.at(-1)?.cursor as string;
    const forKnown = item();
    const typedIn = item({
      memberId: `om-${randomUUID()}`,
      householdId: `oh-${randomUUID()}`,
      relation: 'self',
      person: newcomer,
    });
    const m = recorded([forKnown, typedIn]);
    expect((await t.push(tablet1, [m])).results).toEqual([{ id: m.id, status: 'applied' }]);
    expect((await t.push(tablet1, [m])).results).toEqual([{ id: m.id, status: 'duplicate' }]);

    const page = await t.pull(tablet2, `?cursor=${before}`);
    expect(page.lists).toEqual([expect.objectContaining({ id: LIST.id, source: 'office', period: '2026-11' })]);
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(forKnown.id)).toMatchObject({
      listId: LIST.id,
      hrEvent: 'retired',
      lossDate: '2026-11-21',
      dueDate: '2026-11-25',
      status: 'to_collect',
      person: known.person,
    });
    expect(byId.get(typedIn.id)).toMatchObject({
      memberId: typedIn.memberId,
      person: { ...newcomer, insuredName: newcomer.name },
    });
  });

  it('adds a second event of the month to the same list', async () => {
    const m = recorded([item()]);
    expect((await t.push(tablet2, [m])).results).toEqual([{ id: m.id, status: 'applied' }]);
    const lists = await t.db.query('select id from recall_lists where office_id = $1 and source = $2', [
      OFFICE,
      'office',
    ]);
    expect(lists.rows.filter((r) => (r as { id: string }).id === LIST.id)).toHaveLength(1);
  });

  it.each([
    [
      'another office’s list id',
      () => recorded([item()], { ...LIST, id: 'ol-office-demo-1-2026-11' }),
      'list_not_office',
    ],
    ['an item id already taken', () => recorded([item({ id: known.id })]), 'item_exists'],
    [
      'a new member without their details',
      () => recorded([item({ memberId: `om-${randomUUID()}` })]),
      'person_required',
    ],
    [
      'a known member in another household',
      () => recorded([item({ householdId: 'hh-elsewhere' })]),
      'member_not_found',
    ],
  ])('refuses %s and writes nothing', async (_, make, reason) => {
    const count = async () =>
      Number((await t.db.query<{ n: string }>('select count(*) as n from recall_items')).rows[0]?.n);
    const before = await count();
    const m = make();
    expect((await t.push(tablet1, [m])).results).toEqual([{ id: m.id, status: 'rejected', reason }]);
    expect(await count()).toBe(before);
  });
});
