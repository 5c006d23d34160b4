import type { ItemMutation, MutationResult } from '../../src/api/schemas';
import { toStatusChange } from '../../src/api/status-change';
import { applyStatusChange, type CollectionState, compareChanges } from '../../src/domain/collection-status';
import { formFor } from '../../src/domain/reports/report-forms';
import { toInstantRequired } from '../db/convert';
import type { Queryable } from '../db/database';
import { fromJson, type ItemStateRow, toState } from './item-state';

type ItemRow = ItemStateRow & {
  id: string;
  withdrawn: boolean;
  base_state: CollectionState | string | null;
  /** The item's latest applied change in fold order (all null when it has none). */
  last_at: unknown;
  last_id: string | null;
  last_state: CollectionState | string | null;
  in_live_report: boolean;
};

/** What the batch knows of one item while it folds the batch's changes in memory. */
type ItemWork = {
  withdrawn: boolean;
  /** The item's state as stored (and as this batch leaves it): what the report rule compares with. */
  current: CollectionState;
  /** The state after the item's latest applied change (its base when it has none): where a later change starts. */
  folded: CollectionState;
  /** The latest applied change, in fold order (docs/decisions/006); null when there is none. */
  last: { at: string; id: string } | null;
  /** Its base state, stored with the first applied change. */
  base: CollectionState;
  /** Changes recorded before migration 010 (no state_after): only the one-at-a-time path refolds them. */
  unfolded: boolean;
  inLiveReport: boolean;
  changed: boolean;
};

type Recorded = { status: 'applied' | 'rejected'; reason: string | null };

export type BatchOutcome = {
  /** Answers for mutations[0 .. results.length), in order. */
  results: MutationResult[];
  /**
   * Set when mutations[results.length] cannot be folded in memory (it goes before the item's latest
   * change, or the item's history predates migration 010): the caller applies it on its own.
   */
  stoppedAt: number | null;
};

/** Thrown when the insert of the batch's records finds one recorded by another writer: the caller redoes the batch one at a time. */
export class BatchRace extends Error {}

/**
 * Applies a run of item changes of one office in a few statements, inside the caller's transaction,
 * which holds the office's change lock (office-lock.ts). Reads the recorded ids, the items (row
 * locked), their latest applied change and their live report marks at once; folds in memory with the
 * domain's own functions, in the batch's order; writes the items, the idempotency records (with the
 * state after each change) and the audit rows with one multi-row statement each (docs/decisions/023).
 *
 * The answers are those the one-at-a-time path gives: a recorded id answers `duplicate` (or its
 * original rejection), and so does an id seen earlier in the same batch.
 */
