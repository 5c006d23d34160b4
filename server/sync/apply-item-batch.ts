import type { ItemMutation, MutationResult } from '../../src/api/schemas';
import { toStatusChange } from '../../src/api/status-change';
import {
  applyStatusChange,
  type CollectionState,
  compareChanges,
  type StatusChange,
} from '../../src/domain/collection-status';
import { formFor } from '../../src/domain/reports/report-forms';
import { toInstantRequired } from '../db/convert';
import type { Queryable } from '../db/database';
import { fromJson, type ItemStateRow, toState } from './item-state';

/** An applied change of the item after the batch's earliest change of it, as read for the refold. */
type TailRow = { at: string; id: string; type: ItemMutation['type']; payload: ItemMutation['payload']; state: unknown };

type ItemRow = ItemStateRow & {
  id: string;
  withdrawn: boolean;
  base_state: CollectionState | string | null;
  /** The latest applied change before the batch's earliest change of the item (both null when none). */
  prev_id: string | null;
  prev_state: CollectionState | string | null;
  /** The applied changes after the batch's earliest change of the item, in fold order (null when none). */
  tail: TailRow[] | string | null;
  in_live_report: boolean;
};

/** One applied change in the item's fold order, as the batch knows it. */
type Link = {
  at: string;
  id: string;
  /** The change as a refold sees it: with the time as the database gives it back (see `storedChange`). */
  change: StatusChange;
  /** The state after this change (state_after). */
  state: CollectionState;
  /** Recorded by an earlier push: its state_after is rewritten when a refold passes it. */
  stored: boolean;
  refolded: boolean;
};

/** What the batch knows of one item while it folds the batch's changes in memory. */
type ItemWork = {
  withdrawn: boolean;
  /** The item's state as stored (and as this batch leaves it): what the report rule compares with. */
  current: CollectionState;
  /** The state before the first link: after the latest applied change before them, or the base. */
  before: CollectionState;
  /**
   * The applied changes from the batch's earliest change of the item on, in fold order
   * (docs/decisions/006): the stored ones read at once, the batch's own inserted where they fall.
   */
  chain: Link[];
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
   * Set when mutations[results.length] cannot be folded in memory (the item's history predates
   * migration 010 and needs its one full refold): the caller applies it on its own.
   */
  stoppedAt: number | null;
};

/** Thrown when the insert of the batch's records finds one recorded by another writer: the caller redoes the batch one at a time. */
export class BatchRace extends Error {}

/**
 * Applies a run of item changes of one office in a few statements, inside the caller's transaction,
 * which holds the office's change lock (office-lock.ts). Reads the recorded ids, then the items (row
 * locked) with the part of their history the batch's changes fold into and their live report marks,
 * at once; folds in memory with the domain's own functions, in the batch's order; writes the items,
 * the idempotency records (with the state after each change), the refolded states of earlier changes
 * and the audit rows with one multi-row statement each (docs/decisions/023, 037).
 *
 * A change older than the item's latest applied change (another tablet's tick that arrives late) is
 * folded in where it falls, and the changes after it are refolded from it, exactly as the
 * one-at-a-time path does (push.ts, applyToItem), so it no longer ends the batch (docs/decisions/037).
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

  // Each item's earliest change in this batch (fold order): the history after it is all a refold
  // can touch, and the latest change before it is where the refold starts.
  const firsts = new Map<string, ItemMutation>();
  for (const m of mutations) {
    if (recorded.has(m.id.toLowerCase())) continue;
    const first = firsts.get(m.payload.itemId);
    if (!first || compareChanges(m, first) < 0) firsts.set(m.payload.itemId, m);
  }
  const items = await loadItems(tx, officeId, [...firsts.values()]);

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
      records.push({ m, reason: reason ?? 'item_not_found', link: null });
      results.push({ id: m.id, status: 'rejected', reason: reason ?? 'item_not_found' });
      continue;
    }
    if (item.unfolded) {
      stoppedAt = i;
      break;
    }
    const link = foldIn(item, m);
    if (!link) {
      recorded.set(key, { status: 'rejected', reason: 'item_in_report' });
      records.push({ m, reason: 'item_in_report', link: null });
      results.push({ id: m.id, status: 'rejected', reason: 'item_in_report' });
      continue;
    }
    recorded.set(key, { status: 'applied', reason: null });
    records.push({ m, reason: null, link });
    results.push({ id: m.id, status: 'applied' });
  }

  await writeBatch(tx, officeId, sessionRef, deviceId, items, records);
  return { results, stoppedAt };
}

/**
 * Folds one change into the item where it falls in fold order and refolds the changes after it,
 * as applyToItem does (push.ts): from the state after the change just before it, the change itself
 * as sent, then each later change as the database gives it back. Returns its link, or undefined when
 * the item is in a report the insurer holds and the result would change its form (nothing changes).
 */
function foldIn(item: ItemWork, m: ItemMutation): Link | undefined {
  const { chain } = item;
  let at = chain.length;
  while (at > 0 && compareChanges(m, chain[at - 1] as Link) < 0) at -= 1;
  const mine = applyStatusChange(at > 0 ? (chain[at - 1] as Link).state : item.before, toStatusChange(m));
  const refolded: CollectionState[] = [];
  let next = mine;
  for (let j = at; j < chain.length; j += 1) {
    next = applyStatusChange(next, (chain[j] as Link).change);
    refolded.push(next);
  }
  // An item in a report the insurer holds keeps its status: undoing it needs a correcting report.
  // A second tick of the same return (another tablet) changes nothing and is accepted.
  const formChanges =
    formFor(next.status, next.unreturnableKind) !== formFor(item.current.status, item.current.unreturnableKind);
  if (formChanges && item.inLiveReport) return undefined;
  refolded.forEach((state, k) => {
    const later = chain[at + k] as Link;
    later.state = state;
    later.refolded = true;
  });
  const link: Link = { at: m.at, id: m.id, change: storedChange(m), state: mine, stored: false, refolded: false };
  chain.splice(at, 0, link);
  item.current = next;
  item.changed = true;
  return link;
}

