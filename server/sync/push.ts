import { type ItemMutation, type Mutation, type MutationResult, PUSH_BATCH_MAX } from '../../src/api/schemas';
import { isItemMutation, toStatusChange } from '../../src/api/status-change';
import {
  applyStatusChange,
  type CollectionState,
  compareChanges,
  type IdentifiedStatusChange,
} from '../../src/domain/collection-status';
import { formFor } from '../../src/domain/reports/report-forms';
import { recordAudit } from '../audit/audit-log';
import type { LiveSession } from '../auth/sessions';
import { toInstantRequired } from '../db/convert';
import type { Database, Queryable } from '../db/database';
import { INFRASTRUCTURE_ERROR } from '../http/problem';
import { applyHrEvent } from './apply-hr-event';
import { applyItemBatch, type BatchOutcome, BatchRace } from './apply-item-batch';
import { applyListImport } from './apply-list-import';
import { applyMemberMutation } from './apply-member-mutation';
import { applyReportMutation, isInLiveReport } from './apply-report-mutation';
import { applyValueMapping } from './apply-value-mapping';
import { fromJson, type ItemStateRow, toState } from './item-state';
import { lockOfficeChanges } from './office-lock';
import { applyOfficeProfile } from './office-profile';

type ItemRow = ItemStateRow & { withdrawn: boolean; base_state: CollectionState | string | null };

type HistoryRow = { mutation_id: string; type: ItemMutation['type']; at: unknown; payload: ItemMutation['payload'] };

type Recorded = { status: 'applied' | 'rejected'; reason: string | null };

/** Thrown inside a transaction to roll it back when another request recorded the same mutation first. */
class LostRace extends Error {}

/** What a push needs of the session: either token may push, so its scope does not matter here. */
type PushingSession = Pick<LiveSession, 'officeId' | 'sessionRef'>;

export type PushOptions = {
  /** Where a mutation's unexpected failure is logged (name and driver code, never values). */
  onError?: (line: string) => void;
  /**
   * Longest stretch of work, in milliseconds, before the push lets other requests in. PGlite runs
   * its statements on this thread, so without a pause one large push would hold every other office's
   * request (and /health) until it ends (docs/decisions/014).
   */
  sliceMs?: number;
  /** Most item changes applied set-based in one transaction (PUSH_BATCH_SIZE). */
  batchSize?: number;
};

export const PUSH_SLICE_MS = 10;

/**
 * Most item changes applied in one transaction: bounded, so PGlite interleaves other offices'
 * requests between slices. As many as one request may carry (PUSH_BATCH_MAX): a slice's cost is
 * mostly per statement, not per change (PGlite: slices of 500 apply about 2.5× as many changes per
 * second as slices of 200), so a full push is one transaction of five statements (docs/decisions/027).
 */
export const PUSH_BATCH_SIZE = PUSH_BATCH_MAX;

/**
 * Applies a device's mutations in order. Runs of item changes are applied set-based, a bounded slice
 * per transaction (apply-item-batch.ts); other mutations each in their own transaction. A rejected
 * mutation never undoes or blocks the others; a slice that fails on a value is applied again one
 * mutation per transaction, so only the failing one is rejected. Each mutation id is applied at most once per
 * office: a retry answers `duplicate`, or `rejected` with the original reason. A mutation that fails
 * unexpectedly (a database error about its values) is answered `rejected` with `server_error` and the
 * others go on; only a failure of the database itself (connection, disk) fails the whole request,
 * which the device sends again (what was applied answers `duplicate`).
 */
export async function pushMutations(
  db: Database,
  session: PushingSession,
  deviceId: string,
  mutations: Mutation[],
  options: PushOptions = {},
): Promise<MutationResult[]> {
  const sliceMs = options.sliceMs ?? PUSH_SLICE_MS;
  const batchSize = options.batchSize ?? PUSH_BATCH_SIZE;
  const results: MutationResult[] = [];
  let sliceStarted = performance.now();
  const pause = async () => {
    if (performance.now() - sliceStarted < sliceMs) return;
    // A macrotask turn: requests waiting on the socket get their turn at the database queue.
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };
  let i = 0;
  while (i < mutations.length) {
    await pause();
    // A run of item changes is applied set-based, a bounded slice per transaction (docs/decisions/023).
    const run: ItemMutation[] = [];
    while (i + run.length < mutations.length && run.length < batchSize) {
      const next = mutations[i + run.length];
      if (!next || !isItemMutation(next)) break;
      run.push(next);
    }
    if (run.length > 1) {
      const outcome = await applyBatch(db, session, deviceId, run, options);
      if (outcome) {
        results.push(...outcome.results);
        i += outcome.results.length;
        // The change that could not be folded in memory (its item's history predates migration 010)
        // goes the one-at-a-time way; late changes are folded in the batch (docs/decisions/037).
        if (outcome.stoppedAt !== null) {
          const stopped = mutations[i];
          if (stopped) results.push(await applyIsolated(db, session, deviceId, stopped, options));
          i += 1;
        }
        continue;
      }
      // The slice failed on a value: apply it one at a time, so only the bad mutation is rejected.
      for (const m of run) {
        await pause();
        results.push(await applyIsolated(db, session, deviceId, m, options));
      }
      i += run.length;
      continue;
    }
    const single = mutations[i];
    if (single) results.push(await applyIsolated(db, session, deviceId, single, options));
    i += 1;
  }
  return results;
}

