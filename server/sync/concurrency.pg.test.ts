import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemMutation, Mutation, MutationResult } from '../../src/api/schemas';
import { toStatusChange } from '../../src/api/status-change';
import { type CollectionState, OPEN_STATE, resolveStatus } from '../../src/domain/collection-status';
import { toInstant, toInstantRequired, toNumber } from '../db/convert';
import type { Database } from '../db/database';
import { openTestDatabase } from '../testing/test-database';
import { pullChanges } from './pull';
import { pushMutations } from './push';

/**
 * PostgreSQL only (npm run test:pg): many pushes and pulls of one office at the same time on a pool
 * of real connections. A device that follows the pull cursor must end up with every change (none
 * stepped over because a lower version committed late), see each version once, and every mutation
 * id must be applied at most once even when several devices send it at the same moment.
 */
const OFFICE = 'office-race';
const ITEMS = 30;
const WRITERS = 12;
const PUSHES_PER_WRITER = 25;
const READERS = 3;

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase({ poolSize: WRITERS + READERS + 2 });
  const insurer = await db.query<{ id: string }>('select id from insurers limit 1');
  await db.query(
    `insert into offices (id, insurer_id, code, name, access_code_hash) values ($1, $2, 'RACE', 'Race', 'x:y')`,
    [OFFICE, insurer.rows[0]?.id],
  );
  await db.query(
    `insert into recall_lists (id, office_id, title, period, received_at) values ('list-race', $1, 'Race', '2026-11', now())`,
    [OFFICE],
  );
  await db.query(
    `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
     select 'rm-' || g, $1, 'rh-' || (g % 10), case when g <= 10 then 'self' else 'dependant' end,
            'Race', 'レース', '1980-01-01', 'female', '1', g::text, '00'
       from generate_series(1, $2::int) g`,
    [OFFICE, ITEMS],
  );
  await db.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
     select 'ri-' || g, $1, 'list-race', 'rm-' || g, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'
       from generate_series(1, $2::int) g`,
    [OFFICE, ITEMS],
  );
});
afterAll(async () => {
  await db.close();
});

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

function mutation(pick: (n: number) => number, k: number): Mutation {
  const itemId = `ri-${Math.floor(pick(ITEMS)) + 1}`;
  const at = new Date(Date.parse('2026-11-20T00:00:00Z') + Math.floor(pick(1_000_000)) * 1000 + k).toISOString();
  const roll = pick(10);
  if (roll < 5)
    return { id: randomUUID(), type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  if (roll < 8) return { id: randomUUID(), type: 'item.reopened', at, payload: { itemId } };
  if (roll < 9)
    return { id: randomUUID(), type: 'item.unreturnable', at, payload: { itemId, kind: 'lost', reason: 'なくした' } };
  // New versions for the member's items without a status change.
  const memberId = `rm-${Math.floor(pick(ITEMS)) + 1}`;
  return {
    id: randomUUID(),
    type: 'member.language_set',
    at,
    payload: { memberId, language: pick(2) < 1 ? 'en' : 'vi' },
  };
}

type Seen = { versions: number[]; items: Map<string, { version: number; status: string }> };

/** A device that keeps pulling by cursor in small pages until told to stop, then drains what is left. */
async function follow(stop: () => boolean, seen: Seen): Promise<void> {
  let cursor = '0';
  for (;;) {
    const done = stop();
    let hasMore = true;
    while (hasMore) {
      // Pages of 7 read in slices of 3 (one statement each, outside a transaction), so a page spans
      // statements while the writers commit: the slicing must not step over a change either.
      const page = await pullChanges(db, OFFICE, cursor, 7, 3);
      for (const item of page.items) seen.items.set(item.id, { version: item.version, status: item.status });
      // A page splits lists from items; together they are one run of versions.
      seen.versions.push(...[...page.lists, ...page.items].map((e) => e.version).sort((a, b) => a - b));
      cursor = page.cursor;
      hasMore = page.hasMore;
    }
    if (done) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe('one office, many connections at once', () => {
  it('every change reaches a cursor-following device once; every mutation id is applied at most once', async () => {
    const results = new Map<string, MutationResult[]>();
    const record = (rs: MutationResult[]) => {
      for (const r of rs) results.set(r.id, [...(results.get(r.id) ?? []), r]);
    };
    // Every third push is sent by two devices at the same moment (a retry racing the original).
    const shared: Mutation[] = [];
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const pick = rng(w + 1);
      for (let k = 0; k < PUSHES_PER_WRITER; k++) {
        const own = mutation(pick, k);
        const twin = k % 3 === 0 ? shared[Math.floor(pick(shared.length))] : undefined;
        shared.push(own);
        const batch = twin ? [own, twin] : [own];
        record(await pushMutations(db, { officeId: OFFICE, sessionRef: 'concurrency-test' }, randomUUID(), batch));
      }
    });
    let writing = true;
    const readers = Array.from({ length: READERS }, () => ({ versions: [], items: new Map() }) as Seen);
    const following = readers.map((seen) => follow(() => !writing, seen));
    await Promise.all(writers);
    writing = false;
    await Promise.all(following);

    // At most once: one answer `applied` (or `rejected`) per id, the rest `duplicate` / the same rejection.
    const recorded = await db.query<{ mutation_id: string; n: number }>(
      `select mutation_id, count(*)::int as n from applied_mutations where office_id = $1 group by mutation_id`,
      [OFFICE],
    );
    expect(recorded.rows.every((r) => r.n === 1)).toBe(true);
    expect(recorded.rows).toHaveLength(shared.length);
    for (const [id, answers] of results) {
      const firsts = answers.filter((a) => a.status === 'applied');
      expect(firsts.length, `mutation ${id}`).toBeLessThanOrEqual(1);
      if (firsts.length === 1) expect(answers.filter((a) => a.status === 'rejected')).toHaveLength(0);
    }
    const appliedAnswers = [...results.values()].flat().filter((a) => a.status === 'applied').length;
    const appliedRows = await db.query<{ n: number }>(
      `select count(*)::int as n from applied_mutations where office_id = $1 and status = 'applied'`,
      [OFFICE],
    );
    expect(appliedAnswers).toBe(appliedRows.rows[0]?.n);

    // Exactly once, nothing stepped over: each reader's versions strictly increase, and its last view
    // of every item is the item's final version and status in the database.
    const final = await db.query<{ id: string; version: unknown; status: string }>(
      'select id, version, status from recall_items where office_id = $1 order by id',
      [OFFICE],
    );
    for (const seen of readers) {
      expect(seen.versions.every((v, i) => i === 0 || v > (seen.versions[i - 1] ?? 0))).toBe(true);
      const view = final.rows.map((r) => ({ id: r.id, ...seen.items.get(r.id) }));
      expect(view).toEqual(final.rows.map((r) => ({ id: r.id, version: toNumber(r.version), status: r.status })));
    }

    // No change of one item lost to another push of the same item: each item's state is the fold of
    // its base and every applied change.
    for (const row of final.rows) {
      const item = await db.query<{ base_state: CollectionState | null } & Record<string, unknown>>(
        'select * from recall_items where id = $1',
        [row.id],
      );
      const history = await db.query<{ mutation_id: string; type: ItemMutation['type']; at: unknown; payload: never }>(
        `select mutation_id, type, at, payload from applied_mutations
          where office_id = $1 and item_id = $2 and status = 'applied'`,
        [OFFICE, row.id],
      );
      const current = item.rows[0];
      if (!current) throw new Error('item vanished');
      const changes = history.rows.map((h) => {
        const m = { id: h.mutation_id, type: h.type, at: toInstantRequired(h.at), payload: h.payload } as ItemMutation;
        return { id: m.id, ...toStatusChange(m) };
      });
      const expected = resolveStatus({ ...OPEN_STATE, ...(current.base_state ?? {}) }, changes);
      expect({ status: current.status, statusChangedAt: toInstant(current.status_changed_at) }).toEqual({
        status: expected.status,
        statusChangedAt: expected.statusChangedAt,
      });
    }
  });
});
