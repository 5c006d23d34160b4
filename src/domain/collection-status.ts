import type { ItemStatus, ReturnMethod } from './recall';

/**
 * The clerk owns an item's collection status; these rules merge status changes from any number of
 * tablets, in any order, and the server and the client apply the very same function
 * (docs/decisions/003-sync-shape.md):
 * - two returns of one item converge to one return with the earliest time;
 * - a reopen (or a "cannot be returned") is an explicit change that wins over anything older;
 * - a change older than the last applied one does not undo it.
 */
export type CollectionState = {
  status: ItemStatus;
  returnedAt: string | null;
  returnMethod: ReturnMethod | null;
  unreturnableKind: UnreturnableKind | null;
  unreturnableReason: string | null;
  /** When the change that set `status` was made on its device (ISO 8601, UTC). */
  statusChangedAt: string | null;
};

export const UNRETURNABLE_KINDS = ['lost', 'uncollectable'] as const;
export type UnreturnableKind = (typeof UNRETURNABLE_KINDS)[number];

export type StatusChange =
  | { type: 'item.returned'; at: string; returnedAt: string; method: ReturnMethod }
  | { type: 'item.reopened'; at: string }
  | { type: 'item.unreturnable'; at: string; kind: UnreturnableKind; reason: string };

export const OPEN_STATE: CollectionState = {
  status: 'to_collect',
  returnedAt: null,
  returnMethod: null,
  unreturnableKind: null,
  unreturnableReason: null,
  statusChangedAt: null,
};

const time = (iso: string) => Date.parse(iso);
const isNotOlder = (at: string, than: string | null) => than === null || time(at) >= time(than);
const later = (a: string, b: string | null) => (b === null || time(a) > time(b) ? a : b);

export function applyStatusChange(state: CollectionState, change: StatusChange): CollectionState {
  switch (change.type) {
    case 'item.returned': {
      if (state.status === 'returned' && state.returnedAt !== null) {
        // Two tablets ticked the same certificate: it came back once, at the earlier time.
        const earlier = time(change.returnedAt) < time(state.returnedAt);
        return {
          ...state,
          returnedAt: earlier ? change.returnedAt : state.returnedAt,
          returnMethod: earlier ? change.method : state.returnMethod,
          statusChangedAt: later(change.at, state.statusChangedAt),
        };
      }
      if (!isNotOlder(change.at, state.statusChangedAt)) return state;
      return {
        ...OPEN_STATE,
        status: 'returned',
        returnedAt: change.returnedAt,
        returnMethod: change.method,
        statusChangedAt: change.at,
      };
    }
    case 'item.reopened': {
      if (!isNotOlder(change.at, state.statusChangedAt)) return state;
      return { ...OPEN_STATE, statusChangedAt: change.at };
    }
    case 'item.unreturnable': {
      if (!isNotOlder(change.at, state.statusChangedAt)) return state;
      return {
        ...OPEN_STATE,
        status: 'unreturnable',
        unreturnableKind: change.kind,
        unreturnableReason: change.reason,
        statusChangedAt: change.at,
      };
    }
  }
}
