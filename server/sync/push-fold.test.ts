import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemMutation, MutationResult } from '../../src/api/schemas';
import { toStatusChange } from '../../src/api/status-change';
import { OPEN_STATE, resolveStatus } from '../../src/domain/collection-status';
import { toInstant } from '../db/convert';
import type { Database, Queryable } from '../db/database';
import { itemStates as states } from '../testing/item-states';
import { openTestDatabase } from '../testing/test-database';
import { pushMutations } from './push';

/**
 * Late changes folded inside a set-based batch (docs/decisions/037): several tablets of one office
 * change the same items, each on its own clock, and their pushes arrive interleaved, so most of a
 * batch's changes go before a change already applied to their item. Two databases with the same
 * items get the same pushes, one applied set-based, the other one mutation per transaction (the
 * reference). Both must give the same answer for every mutation, the same item states and the same
 * applied_mutations rows (state after each change included), and the set-based side must have folded
 * every late change in its batch: none went the one-at-a-time way.
 */
const DEVICE = '00000000-0000-4000-8000-0000000000d2';
/** Items 0–2 plain, 3 in a report the insurer holds (from the second push on), 4 withdrawn, 5 unknown. */
const ITEMS = 5;
const IN_REPORT = 3;
const WITHDRAWN = 4;

let batched: Database;
let single: Database;
let office: { id: string; listId: string; memberId: string };
let run = 0;
/** One-row idempotency inserts on the set-based side: mutations applied on their own. */
let isolated = 0;

/** The set-based side's database, counting the one-at-a-time path's writes (push.ts, applyOne). */
function counting(db: Database): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction')
        return <T>(fn: (tx: Queryable) => Promise<T>) =>
          target.transaction((tx) =>
            fn({
              query: (sql, params) => {
                if (sql.includes('insert into applied_mutations') && !sql.includes('json_to_recordset')) isolated += 1;
                return tx.query(sql, params);
              },
            }),
          );
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  [batched, single] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  const row = await batched.query<{ office_id: string; list_id: string; member_id: string }>(
    'select office_id, list_id, member_id from recall_items where not withdrawn order by id limit 1',
  );
  const r = row.rows[0];
  if (!r) throw new Error('demo seed has no items');
  office = { id: r.office_id, listId: r.list_id, memberId: r.member_id };
  // Two migrated, seeded databases: slow on a loaded machine.
}, 180_000);
afterAll(async () => {
  await Promise.all([batched?.close(), single?.close()]);
});

type Kind = 'returned' | 'reopened' | 'unreturnable';
/** A new change, or (`again`) a mutation sent before, picked among those sent so far. */
type Step = { item: number; kind: Kind; minute: number; id: string; again: number | null };

const step = fc.record({
  item: fc.nat(ITEMS),
  kind: fc.constantFrom<Kind>('returned', 'reopened', 'unreturnable'),
  // Few minutes: ties on time happen (broken by id), and most changes go before another of their item.
  minute: fc.nat(12),
  id: fc.uuid({ version: 4 }),
  again: fc.option(fc.nat(200), { freq: 5 }),
});

