import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemMutation, MutationResult } from '../../src/api/schemas';
import { toStatusChange } from '../../src/api/status-change';
import { OPEN_STATE, resolveStatus } from '../../src/domain/collection-status';
import { toNumber } from '../db/convert';
import type { Database } from '../db/database';
import { itemStates as states } from '../testing/item-states';
import { openTestDatabase } from '../testing/test-database';
import { pushMutations } from './push';

/**
 * The set-based push (docs/decisions/023) against the one-at-a-time push it replaces: two databases
 * with the same items get the same pushes, one applied in slices, the other one mutation per
 * transaction. A pushed batch mixes new ids, ids already recorded by an earlier push, ids repeated
 * within the batch, changes older than the item's latest change (conflicting, refolded), and unknown
 * items. Both must answer the same, record each id once, and end with the same item states, which
 * are also what folding every applied change gives (ADR 006).
 */
const DEVICE = '00000000-0000-4000-8000-0000000000d1';
const ITEMS = 3;

let batched: Database;
let single: Database;
let office: { id: string; listId: string; memberId: string };
let run = 0;

beforeAll(async () => {
  [batched, single] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const row = await batched.query<{ office_id: string; list_id: string; member_id: string }>(
    'select office_id, list_id, member_id from recall_items where not withdrawn order by id limit 1',
  );
  const r = row.rows[0];
  if (!r) throw new Error('demo seed has no items');
  office = { id: r.office_id, listId: r.list_id, memberId: r.member_id };
});
afterAll(async () => {
  await Promise.all([batched?.close(), single?.close()]);
});

type Step = { item: number; kind: 'returned' | 'reopened' | 'unreturnable'; minute: number; id: string };

const step = fc.record({
  // ITEMS is an id no item has: answered item_not_found.
  item: fc.nat(ITEMS),
  kind: fc.constantFrom('returned' as const, 'reopened' as const, 'unreturnable' as const),
  minute: fc.nat(30),
  id: fc.uuid({ version: 4 }),
});

const scenario = fc.record({
  history: fc.array(step, { maxLength: 8 }),
  fresh: fc.array(step, { minLength: 1, maxLength: 12 }),
  // Which earlier ids (from the history, or from this batch) the batch sends again, and where.
  repeats: fc.array(fc.record({ pick: fc.nat(100), at: fc.nat(100) }), { maxLength: 6 }),
});

function toMutation(s: Step, itemIds: string[]): ItemMutation {
  const itemId = itemIds[s.item] ?? 'no-such-item';
  const at = new Date(Date.UTC(2026, 10, 20, 9, s.minute)).toISOString();
  if (s.kind === 'returned')
    return { id: s.id, type: 'item.returned', at, payload: { itemId, returnedAt: at, method: 'hand' } };
  if (s.kind === 'reopened') return { id: s.id, type: 'item.reopened', at, payload: { itemId } };
  return { id: s.id, type: 'item.unreturnable', at, payload: { itemId, kind: 'lost', reason: '紛失' } };
}

async function addItems(db: Database, ids: string[]): Promise<void> {
  await db.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date)
     select unnest($1::text[]), $2, $3, $4, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31'`,
    [ids, office.id, office.listId, office.memberId],
  );
}

async function push(db: Database, ms: ItemMutation[], batchSize?: number): Promise<MutationResult[]> {
  return pushMutations(db, { officeId: office.id, sessionRef: 'push-batch-test' }, DEVICE, ms, { batchSize });
}

