import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../src/api/schemas';
import { freshApp, type TestApp } from '../testing/fresh-app';
import { Gate, PULL_SLICE, pullChanges, pullPageJson } from './pull';

let t: TestApp;
let token: string;
let officeId: string;
const EXTRA = 2 * PULL_SLICE + 30;

beforeAll(async () => {
  t = await freshApp();
  const session = await t.signIn('DEMO-1');
  token = session.token;
  officeId = session.office.id;
  // Enough items that a page of 1,000 takes several slices.
  const list = (
    await t.db.query<{ id: string }>('select id from recall_lists where office_id = $1 limit 1', [officeId])
  ).rows[0]?.id;
  await t.db.query(
    `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
     select 'pull-test-m' || g, $1, 'pull-test-h' || g, 'self', '試験 太郎', 'シケン タロウ', '1980-02-29', 'male', '1', g::text, '00'
       from generate_series(1, $2::int) g`,
    [officeId, EXTRA],
  );
  await t.db.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
     select 'pull-test-i' || g, $1, $2, 'pull-test-m' || g, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'
       from generate_series(1, $3::int) g`,
    [officeId, list, EXTRA],
  );
});
afterAll(async () => {
  await t.db.close();
});

describe('pull pages built by the database', () => {
  it('answers a page of several slices streamed, the same as one read in a single statement', async () => {
    const res = await t.app.request('/api/v1/sync/pull?limit=1000', { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // Streamed: no length is known when the first slice leaves.
    expect(res.headers.get('content-length')).toBeNull();
    const streamed = PullResponse.parse(await res.json());
    const whole = await pullChanges(t.db, officeId, '0', 1000, 1000);
    expect(streamed).toEqual(whole);
    // A first sync carries the office profile (docs/decisions/024, migration 019).
    expect(streamed.officeProfile?.insurer.name).toBeTruthy();
    expect(streamed.items.length).toBeGreaterThan(2 * PULL_SLICE);
    expect(streamed.items.filter((i) => i.id.startsWith('pull-test-i'))).toHaveLength(EXTRA);
    expect(streamed.hasMore).toBe(false);
    expect(streamed.insurer?.name).toBeTruthy();
  });

  it('answers the same pages whatever the slice size, and cuts them at the limit', async () => {
    const reference = await pullChanges(t.db, officeId, '0', 150, 150);
    for (const slice of [1, 7, 100]) {
      expect(await pullChanges(t.db, officeId, '0', 150, slice)).toEqual(reference);
    }
    expect(reference.lists.length + reference.items.length).toBe(150);
    expect(reference.hasMore).toBe(true);
    const versions = [...reference.lists, ...reference.items].map((e) => e.version);
    expect(Math.max(...versions)).toBe(Number(reference.cursor));
    // The next page starts right after the cursor.
    const next = await pullChanges(t.db, officeId, reference.cursor, 150, 7);
    expect(Math.min(...[...next.lists, ...next.items].map((e) => e.version))).toBeGreaterThan(Number(reference.cursor));
  });

  it('answers one part for a page of one slice, and keeps the cursor of an empty page', async () => {
    const head = (await pullChanges(t.db, officeId, '0', 1000)).cursor;
    const parts = [];
    for await (const part of pullPageJson(t.db, officeId, head, 500)) parts.push(part);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.last).toBe(true);
    const page = PullResponse.parse(JSON.parse(parts[0]?.text ?? ''));
    expect(page).toMatchObject({ lists: [], items: [], cursor: head, hasMore: false });
  });

  it('writes every field of an item as the contract has it (dates as days, instants with milliseconds and Z)', async () => {
    const res = await t.app.request(`/api/v1/sync/pull?limit=1000`, { headers: { Authorization: `Bearer ${token}` } });
    const item = PullResponse.parse(await res.json()).items.find((i) => i.id === 'pull-test-i1');
    expect(item).toEqual({
      id: 'pull-test-i1',
      listId: expect.any(String),
      memberId: 'pull-test-m1',
      householdId: 'pull-test-h1',
      relation: 'self',
      documentKind: 'certificate',
      reason: 'got_myna',
      holderReason: null,
      issueNo: '1',
      issuedOn: '2026-01-01',
      expiresOn: null,
      lossDate: null,
      noticeArrivedOn: null,
      hrEvent: null,
      dueDate: '2026-12-31',
      status: 'to_collect',
      returnedAt: null,
      returnMethod: null,
      unreturnableKind: null,
      unreturnableReason: null,
      statusChangedAt: null,
      withdrawn: false,
      version: expect.any(Number),
      preferredLanguage: 'ja',
      inReport: null,
      person: {
        name: '試験 太郎',
        kana: 'シケン タロウ',
        birthDate: '1980-02-29',
        sex: 'male',
        symbol: '1',
        number: '1',
        branch: '00',
        insuredName: '試験 太郎',
      },
    });
    const lists = PullResponse.parse(
      await (
        await t.app.request('/api/v1/sync/pull?limit=1000', {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json(),
    ).lists;
    for (const list of lists) expect(list.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('lets a fixed number of long pages past their first slice, the others in arrival order, and frees a place when a reader hangs up', async () => {
    const gate = new Gate(1);
    const holder = pullPageJson(t.db, officeId, '0', 1000, 50, gate);
    await holder.next(); // first slice: no place needed
    await holder.next(); // second slice: takes the only place
    const order: string[] = [];
    const waiting = pullPageJson(t.db, officeId, '0', 1000, 50, gate);
    await waiting.next();
    const second = waiting.next().then(() => order.push('second page went on'));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    // The first reader hangs up (the route stops reading): its place goes to the next in line.
    await holder.return(undefined);
    await second;
    expect(order).toEqual(['second page went on']);
    await waiting.return(undefined);
  });

  it('merges the office profile into the pages at its version, whatever the slice size (migration 019)', async () => {
    // The profile changes (its version drawn as a push under the office lock would), then 30 items change after it.
    await t.db.query(`update offices set profile_version = nextval('change_version') where id = $1`, [officeId]);
    await t.db.query(
      `update recall_items set version = nextval('change_version')
        where id in (select id from recall_items where office_id = $1 order by id limit 30)`,
      [officeId],
    );
    const profileVersion = String(
      (await t.db.query<{ v: number }>('select profile_version as v from offices where id = $1', [officeId])).rows[0]
        ?.v,
    );
    const below = String(BigInt(profileVersion) - 1n);
    const reference = await pullChanges(t.db, officeId, below, 1000, 1000);
    expect(reference.officeProfile?.insurer.name).toBeTruthy();
    expect(reference.items).toHaveLength(30);
    for (const slice of [1, 7, 100]) expect(await pullChanges(t.db, officeId, below, 1000, slice)).toEqual(reference);
    // A page of one: the profile alone, and the cursor at its version.
    const one = await pullChanges(t.db, officeId, below, 1, 1);
    expect(one).toMatchObject({ items: [], lists: [], cursor: profileVersion, hasMore: true });
    expect(one.officeProfile).toEqual(reference.officeProfile);
    // From its version on, the profile is not sent again; the 30 items are.
    const after = await pullChanges(t.db, officeId, profileVersion, 1000, 7);
    expect(after.officeProfile).toBeUndefined();
    expect(after.items.map((i) => i.id)).toEqual(reference.items.map((i) => i.id));
    expect(after.cursor).toBe(reference.cursor);
  });
});