const scenario = fc.record({
  pushes: fc.array(fc.array(step, { minLength: 2, maxLength: 40 }), { minLength: 2, maxLength: 4 }),
  // The set-based side's slice size: a whole push, or slices that split a push.
  batchSize: fc.constantFrom(500, 7),
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
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, due_date, withdrawn)
     select id, $2, $3, $4, 'certificate', 'got_myna', '1', '2026-01-01', '2026-12-31', id = $5
       from unnest($1::text[]) id`,
    [ids, office.id, office.listId, office.memberId, ids[WITHDRAWN]],
  );
}

/** The insurer holds a report with the item, in whatever form its state has now. */
async function report(db: Database, itemId: string, reportId: string): Promise<void> {
  await db.query(
    `insert into reports (office_id, id, mutation_id, form, period, clerk_name, clerk_phone, created_at)
     values ($1, $2, $3, 'return_notice', '2026-11', 'x', 'x', now())`,
    [office.id, reportId, reportId],
  );
  await db.query(
    `insert into report_items (office_id, report_id, item_id, form) values ($1, $2, $3, 'return_notice')`,
    [office.id, reportId, itemId],
  );
}

/** The idempotency records of the given ids, as comparable values. */
async function records(db: Database, ids: string[]): Promise<unknown[]> {
  const rows = await db.query<Record<string, unknown>>(
    `select mutation_id::text as mutation_id, device_id, type, item_id, at, status, reason, payload, state_after
       from applied_mutations where office_id = $1 and mutation_id = any($2::uuid[]) order by mutation_id`,
    [office.id, ids],
  );
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return rows.rows.map((r) => ({
    ...r,
    at: toInstant(r.at),
    payload: json(r.payload),
    state_after: json(r.state_after),
  }));
}

async function push(db: Database, ms: ItemMutation[], batchSize: number): Promise<MutationResult[]> {
  return pushMutations(db, { officeId: office.id, sessionRef: 'push-fold-test' }, DEVICE, ms, { batchSize });
}

describe('set-based push with late changes folded in the batch (property)', () => {
  it('answers, stores and refolds exactly what the one-at-a-time push does, without leaving the batch', async () => {
    const viaBatch = counting(batched);
    let late = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ pushes, batchSize }) => {
        run += 1;
        isolated = 0;
        const itemIds = Array.from({ length: ITEMS }, (_, i) => `pf-${run}-${i}`);
        await Promise.all([addItems(batched, itemIds), addItems(single, itemIds)]);
        // Ids fresh per run (one office, many runs): fast-check may reuse uuids across runs.
        const rename = new Map<string, string>();
        const sent: ItemMutation[] = [];
        const newest = new Map<string, number>();
        for (const [n, steps] of pushes.entries()) {
          if (n === 1) {
            const reportId = crypto.randomUUID();
            await Promise.all([
              report(batched, itemIds[IN_REPORT] as string, reportId),
              report(single, itemIds[IN_REPORT] as string, reportId),
            ]);
          }
          const batch: ItemMutation[] = [];
          for (const s of steps) {
            const pool = [...sent, ...batch];
            const again = s.again === null ? undefined : pool[s.again % Math.max(pool.length, 1)];
            if (again) {
              batch.push(again);
              continue;
            }
            const id = rename.get(s.id) ?? crypto.randomUUID();
            rename.set(s.id, id);
            const m = toMutation({ ...s, id }, itemIds);
            const t = Date.parse(m.at);
            if (t < (newest.get(m.payload.itemId) ?? Number.NEGATIVE_INFINITY)) late += 1;
            newest.set(m.payload.itemId, Math.max(t, newest.get(m.payload.itemId) ?? t));
            batch.push(m);
          }
          const answers = await push(viaBatch, batch, batchSize);
          expect(answers).toEqual(await push(single, batch, 1));
          sent.push(...batch);
        }
        // A slice's lone last mutation is applied on its own (push.ts applies runs of two or more
        // set-based); nothing else may leave the batch.
        const lone = pushes.filter((p) => p.length % batchSize === 1).length;
        expect(isolated).toBeLessThanOrEqual(lone);

        const ids = [...new Set(sent.map((m) => m.id))];
        expect(await records(batched, ids)).toEqual(await records(single, ids));
        const after = await states(batched, itemIds);
        expect(after).toEqual(await states(single, itemIds));
        // And both are the fold of every applied change (ADR 006), whatever order they came in.
        const applied = await batched.query<{ mutation_id: string }>(
          `select mutation_id::text as mutation_id from applied_mutations
            where office_id = $1 and mutation_id = any($2::uuid[]) and status = 'applied'`,
          [office.id, ids],
        );
        const appliedIds = new Set(applied.rows.map((r) => r.mutation_id));
        itemIds.forEach((itemId, i) => {
          const changes = ids
            .map((id) => sent.find((m) => m.id === id) as ItemMutation)
            .filter((m) => appliedIds.has(m.id) && m.payload.itemId === itemId)
            .map((m) => ({ id: m.id, ...toStatusChange(m) }));
          expect(after[i]).toEqual(resolveStatus(OPEN_STATE, changes));
        });
      }),
      { numRuns: Number(process.env.PUSH_FOLD_RUNS ?? 30), endOnFailure: true },
    );
    // The scenarios did send late changes (else the property says nothing about them).
    expect(late).toBeGreaterThan(0);
  });
});
