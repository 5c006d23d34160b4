import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishResponse } from '../../src/api/insurer-schemas';
import type { Mutation, RecallItem } from '../../src/api/schemas';
import type { Database } from '../db/database';
import { publishRow, staffClient } from '../insurer/staff-api';
import { freshApp, reopened, returned, type TestApp } from '../testing/fresh-app';
import { pullChanges } from './pull';
import { PullJsonFiller } from './pull-json-filler';

/**
 * The stored pull JSON (migration 020, docs/decisions/039) is only ever used while the version it
 * was built from is the item's version. That is safe only if every writer of anything an item's JSON shows
 * (the item, its member, the household's 被保険者, its live report and envelope) draws a new item
 * version in the same transaction. The invariant: after any writer, every stored text still marked
 * valid equals the text built from the rows now. Each scenario fills everything, runs a writer, and
 * checks; a writer that changed an item without a new version leaves a stale valid text and fails.
 */
let t: TestApp;
/** Fillers of the test's own, flushed by it (the app's runs on its timer; all only fill invalid rows). */
let filler: PullJsonFiller;
let token: string;
let officeId: string;
const AT = '2026-11-21T01:00:00.000Z';

/** Items whose stored text is marked valid but differs from the text built now; and how many are valid. */
async function staleStored(db: Database): Promise<{ valid: number; stale: string[] }> {
  const stored = await db.query<{ id: string; pull_json: string }>(
    `select s.item_id as id, s.json as pull_json from item_pull_json s
       join recall_items i on i.office_id = s.office_id and i.id = s.item_id and i.version = s.version`,
  );
  const built = new Map<string, string>();
  // Build every item's text as pull_slice builds an invalid one, then undo the invalidation.
  await db
    .transaction(async (tx) => {
      await tx.query('delete from item_pull_json');
      const rows = await tx.query<{ id: string; json: string; built: boolean }>(
        'select id, json, built from pull_items',
      );
      for (const r of rows.rows) {
        expect(r.built).toBe(true);
        built.set(r.id, r.json);
      }
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return {
    valid: stored.rows.length,
    stale: stored.rows.filter((r) => built.get(r.id) !== r.pull_json).map((r) => r.id),
  };
}
class Rollback extends Error {}

async function fillEverything(): Promise<void> {
  // A new filler walks every office from its first version (the first test invalidates texts
  // without new versions, which a filler that remembers where it stopped would not look at again).
  filler = new PullJsonFiller(t.db, { delayMs: 2 ** 30 });
  await filler.noteAll();
  await filler.flush();
  const invalid = await t.db.query<{ n: string }>(
    `select count(*)::text as n from recall_items i
        where not exists (select 1 from item_pull_json s
                           where s.office_id = i.office_id and s.item_id = i.id and s.version = i.version)`,
  );
  expect(invalid.rows[0]?.n).toBe('0');
}

/** Fills, runs the writer, and checks that no valid stored text is stale. */
async function afterWriter(write: () => Promise<unknown>): Promise<void> {
  await fillEverything();
  const before = await staleStored(t.db);
  expect(before.valid).toBeGreaterThan(50);
  expect(before.stale).toEqual([]);
  await write();
  const after = await staleStored(t.db);
  expect(after.stale).toEqual([]);
  // And filled again, the texts are exactly the built ones (the filler stores what pull_slice builds).
  await fillEverything();
  expect((await staleStored(t.db)).stale).toEqual([]);
}

async function itemsOf(): Promise<RecallItem[]> {
  return (await pullChanges(t.db, officeId, '0', 100_000)).items;
}

beforeAll(async () => {
  t = await freshApp();
  const session = await t.signIn('DEMO-1');
  token = session.token;
  officeId = session.office.id;
});
afterAll(async () => {
  await t.db.close();
});

const push = async (mutations: Mutation[]) => {
  const res = await t.push(token, mutations);
  expect(res.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
};

function person(name: string, number: string, branch: string) {
  return { name, kana: 'テスト', birthDate: '1985-05-05', sex: 'female' as const, symbol: '77', number, branch };
}

function hrEvent(
  items: Array<{ memberId: string; householdId: string; relation: 'self' | 'dependant'; name: string; branch: string }>,
): Mutation {
  return {
    id: randomUUID(),
    type: 'hr_event.recorded',
    at: AT,
    payload: {
      event: 'retired',
      eventDate: '2026-11-20',
      list: { id: `ol-${officeId}-2026-11`, title: '2026年11月 資格喪失・異動（事業所で登録）', period: '2026-11' },
      items: items.map((i) => ({
        id: `oe-${randomUUID()}`,
        memberId: i.memberId,
        householdId: i.householdId,
        relation: i.relation,
        documentKind: 'certificate' as const,
        reason: 'lost_eligibility' as const,
        issueNo: '1234567890',
        issuedOn: '2025-11-05',
        expiresOn: '2029-12-01',
        lossDate: '2026-11-21',
        dueDate: '2026-11-25',
        person: person(i.name, '900', i.branch),
      })),
    },
  } as Mutation;
}

describe('stored pull JSON stays true to the rows (every writer draws a new version)', () => {
  it('a page read from stored texts is the page built per request, text for text', async () => {
    await fillEverything();
    const stored = await pullChanges(t.db, officeId, '0', 100_000);
    await t.db.query('delete from item_pull_json');
    const built = await pullChanges(t.db, officeId, '0', 100_000);
    expect(stored.items.length).toBeGreaterThan(50);
    expect(JSON.stringify(stored)).toBe(JSON.stringify(built));
  });

  it('status changes from a push (ticks, reopenings)', async () => {
    const [a, b] = (await itemsOf()).filter((i) => i.status === 'to_collect' && !i.inReport);
    await afterWriter(() => push([returned(a?.id as string, AT), returned(b?.id as string, AT)]));
    await afterWriter(() => push([reopened(b?.id as string, '2026-11-21T02:00:00.000Z')]));
  });

  it("a member's notice language", async () => {
    const item = (await itemsOf())[0] as RecallItem;
    await afterWriter(() =>
      push([
        {
          id: randomUUID(),
          type: 'member.language_set',
          at: AT,
          payload: { memberId: item.memberId, language: 'en' },
        } as Mutation,
      ]),
    );
  });

  it('a report and its envelope', async () => {
    const ready = (await itemsOf()).filter((i) => i.status === 'returned' && !i.inReport && !i.withdrawn);
    const item = ready[0] as RecallItem;
    const reportId = randomUUID();
    await afterWriter(() =>
      push([
        {
          id: randomUUID(),
          type: 'report.submitted',
          at: AT,
          payload: {
            reportId,
            createdAt: AT,
            form: 'return_notice',
            scope: { kind: 'list', listId: item.listId },
            itemIds: [item.id],
            clerk: { name: '人事 花子', phone: '03-0000-0000' },
          },
        } as Mutation,
      ]),
    );
    const staff = staffClient(t.app);
    const staffToken = await staff.signIn('minato');
    await afterWriter(async () => {
      const res = await staff.call('POST', `/offices/DEMO-1/reports/${reportId}/envelope`, staffToken, { count: 1 });
      expect(res.status).toBe(200);
    });
    const marked = (await itemsOf()).find((i) => i.id === item.id);
    expect(marked?.inReport?.envelopeReceivedAt).toBeTruthy();
  });

  it('HR events, and a 被保険者 added later to a household that had only a dependant', async () => {
    const household = `hh-${randomUUID()}`;
    await afterWriter(() =>
      push([
        hrEvent([
          {
            memberId: `m-${randomUUID()}`,
            householdId: household,
            relation: 'dependant',
            name: '家族 花子',
            branch: '01',
          },
        ]),
      ]),
    );
    const dependant = (await itemsOf()).find((i) => i.householdId === household);
    expect(dependant?.person.insuredName).toBe('家族 花子');
    await afterWriter(() =>
      push([
        hrEvent([
          { memberId: `m-${randomUUID()}`, householdId: household, relation: 'self', name: '本人 太郎', branch: '00' },
        ]),
      ]),
    );
    // The dependant's item shows its household's 被保険者 now, on a cursor pull too.
    expect((await itemsOf()).find((i) => i.id === dependant?.id)?.person.insuredName).toBe('本人 太郎');
  });

  it('an imported list that adds a 被保険者 to a household already stored', async () => {
    const household = `hh-${randomUUID()}`;
    await push([
      hrEvent([
        {
          memberId: `m-${randomUUID()}`,
          householdId: household,
          relation: 'dependant',
          name: '家族 次郎',
          branch: '01',
        },
      ]),
    ]);
    await afterWriter(() =>
      push([
        {
          id: randomUUID(),
          type: 'list.imported',
          at: AT,
          payload: {
            list: { id: `import-${randomUUID()}`, title: '取り込み', period: '2026-11', receivedAt: AT },
            part: 1,
            parts: 1,
            items: [
              {
                id: `import-${randomUUID()}`,
                memberId: `m-${randomUUID()}`,
                householdId: household,
                relation: 'self',
                documentKind: 'certificate',
                reason: 'got_myna',
                issueNo: '1234567890',
                issuedOn: '2025-11-05',
                expiresOn: '2029-12-01',
                lossDate: null,
                dueDate: '2026-11-25',
                person: { ...person('取込 三郎', '901', '00'), insuredName: '取込 三郎' },
              },
            ],
          },
        } as Mutation,
      ]),
    );
    const dependant = (await itemsOf()).find((i) => i.householdId === household && i.relation === 'dependant');
    expect(dependant?.person.insuredName).toBe('取込 三郎');
  });

  it("the insurer's publish, renaming a 被保険者 whose household has earlier items", async () => {
    const staff = staffClient(t.app);
    const staffToken = await staff.signIn('minato');
    const publish = async (rows: unknown[], title: string) => {
      const res = await staff.call('POST', '/publish', staffToken, { period: '2026-11', title, rows });
      expect(res.status).toBe(201);
      return (await res.json()) as PublishResponse;
    };
    const self = publishRow('DEMO-1', 1, { name: '旧姓 花子' });
    const dependant = publishRow('DEMO-1', 2, {
      number: self.number,
      branch: '01',
      relation: 'dependant',
      name: '家族 一郎',
    });
    await afterWriter(() => publish([self, dependant], '第1回'));
    // The same person (記号・番号・枝番) with a new name, on a later list: the earlier items show it too.
    await afterWriter(() => publish([{ ...self, name: '新姓 花子', issueNo: 'P-999999' }], '第2回'));
    const items = (await itemsOf()).filter((i) => i.person.number === self.number);
    expect(items.length).toBe(3);
    expect(items.map((i) => i.person.insuredName)).toEqual(['新姓 花子', '新姓 花子', '新姓 花子']);
    // Published again unchanged: nothing is rewritten, so no item gets a new version.
    const versions = items.map((i) => i.version);
    await publish([{ ...self, name: '新姓 花子', issueNo: 'P-888888' }], '第3回');
    const again = (await itemsOf()).filter((i) => items.some((x) => x.id === i.id));
    expect(again.map((i) => i.version)).toEqual(versions);
  });

  it('fills while pushes commit, and never uses a text older than its row', async () => {
    await fillEverything();
    const items = (await itemsOf())
      .filter((i) => i.status === 'to_collect' && !i.inReport && !i.withdrawn)
      .slice(0, 30);
    expect(items.length).toBe(30);
    // One filler walking the office in small steps, over and over, from where it stopped (the
    // incremental path), while the pushes commit one after another under the office lock.
    const walker = new PullJsonFiller(t.db, { delayMs: 2 ** 30, step: 4 });
    let pushing = true;
    const walking = (async () => {
      while (pushing) {
        walker.note([officeId]);
        await walker.flush();
      }
    })();
    await Promise.all(
      items.map((item, k) => push([returned(item.id, `2026-11-22T01:00:${String(k).padStart(2, '0')}.000Z`)])),
    );
    pushing = false;
    await walking;
    expect((await staleStored(t.db)).stale).toEqual([]);
    // What committed after the walker's last step, its next walk fills (it reads on from where it stopped).
    walker.note([officeId]);
    await walker.flush();
    const invalid = await t.db.query<{ n: string }>(
      `select count(*)::text as n from recall_items i
        where not exists (select 1 from item_pull_json s
                           where s.office_id = i.office_id and s.item_id = i.id and s.version = i.version)`,
    );
    expect(invalid.rows[0]?.n).toBe('0');
  });

  it("the app's own filler stores a pushed item's text shortly after the push commits", async () => {
    const item = (await itemsOf()).find((i) => i.status === 'to_collect' && !i.inReport && !i.withdrawn) as RecallItem;
    await push([returned(item.id, '2026-11-22T03:00:00.000Z')]);
    const valid = async () =>
      (
        await t.db.query<{ valid: boolean }>(
          `select s.version = i.version as valid from recall_items i
             join item_pull_json s on s.office_id = i.office_id and s.item_id = i.id where i.id = $1`,
          [item.id],
        )
      ).rows[0]?.valid === true;
    // Waits for the background fill (20 ms after the commit), not a speed check: up to 5 s.
    for (let i = 0; i < 250 && !(await valid()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await valid()).toBe(true);
    expect((await staleStored(t.db)).stale).toEqual([]);
  });
});
