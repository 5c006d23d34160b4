import type { ItemMutation, Mutation, MutationResult } from '../../src/api/schemas';
import { isItemMutation, toStatusChange } from '../../src/api/status-change';
import {
  type CollectionState,
  type IdentifiedStatusChange,
  OPEN_STATE,
  resolveStatus,
} from '../../src/domain/collection-status';
import { formFor } from '../../src/domain/reports/report-forms';
import { recordAudit } from '../audit/audit-log';
import type { LiveSession } from '../auth/sessions';
import { toInstant, toInstantRequired } from '../db/convert';
import type { Database, Queryable } from '../db/database';
import { applyHrEvent } from './apply-hr-event';
import { applyMemberMutation } from './apply-member-mutation';
import { applyReportMutation, isInLiveReport } from './apply-report-mutation';
import { lockOfficeChanges } from './office-lock';

type ItemRow = {
  status: CollectionState['status'];
  returned_at: unknown;
  return_method: CollectionState['returnMethod'];
  unreturnable_kind: CollectionState['unreturnableKind'];
  unreturnable_reason: string | null;
  status_changed_at: unknown;
  withdrawn: boolean;
  base_state: CollectionState | null;
};

type HistoryRow = { mutation_id: string; type: ItemMutation['type']; at: unknown; payload: ItemMutation['payload'] };

type Recorded = { status: 'applied' | 'rejected'; reason: string | null };

/** Thrown inside a transaction to roll it back when another request recorded the same mutation first. */
class LostRace extends Error {}

/**
 * Applies a device's mutations in order, each in its own transaction, so one rejected (or failing)
 * mutation never undoes or blocks the ones before it. Each mutation id is applied at most once per
 * office: a retry answers `duplicate`, or `rejected` with the original reason.
 */
/** What a push needs of the session: either token may push, so its scope does not matter here. */
type PushingSession = Pick<LiveSession, 'officeId' | 'sessionRef'>;

export async function pushMutations(
  db: Database,
  session: PushingSession,
  deviceId: string,
  mutations: Mutation[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    results.push(await applyOne(db, session, deviceId, mutation));
  }
  return results;
}

async function applyOne(db: Database, session: PushingSession, deviceId: string, m: Mutation): Promise<MutationResult> {
  const { officeId } = session;
  try {
    return await db.transaction(async (tx) => {
      // Before the idempotency check and before any version is drawn (see lockOfficeChanges).
      await lockOfficeChanges(tx, officeId);
      const earlier = await findRecorded(tx, officeId, m.id);
      if (earlier) return answerForRetry(m.id, earlier);

      const reason = isItemMutation(m)
        ? await applyToItem(tx, officeId, m)
        : m.type === 'report.submitted'
          ? await applyReportMutation(tx, officeId, m)
          : m.type === 'hr_event.recorded'
            ? await applyHrEvent(tx, officeId, m)
            : await applyMemberMutation(tx, officeId, m);
      const inserted = await tx.query(
        `insert into applied_mutations (office_id, mutation_id, device_id, type, item_id, at, status, reason, payload)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
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
  if (m.type === 'hr_event.recorded') return m.payload.list.id;
  const payload: Record<string, unknown> = m.payload;
  const id = payload.itemId ?? payload.memberId;
  return typeof id === 'string' ? id : null;
}

function answerForRetry(id: string, recorded: Recorded): MutationResult {
  return recorded.status === 'rejected'
    ? { id, status: 'rejected', reason: recorded.reason ?? 'rejected' }
    : { id, status: 'duplicate' };
}

/**
 * Returns a rejection reason, or null when the mutation was applied. The item's status is resolved
 * again from its base state and every applied change including this one (resolveStatus), so the
 * result is the same whatever order the tablets' pushes arrive in.
 */
async function applyToItem(tx: Queryable, officeId: string, m: ItemMutation): Promise<string | null> {
  // Scoped by office: another office's item id looks exactly like a missing one. The row lock
  // serialises concurrent changes of one item on a multi-connection database.
  const found = await tx.query<ItemRow>(
    `select status, returned_at, return_method, unreturnable_kind, unreturnable_reason,
            status_changed_at, withdrawn, base_state
       from recall_items where id = $1 and office_id = $2 for update`,
    [m.payload.itemId, officeId],
  );
  const row = found.rows[0];
  if (!row) return 'item_not_found';
  if (row.withdrawn) return 'item_withdrawn';

  // No base yet: nothing was applied to this item, so its current state is how the insurer sent it.
  const base = row.base_state ? fromJson(row.base_state) : toState(row);
  const history = await tx.query<HistoryRow>(
    `select mutation_id, type, at, payload from applied_mutations
      where office_id = $1 and item_id = $2 and status = 'applied' and payload is not null`,
    [officeId, m.payload.itemId],
  );
  const changes: IdentifiedStatusChange[] = history.rows.map((h) => {
    const payload = typeof h.payload === 'string' ? JSON.parse(h.payload) : h.payload;
    const id = String(h.mutation_id);
    const mutation = { id, type: h.type, at: toInstantRequired(h.at), payload } as ItemMutation;
    return { id, ...toStatusChange(mutation) };
  });
  changes.push({ id: m.id, ...toStatusChange(m) });
  const next = resolveStatus(base, changes);
  // An item in a report the insurer holds keeps its status: undoing it needs a correcting report.
  // A second tick of the same return (another tablet) changes nothing and is accepted.
  const formChanges = formFor(next.status, next.unreturnableKind) !== formFor(row.status, row.unreturnable_kind);
  if (formChanges && (await isInLiveReport(tx, officeId, m.payload.itemId))) return 'item_in_report';
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
  return null;
}

function toState(row: ItemRow): CollectionState {
  return {
    status: row.status,
    returnedAt: toInstant(row.returned_at),
    returnMethod: row.return_method,
    unreturnableKind: row.unreturnable_kind,
    unreturnableReason: row.unreturnable_reason,
    statusChangedAt: toInstant(row.status_changed_at),
  };
}

function fromJson(value: CollectionState | string): CollectionState {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as CollectionState) : value;
  return { ...OPEN_STATE, ...parsed };
}