export async function applyItemBatch(
  tx: Queryable,
  officeId: string,
  sessionRef: string | null,
  deviceId: string,
  mutations: ItemMutation[],
): Promise<BatchOutcome> {
  const ids = [...new Set(mutations.map((m) => m.id.toLowerCase()))];
  const recordedRows = await tx.query<Recorded & { mutation_id: string }>(
    'select mutation_id, status, reason from applied_mutations where office_id = $1 and mutation_id = any($2::uuid[])',
    [officeId, ids],
  );
  const recorded = new Map<string, Recorded>(recordedRows.rows.map((r) => [String(r.mutation_id).toLowerCase(), r]));

  const itemIds = [...new Set(mutations.filter((m) => !recorded.has(m.id.toLowerCase())).map((m) => m.payload.itemId))];
  const items = await loadItems(tx, officeId, itemIds);

  const results: MutationResult[] = [];
  const records: AppliedRecord[] = [];
  let stoppedAt: number | null = null;
  for (const [i, m] of mutations.entries()) {
    const key = m.id.toLowerCase();
    const earlier = recorded.get(key);
    if (earlier) {
      results.push(
        earlier.status === 'rejected'
          ? { id: m.id, status: 'rejected', reason: earlier.reason ?? 'rejected' }
          : { id: m.id, status: 'duplicate' },
      );
      continue;
    }
    const item = items.get(m.payload.itemId);
    const reason = !item ? 'item_not_found' : item.withdrawn ? 'item_withdrawn' : null;
    if (reason || !item) {
      recorded.set(key, { status: 'rejected', reason });
      records.push({ m, reason: reason ?? 'item_not_found', stateAfter: null });
      results.push({ id: m.id, status: 'rejected', reason: reason ?? 'item_not_found' });
      continue;
    }
    if (item.unfolded || (item.last && compareChanges({ at: m.at, id: m.id }, item.last) < 0)) {
      stoppedAt = i;
      break;
    }
    const next = applyStatusChange(item.folded, toStatusChange(m));
    // An item in a report the insurer holds keeps its status: undoing it needs a correcting report.
    const formChanges =
      formFor(next.status, next.unreturnableKind) !== formFor(item.current.status, item.current.unreturnableKind);
    if (formChanges && item.inLiveReport) {
      recorded.set(key, { status: 'rejected', reason: 'item_in_report' });
      records.push({ m, reason: 'item_in_report', stateAfter: null });
      results.push({ id: m.id, status: 'rejected', reason: 'item_in_report' });
      continue;
    }
    item.folded = next;
    item.current = next;
    item.last = { at: m.at, id: m.id };
    item.changed = true;
    recorded.set(key, { status: 'applied', reason: null });
    records.push({ m, reason: null, stateAfter: next });
    results.push({ id: m.id, status: 'applied' });
  }

  await writeBatch(tx, officeId, sessionRef, deviceId, items, records);
  return { results, stoppedAt };
}

async function loadItems(tx: Queryable, officeId: string, itemIds: string[]): Promise<Map<string, ItemWork>> {
  const items = new Map<string, ItemWork>();
  if (itemIds.length === 0) return items;
  // One statement for all three reads. Scoped by office: another office's item id looks exactly like
  // a missing one. Row locks (of the items only) in id order serialise concurrent changes of one item
  // without deadlocks between batches. The latest applied change of each item is one backward step
  // on the fold-order index whatever the length of its history (migration 010); the live report mark
  // one probe of report_items_item_live (migration 013).
  const rows = await tx.query<ItemRow>(
    `select r.id, r.status, r.returned_at, r.return_method, r.unreturnable_kind, r.unreturnable_reason,
            r.status_changed_at, r.withdrawn, r.base_state,
            l.at as last_at, l.mutation_id as last_id, l.state_after as last_state,
            exists (select 1 from report_items ri
                     where ri.office_id = r.office_id and ri.item_id = r.id and ri.withdrawn_at is null) as in_live_report
       from recall_items r
       left join lateral (
         select a.at, a.mutation_id, a.state_after from applied_mutations a
          where a.office_id = r.office_id and a.item_id = r.id and a.status = 'applied' and a.payload is not null
          order by a.at desc, a.mutation_id desc limit 1) l on true
      where r.office_id = $1 and r.id = any($2::text[])
      order by r.id
      for update of r`,
    [officeId, itemIds],
  );
  for (const row of rows.rows) {
    const current = toState(row);
    // No base yet: nothing was applied to this item, so its current state is how the insurer sent it.
    const base = row.base_state ? fromJson(row.base_state) : current;
    const hasLast = row.last_id !== null;
    items.set(row.id, {
      withdrawn: row.withdrawn,
      current,
      base,
      folded: row.last_state ? fromJson(row.last_state) : base,
      last: hasLast ? { at: toInstantRequired(row.last_at), id: String(row.last_id) } : null,
      // Only the latest row needs checking: the first change after migration 010 refolds them all.
      unfolded: hasLast && !row.last_state,
      inLiveReport: row.in_live_report,
      changed: false,
    });
  }
  return items;
}

type AppliedRecord = { m: ItemMutation; reason: string | null; stateAfter: CollectionState | null };

