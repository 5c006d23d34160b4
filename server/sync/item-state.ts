import { type CollectionState, OPEN_STATE } from '../../src/domain/collection-status';
import { toInstant } from '../db/convert';

/** The columns of a recall_items row that hold its collection state. */
export type ItemStateRow = {
  status: CollectionState['status'];
  returned_at: unknown;
  return_method: CollectionState['returnMethod'];
  unreturnable_kind: CollectionState['unreturnableKind'];
  unreturnable_reason: string | null;
  status_changed_at: unknown;
};

/** An item's state as stored in its row. */
export function toState(row: ItemStateRow): CollectionState {
  return {
    status: row.status,
    returnedAt: toInstant(row.returned_at),
    returnMethod: row.return_method,
    unreturnableKind: row.unreturnable_kind,
    unreturnableReason: row.unreturnable_reason,
    statusChangedAt: toInstant(row.status_changed_at),
  };
}

/**
 * A state stored as JSON (base_state, state_after): PGlite and node-postgres hand jsonb back parsed,
 * a text parameter comes back as a string; a state written before a field existed gets its default.
 */
export function fromJson(value: CollectionState | string): CollectionState {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as CollectionState) : value;
  return { ...OPEN_STATE, ...parsed };
}
