import type { ItemStatus, ReturnMethod } from './recall';

/**
 * The clerk owns an item's collection status; these rules merge status changes from any number of
 * tablets, and the server and the client apply the very same functions
 * (docs/decisions/006-conflict-rules.md):
 * - changes are ordered by the time they were made on their device, then by mutation id;
 * - the latest change decides the status; a reopen (or a "cannot be returned") is an explicit change
 *   that wins over anything older;
 * - returns in a row (no reopen in between) are one return, at the earliest return time.
 *
 * `resolveStatus` folds ALL changes of an item in that order, so the result does not depend on the
 * order they arrived in. `applyStatusChange` is one step of that fold: applied to a change later than
 * every change already folded in it gives exactly the resolved state; applied out of order it is only
 * a prediction (what a tablet shows until the server's resolved state comes back).
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

/**
 * The time to stamp on a change a clerk makes on top of the state the tablet shows: its device time,
 * or just after the shown state's change when the clock says otherwise (a tablet clock behind another
 * tablet's, or two taps in the same millisecond). What the clerk acted on is then always ordered
 * before the action, on every party, so an undo or a correction never loses to the state it undid.
 */
export function stampAfter(deviceAt: string, shownChangedAt: string | null): string {
  if (shownChangedAt === null || time(deviceAt) > time(shownChangedAt)) return deviceAt;
  return new Date(time(shownChangedAt) + 1).toISOString();
}

/** A status change with its mutation id, which breaks ties between changes made at the same instant. */
export type IdentifiedStatusChange = StatusChange & { id: string };

/** The order of changes: device time, then mutation id (lower case, so every party sorts alike). */
export function compareChanges(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const byTime = time(a.at) - time(b.at);
  if (byTime !== 0) return byTime;
  const x = a.id.toLowerCase();
  const y = b.id.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The status of an item from the state the insurer delivered it in (`base`) and every change the
 * clerks made to it, whatever order they arrived in.
 */
export function resolveStatus(base: CollectionState, changes: readonly IdentifiedStatusChange[]): CollectionState {
  return [...changes].sort(compareChanges).reduce<CollectionState>(applyStatusChange, base);
}