/** A slice of item changes in one transaction under the office lock; undefined when a value failed it. */
async function applyBatch(
  db: Database,
  session: PushingSession,
  deviceId: string,
  run: ItemMutation[],
  options: PushOptions,
): Promise<BatchOutcome | undefined> {
  try {
    return await db.transaction(async (tx) => {
      await lockOfficeChanges(tx, session.officeId);
      return applyItemBatch(tx, session.officeId, session.sessionRef, deviceId, run);
    });
  } catch (err) {
    if (err instanceof BatchRace) return undefined;
    const code = String((err as { code?: unknown }).code ?? '');
    if (!code || INFRASTRUCTURE_ERROR.test(code)) throw err;
    options.onError?.(
      `push: a slice of ${run.length} failed with ${(err as Error).name} (${code}); applied one by one`,
    );
    return undefined;
  }
}

async function applyIsolated(
  db: Database,
  session: PushingSession,
  deviceId: string,
  mutation: Mutation,
  options: PushOptions,
): Promise<MutationResult> {
  try {
    return await applyOne(db, session, deviceId, mutation);
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (!code || INFRASTRUCTURE_ERROR.test(code)) throw err;
    options.onError?.(`push: ${mutation.type} failed with ${(err as Error).name} (${code}); answered server_error`);
    return { id: mutation.id, status: 'rejected', reason: 'server_error' };
  }
}

async function applyOne(db: Database, session: PushingSession, deviceId: string, m: Mutation): Promise<MutationResult> {
  const { officeId } = session;
  try {
    return await db.transaction(async (tx) => {
      // Before the idempotency check and before any version is drawn (see lockOfficeChanges).
      await lockOfficeChanges(tx, officeId);
      const earlier = await findRecorded(tx, officeId, m.id);
      if (earlier) return answerForRetry(m.id, earlier);

      let reason: string | null;
      let stateAfter: CollectionState | null = null;
      if (isItemMutation(m)) {
        const outcome = await applyToItem(tx, officeId, m);
        reason = outcome.reason;
        stateAfter = outcome.stateAfter;
      } else {
        reason =
          m.type === 'report.submitted'
            ? await applyReportMutation(tx, officeId, m)
            : m.type === 'hr_event.recorded'
              ? await applyHrEvent(tx, officeId, m)
              : m.type === 'office_profile.updated'
                ? await applyOfficeProfile(tx, officeId, m)
                : m.type === 'list.imported'
                  ? await applyListImport(tx, officeId, m)
                  : m.type === 'value_mapping.set'
                    ? await applyValueMapping(tx, officeId, m)
                    : await applyMemberMutation(tx, officeId, m);
      }
      const inserted = await tx.query(
        `insert into applied_mutations
           (office_id, mutation_id, device_id, type, item_id, at, status, reason, payload, state_after)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (office_id, mutation_id) do nothing
         returning mutation_id`,
        [
          officeId,
          m.id,
          deviceId,
          m.type,
          isItemMutation(m) ? m.payload.itemId : null,
          m.at,
          reason ? 'rejected' : 'applied',
          reason,
          // Only what is needed to fold an item's change again (member mutations keep theirs elsewhere).
          isItemMutation(m) && !reason ? JSON.stringify(m.payload) : null,
          stateAfter && !reason ? JSON.stringify(stateAfter) : null,
        ],
      );
      // Someone recorded this id between our check and our insert. The office lock rules that out
      // for this code; the primary key still guards any writer that does not take the lock.
      if (inserted.rows.length === 0) throw new LostRace();
      await recordAudit(tx, {
        action: m.type,
        outcome: reason ? 'rejected' : 'applied',
        officeId,
        sessionRef: session.sessionRef,
        deviceId,
        mutationId: m.id,
        targetId: targetOf(m),
        reason,
      });
      return reason ? { id: m.id, status: 'rejected', reason } : { id: m.id, status: 'applied' };
    });
  } catch (err) {
    if (!(err instanceof LostRace)) throw err;
    const winner = await findRecorded(db, officeId, m.id);
    if (!winner) throw new Error('mutation vanished after a conflicting insert');
    return answerForRetry(m.id, winner);
  }
}

async function findRecorded(db: Queryable, officeId: string, mutationId: string): Promise<Recorded | undefined> {
  const found = await db.query<Recorded>(
    'select status, reason from applied_mutations where office_id = $1 and mutation_id = $2',
    [officeId, mutationId],
  );
  return found.rows[0];
}

/** The item or member a mutation is about, for the audit log. */
function targetOf(m: Mutation): string | null {
  if (m.type === 'hr_event.recorded' || m.type === 'list.imported') return m.payload.list.id;
  const payload: Record<string, unknown> = m.payload;
  const id = payload.itemId ?? payload.memberId;
  return typeof id === 'string' ? id : null;
}