/**
 * Everything the batch writes, in one statement: the items it changed, the idempotency records (with
 * the state after each change) and the audit rows, so a slice costs one round trip to write however
 * long it is. Each changed item takes a new version, even one whose state did not change: the device
 * that sent the change may show its own prediction and must pull the resolved state back.
 *
 * The rows travel as two JSON parameters read with `json_to_recordset` (docs/decisions/034): one
 * `JSON.stringify` of the batch instead of nineteen arrays whose every element the driver escapes
 * into an array literal (a payload twice: once to JSON, once into the literal); the database reads
 * each document once. Nested documents (payload, states) are read as text and cast to jsonb: a
 * jsonb column in `json_to_recordset` costs about four times as much (measured, ADR 034).
 * The records are a plain insert: the caller read the recorded ids under the office lock, so a
 * conflict means a writer that does not take it, and its unique violation rolls the statement back
 * just as the missing rows of `on conflict do nothing` did, without the speculative insertion that
 * clause costs per row.
 */
async function writeBatch(
  tx: Queryable,
  officeId: string,
  sessionRef: string | null,
  deviceId: string,
  items: Map<string, ItemWork>,
  records: AppliedRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map(({ m, reason, stateAfter }) => ({
    mutation_id: m.id,
    type: m.type,
    item_id: m.payload.itemId,
    at: m.at,
    status: reason ? 'rejected' : 'applied',
    reason,
    // Only what is needed to fold an item's change again.
    payload: reason ? null : m.payload,
    state_after: stateAfter,
  }));
  const changed: Record<string, unknown>[] = [];
  for (const [id, w] of items) {
    if (!w.changed) continue;
    const c = w.current;
    changed.push({
      id,
      status: c.status,
      returned_at: c.returnedAt,
      return_method: c.returnMethod,
      unreturnable_kind: c.unreturnableKind,
      unreturnable_reason: c.unreturnableReason,
      status_changed_at: c.statusChangedAt,
      base: w.base,
    });
  }
  try {
    await tx.query(
      `with u as materialized (
         select * from json_to_recordset($4::json)
           as u(mutation_id uuid, type text, item_id text, at timestamptz, status text, reason text,
                payload text, state_after text)),
       recorded as (
         insert into applied_mutations
           (office_id, mutation_id, device_id, type, item_id, at, status, reason, payload, state_after)
         select $1, u.mutation_id, $2, u.type, u.item_id, u.at, u.status, u.reason, u.payload::jsonb, u.state_after::jsonb
           from u),
       audited as (
         insert into audit_log (office_id, session_ref, device_id, action, mutation_id, target_id, outcome, reason)
         select $1, $3, $2, u.type, u.mutation_id, u.item_id, u.status, u.reason from u),
       items as (
         update recall_items r
            set status = c.status, returned_at = c.returned_at, return_method = c.return_method,
                unreturnable_kind = c.unreturnable_kind, unreturnable_reason = c.unreturnable_reason,
                status_changed_at = c.status_changed_at, base_state = coalesce(r.base_state, c.base::jsonb),
                version = nextval('change_version')
           from json_to_recordset($5::json)
                as c(id text, status text, returned_at timestamptz, return_method text, unreturnable_kind text,
                     unreturnable_reason text, status_changed_at timestamptz, base text)
          where r.office_id = $1 and r.id = c.id)
       select 1`,
      [officeId, deviceId, sessionRef, JSON.stringify(rows), JSON.stringify(changed)],
    );
  } catch (err) {
    // Another writer recorded one of these ids between our read and our insert. The office lock rules
    // that out for this code; the primary key still guards any writer that does not take the lock.
    // The statement is undone as a whole (items and audit rows too); the caller applies the batch
    // one mutation at a time, which answers the recorded ids as retries.
    if ((err as { code?: unknown }).code === '23505') throw new BatchRace();
    throw err;
  }
}