/**
 * A change as a later refold reads it back from applied_mutations: its time through timestamptz
 * (milliseconds, with a Z), its payload as sent. The one-at-a-time path refolds from those rows, so
 * a state the batch refolds is the very value that path would store.
 */
function storedChange(m: ItemMutation): StatusChange {
  return toStatusChange({ ...m, at: toInstantRequired(m.at) } as ItemMutation);
}

async function loadItems(tx: Queryable, officeId: string, firsts: ItemMutation[]): Promise<Map<string, ItemWork>> {
  const items = new Map<string, ItemWork>();
  if (firsts.length === 0) return items;
  // One statement for every read. Scoped by office: another office's item id looks exactly like a
  // missing one. Row locks (of the items only) in id order serialise concurrent changes of one item
  // without deadlocks between batches. Around the batch's earliest change of each item: the latest
  // applied change before it (one backward step on the fold-order index, migration 010) and the
  // applied changes after it (a forward range on the same index: empty when the batch's changes are
  // all newer, the usual case); the live report mark (one probe of report_items_item_live, migration 013).
  const rows = await tx.query<ItemRow>(
    `select r.id, r.status, r.returned_at, r.return_method, r.unreturnable_kind, r.unreturnable_reason,
            r.status_changed_at, r.withdrawn, r.base_state,
            p.mutation_id as prev_id, p.state_after as prev_state,
            (select json_agg(json_build_object('at', a.at, 'id', a.mutation_id, 'type', a.type,
                                               'payload', a.payload, 'state', a.state_after)
                             order by a.at, a.mutation_id)
               from applied_mutations a
              where a.office_id = r.office_id and a.item_id = r.id and a.status = 'applied'
                and a.payload is not null and (a.at, a.mutation_id) > (f.at, f.id)) as tail,
            exists (select 1 from report_items ri
                     where ri.office_id = r.office_id and ri.item_id = r.id and ri.withdrawn_at is null) as in_live_report
       from json_to_recordset($2::json) as f(item_id text, at timestamptz, id uuid)
       join recall_items r on r.office_id = $1 and r.id = f.item_id
       left join lateral (
         select a.mutation_id, a.state_after from applied_mutations a
          where a.office_id = r.office_id and a.item_id = r.id and a.status = 'applied' and a.payload is not null
            and (a.at, a.mutation_id) < (f.at, f.id)
          order by a.at desc, a.mutation_id desc limit 1) p on true
      order by r.id
      for update of r`,
    [officeId, JSON.stringify(firsts.map((m) => ({ item_id: m.payload.itemId, at: m.at, id: m.id })))],
  );
  for (const row of rows.rows) {
    const current = toState(row);
    // No base yet: nothing was applied to this item, so its current state is how the insurer sent it.
    const base = row.base_state ? fromJson(row.base_state) : current;
    const tail: TailRow[] = typeof row.tail === 'string' ? JSON.parse(row.tail) : (row.tail ?? []);
    // History recorded before migration 010 has no state_after. The first change after it refolds
    // them all (push.ts), so the latest change (the tail's last, else the one before) tells.
    const unfolded = (row.prev_id !== null && !row.prev_state) || tail.some((t) => !t.state);
    items.set(row.id, {
      withdrawn: row.withdrawn,
      current,
      base,
      before: row.prev_state ? fromJson(row.prev_state) : base,
      chain: unfolded
        ? []
        : tail.map((t) => {
            const at = toInstantRequired(t.at);
            const id = String(t.id);
            const payload = typeof t.payload === 'string' ? JSON.parse(t.payload) : t.payload;
            const change = toStatusChange({ id, type: t.type, at, payload } as ItemMutation);
            const state = fromJson(t.state as CollectionState | string);
            return { at, id, change, state, stored: true, refolded: false };
          }),
      unfolded,
      inLiveReport: row.in_live_report,
      changed: false,
    });
  }
  return items;
}

/** A record to write; an applied change's state_after is read from its link when written (a later refold may change it). */
type AppliedRecord = { m: ItemMutation; reason: string | null; link: Link | null };

/**
 * Everything the batch writes, in one statement: the items it changed, the idempotency records (with
 * the state after each change), the new state_after of earlier changes a late change refolded (rows
 * recorded by earlier pushes: never the ones this statement inserts) and the audit rows, so a slice costs one round trip to write however
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
  const rows = records.map(({ m, reason, link }) => ({
    mutation_id: m.id,
    type: m.type,
    item_id: m.payload.itemId,
    at: m.at,
    status: reason ? 'rejected' : 'applied',
    reason,
    // Only what is needed to fold an item's change again.
    payload: reason ? null : m.payload,
    state_after: link?.state ?? null,
  }));
  // Earlier changes a late change of this batch refolded: their new state_after.
  const refolded: { mutation_id: string; state_after: CollectionState }[] = [];
  for (const w of items.values())
    for (const l of w.chain) if (l.stored && l.refolded) refolded.push({ mutation_id: l.id, state_after: l.state });
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
          where r.office_id = $1 and r.id = c.id),
       refolded as (
         update applied_mutations a set state_after = s.state_after::jsonb
           from json_to_recordset($6::json) as s(mutation_id uuid, state_after text)
          where a.office_id = $1 and a.mutation_id = s.mutation_id)
       select 1`,
      [officeId, deviceId, sessionRef, JSON.stringify(rows), JSON.stringify(changed), JSON.stringify(refolded)],
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