function answerForRetry(id: string, recorded: Recorded): MutationResult {
  return recorded.status === 'rejected'
    ? { id, status: 'rejected', reason: recorded.reason ?? 'rejected' }
    : { id, status: 'duplicate' };
}

type ItemOutcome = { reason: string; stateAfter: null } | { reason: null; stateAfter: CollectionState };

const FOLDED = `office_id = $1 and item_id = $2 and status = 'applied' and payload is not null`;

/**
 * Applies a change to an item, or returns why not. The item's status is what folding its base state
 * and every applied change in order gives (resolveStatus, docs/decisions/006), so the result is the
 * same whatever order the tablets' pushes arrive in. Each applied change keeps the state after it
 * (state_after), so a change starts from the state after the change just before it and refolds only
 * the changes after it: none for the latest change, whatever the length of the history.
 */
async function applyToItem(tx: Queryable, officeId: string, m: ItemMutation): Promise<ItemOutcome> {
  // Scoped by office: another office's item id looks exactly like a missing one. The row lock
  // serialises concurrent changes of one item on a multi-connection database.
  const found = await tx.query<ItemRow>(
    `select status, returned_at, return_method, unreturnable_kind, unreturnable_reason,
            status_changed_at, withdrawn, base_state
       from recall_items where id = $1 and office_id = $2 for update`,
    [m.payload.itemId, officeId],
  );
  const row = found.rows[0];
  if (!row) return { reason: 'item_not_found', stateAfter: null };
  if (row.withdrawn) return { reason: 'item_withdrawn', stateAfter: null };

  // No base yet: nothing was applied to this item, so its current state is how the insurer sent it.
  const base = row.base_state ? fromJson(row.base_state) : toState(row);
  const params = [officeId, m.payload.itemId, m.at, m.id];
  const unfolded = await tx.query(`select 1 from applied_mutations where ${FOLDED} and state_after is null limit 1`, [
    officeId,
    m.payload.itemId,
  ]);
  let before: CollectionState;
  let later: HistoryRow[];
  if (unfolded.rows.length > 0) {
    // Changes recorded before migration 010: refold the whole history once, keeping each state.
    before = base;
    later = (
      await tx.query<HistoryRow>(`select mutation_id, type, at, payload from applied_mutations where ${FOLDED}`, [
        officeId,
        m.payload.itemId,
      ])
    ).rows;
  } else {
    const previous = await tx.query<{ state_after: CollectionState | string }>(
      `select state_after from applied_mutations
        where ${FOLDED} and (at, mutation_id) < ($3::timestamptz, $4::uuid)
        order by at desc, mutation_id desc limit 1`,
      params,
    );
    const previousState = previous.rows[0]?.state_after;
    before = previousState ? fromJson(previousState) : base;
    later = (
      await tx.query<HistoryRow>(
        `select mutation_id, type, at, payload from applied_mutations
          where ${FOLDED} and (at, mutation_id) > ($3::timestamptz, $4::uuid)
          order by at, mutation_id`,
        params,
      )
    ).rows;
  }
  const changes: IdentifiedStatusChange[] = later.map((h) => {
    const payload = typeof h.payload === 'string' ? JSON.parse(h.payload) : h.payload;
    const id = String(h.mutation_id);
    const mutation = { id, type: h.type, at: toInstantRequired(h.at), payload } as ItemMutation;
    return { id, ...toStatusChange(mutation) };
  });
  changes.push({ id: m.id, ...toStatusChange(m) });
  changes.sort(compareChanges);
  const states = new Map<string, CollectionState>();
  let next = before;
  for (const change of changes) {
    next = applyStatusChange(next, change);
    states.set(change.id, next);
  }
  // An item in a report the insurer holds keeps its status: undoing it needs a correcting report.
  // A second tick of the same return (another tablet) changes nothing and is accepted.
  const formChanges = formFor(next.status, next.unreturnableKind) !== formFor(row.status, row.unreturnable_kind);
  if (formChanges && (await isInLiveReport(tx, officeId, m.payload.itemId))) {
    return { reason: 'item_in_report', stateAfter: null };
  }
  for (const change of changes) {
    if (change.id === m.id) continue;
    await tx.query('update applied_mutations set state_after = $3 where office_id = $1 and mutation_id = $2', [
      officeId,
      change.id,
      JSON.stringify(states.get(change.id)),
    ]);
  }
  // Every applied change takes a new version, even one that leaves the state as it was: the device
  // that sent it may be showing its own prediction and must pull the resolved state back.
  await tx.query(
    `update recall_items
        set status = $3, returned_at = $4, return_method = $5, unreturnable_kind = $6,
            unreturnable_reason = $7, status_changed_at = $8, base_state = coalesce(base_state, $9::jsonb),
            version = nextval('change_version')
      where id = $1 and office_id = $2`,
    [
      m.payload.itemId,
      officeId,
      next.status,
      next.returnedAt,
      next.returnMethod,
      next.unreturnableKind,
      next.unreturnableReason,
      next.statusChangedAt,
      JSON.stringify(base),
    ],
  );
  return { reason: null, stateAfter: states.get(m.id) ?? next };
}