describe('set-based push (property)', () => {
  it('answers and stores what the one-at-a-time push does, for batches of new, duplicate and conflicting ids', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ history, fresh, repeats }) => {
        run += 1;
        const itemIds = Array.from({ length: ITEMS }, (_, i) => `pb-${run}-${i}`);
        await Promise.all([addItems(batched, itemIds), addItems(single, itemIds)]);
        // Ids must be fresh per run (one office, many runs): fast-check may reuse uuids across runs.
        const rename = new Map<string, string>();
        const fix = (s: Step): Step => {
          const id = rename.get(s.id) ?? crypto.randomUUID();
          rename.set(s.id, id);
          return { ...s, id };
        };
        const earlier = history.map(fix).map((s) => toMutation(s, itemIds));
        const batch = fresh.map(fix).map((s) => toMutation(s, itemIds));
        for (const { pick, at } of repeats) {
          const pool = [...earlier, ...batch];
          const again = pool[pick % Math.max(pool.length, 1)];
          if (again) batch.splice(at % (batch.length + 1), 0, again);
        }

        const first = await push(batched, earlier);
        expect(first).toEqual(await push(single, earlier, 1));
        const answers = await push(batched, batch);
        expect(answers).toEqual(await push(single, batch, 1));

        // Every id answered once per occurrence; a repeat is never applied twice.
        const seen = new Set(earlier.map((m) => m.id));
        batch.forEach((m, i) => {
          if (seen.has(m.id)) expect(answers[i]?.status).not.toBe('applied');
          seen.add(m.id);
        });
        const counted = await batched.query<{ n: unknown }>(
          'select count(*) as n from applied_mutations where office_id = $1 and mutation_id = any($2::uuid[])',
          [office.id, [...seen]],
        );
        expect(toNumber(counted.rows[0]?.n)).toBe(seen.size);

        const after = await states(batched, itemIds);
        expect(after).toEqual(await states(single, itemIds));
        // And both are the fold of every applied change (ADR 006), whatever order they came in.
        const applied = new Set([...first, ...answers].filter((r) => r.status === 'applied').map((r) => r.id));
        const all = [...earlier, ...batch].filter(
          (m, i, a) => applied.has(m.id) && a.findIndex((x) => x.id === m.id) === i,
        );
        itemIds.forEach((itemId, i) => {
          const changes = all
            .filter((m) => m.payload.itemId === itemId)
            .map((m) => ({ id: m.id, ...toStatusChange(m) }));
          expect(after[i]).toEqual(resolveStatus(OPEN_STATE, changes));
        });
      }),
      { numRuns: Number(process.env.PUSH_BATCH_RUNS ?? 40), endOnFailure: true },
    );
  });
});

describe('set-based push, a record written by a writer without the office lock', () => {
  it('undoes the whole slice and applies it one at a time: every id recorded once, no server_error', async () => {
    run += 1;
    const itemIds = Array.from({ length: ITEMS }, (_, i) => `pb-${run}-${i}`);
    await addItems(batched, itemIds);
    const batch = itemIds.flatMap((_, i) => [
      toMutation({ item: i, kind: 'returned', minute: 1, id: crypto.randomUUID() }, itemIds),
      toMutation({ item: i, kind: 'reopened', minute: 2, id: crypto.randomUUID() }, itemIds),
    ]);
    const racing = batch[3] as ItemMutation;
    let raced = 0;
    // Between the slice's read of the recorded ids and its write, "another writer" records one of
    // them (in the same transaction here, so the rollback takes it away too and the one-at-a-time
    // path applies it): the write meets the primary key, not the office lock.
    const racy: Database = {
      ...batched,
      query: (sql, params) => batched.query(sql, params),
      transaction: (fn) =>
        batched.transaction((tx) =>
          fn({
            async query(sql, params) {
              if (raced === 0 && sql.includes('insert into applied_mutations') && sql.includes('json_to_recordset')) {
                raced += 1;
                await tx.query(
                  `insert into applied_mutations (office_id, mutation_id, device_id, type, item_id, at, status)
                   values ($1, $2, $3, $4, $5, $6, 'applied')`,
                  [office.id, racing.id, DEVICE, racing.type, racing.payload.itemId, racing.at],
                );
              }
              return tx.query(sql, params);
            },
          }),
        ),
    };
    const errors: string[] = [];
    const answers = await pushMutations(racy, { officeId: office.id, sessionRef: 'push-batch-test' }, DEVICE, batch, {
      onError: (line) => errors.push(line),
    });
    expect(raced).toBe(1);
    // Told apart from a value error: no "applied one by one" line, and nothing answered server_error.
    expect(errors).toEqual([]);
    expect(answers).toEqual(batch.map((m) => ({ id: m.id, status: 'applied' })));
    const counted = await batched.query<{ n: unknown; audited: unknown }>(
      `select (select count(*) from applied_mutations where office_id = $1 and mutation_id = any($2::uuid[])) as n,
              (select count(*) from audit_log where office_id = $1 and mutation_id = any($2::uuid[])) as audited`,
      [office.id, batch.map((m) => m.id)],
    );
    expect(toNumber(counted.rows[0]?.n)).toBe(batch.length);
    expect(toNumber(counted.rows[0]?.audited)).toBe(batch.length);
    expect(await states(batched, itemIds)).toEqual(
      itemIds.map((itemId) =>
        resolveStatus(
          OPEN_STATE,
          batch.filter((m) => m.payload.itemId === itemId).map((m) => ({ id: m.id, ...toStatusChange(m) })),
        ),
      ),
    );
  });
});
