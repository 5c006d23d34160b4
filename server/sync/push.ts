import type { ItemMutation, Mutation, MutationResult } from '../../src/api/schemas';
import { isItemMutation, toStatusChange } from '../../src/api/status-change';
import { applyStatusChange, type CollectionState } from '../../src/domain/collection-status';
import { toInstant } from '../db/convert';
import type { Database, Queryable } from '../db/database';
import { applyMemberMutation } from './apply-member-mutation';

type ItemRow = {
  status: CollectionState['status'];
  returned_at: unknown;
  return_method: CollectionState['returnMethod'];
  unreturnable_kind: CollectionState['unreturnableKind'];
  unreturnable_reason: string | null;
  status_changed_at: unknown;
  withdrawn: boolean;
};

type Recorded = { status: 'applied' | 'rejected'; reason: string | null };

/** Thrown inside a transaction to roll it back when another request recorded the same mutation first. */
class LostRace extends Error {}

/**
 * Applies a device's mutations in order, each in its own transaction, so one rejected (or failing)
 * mutation never undoes or blocks the ones before it. Each mutation id is applied at most once per
 * office: a retry answers `duplicate`, or `rejected` with the original reason.
 */
export async function pushMutations(
  db: Database,
  officeId: string,
  deviceId: string,
  mutations: Mutation[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    results.push(await applyOne(db, officeId, deviceId, mutation));
  }
  return results;
}

async function applyOne(db: Database, officeId: string, deviceId: string, m: Mutation): Promise<MutationResult> {
  try {
    return await db.transaction(async (tx) => {
      const earlier = await findRecorded(tx, officeId, m.id);
      if (earlier) return answerForRetry(m.id, earlier);

      const reason = isItemMutation(m)
        ? await applyToItem(tx, officeId, m)
        : await applyMemberMutation(tx, officeId, m);
      const inserted = await tx.query(
        `insert into applied_mutations (office_id, mutation_id, device_id, type, item_id, at, status, reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
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
        ],
      );
      // Someone recorded this id between our check and our insert (two requests retrying at once
      // on a multi-connection database): undo our item update and answer as they did.
      if (inserted.rows.length === 0) throw new LostRace();
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

function answerForRetry(id: string, recorded: Recorded): MutationResult {
  return recorded.status === 'rejected'
    ? { id, status: 'rejected', reason: recorded.reason ?? 'rejected' }
    : { id, status: 'duplicate' };
}

/** Returns a rejection reason, or null when the mutation was applied (changed the item or not). */
async function applyToItem(tx: Queryable, officeId: string, m: ItemMutation): Promise<string | null> {
  // Scoped by office: another office's item id looks exactly like a missing one.
  const found = await tx.query<ItemRow>(
    `select status, returned_at, return_method, unreturnable_kind, unreturnable_reason,
            status_changed_at, withdrawn
       from recall_items where id = $1 and office_id = $2 for update`,
    [m.payload.itemId, officeId],
  );
  const row = found.rows[0];
  if (!row) return 'item_not_found';
  if (row.withdrawn) return 'item_withdrawn';

  const current = toState(row);
  const next = applyStatusChange(current, toStatusChange(m));
  // Only a real change takes a new version, so clients are not sent items that did not change.
  if (sameState(current, next)) return null;
  await tx.query(
    `update recall_items
        set status = $3, returned_at = $4, return_method = $5, unreturnable_kind = $6,
            unreturnable_reason = $7, status_changed_at = $8, version = nextval('change_version')
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

/** Timestamps compare as instants: "…:00Z" from a device equals "…:00.000Z" from the database. */
function sameState(a: CollectionState, b: CollectionState): boolean {
  const instant = (v: string | null) => (v === null ? null : Date.parse(v));
  return (
    a.status === b.status &&
    instant(a.returnedAt) === instant(b.returnedAt) &&
    a.returnMethod === b.returnMethod &&
    a.unreturnableKind === b.unreturnableKind &&
    a.unreturnableReason === b.unreturnableReason &&
    instant(a.statusChangedAt) === instant(b.statusChangedAt)
  );
}
