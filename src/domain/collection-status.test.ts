import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyStatusChange,
  compareChanges,
  type IdentifiedStatusChange,
  OPEN_STATE,
  resolveStatus,
  type StatusChange,
  stampAfter,
} from './collection-status';

const returned = (at: string, method: 'hand' | 'post' = 'hand'): StatusChange => ({
  type: 'item.returned',
  at,
  returnedAt: at,
  method,
});
const reopened = (at: string): StatusChange => ({ type: 'item.reopened', at });
const apply = (...changes: StatusChange[]) => changes.reduce(applyStatusChange, OPEN_STATE);

describe('collection status rules', () => {
  it('a tick marks the item returned with its time and method', () => {
    expect(apply(returned('2026-11-02T01:00:00.000Z', 'post'))).toMatchObject({
      status: 'returned',
      returnedAt: '2026-11-02T01:00:00.000Z',
      returnMethod: 'post',
    });
  });

  it('two tablets ticking one item converge to the earliest return, in either order', () => {
    const a = returned('2026-11-02T01:00:00.000Z', 'hand');
    const b = returned('2026-11-02T03:00:00.000Z', 'post');
    expect(apply(a, b)).toEqual(apply(b, a));
    expect(apply(b, a).returnedAt).toBe('2026-11-02T01:00:00.000Z');
    expect(apply(b, a).returnMethod).toBe('hand');
  });

  it('a reopen later than the tick wins, an older one does not undo a newer tick', () => {
    expect(apply(returned('2026-11-02T01:00:00.000Z'), reopened('2026-11-02T02:00:00.000Z')).status).toBe('to_collect');
    expect(apply(reopened('2026-11-02T02:00:00.000Z'), returned('2026-11-02T01:00:00.000Z')).status).toBe('to_collect');
    expect(apply(reopened('2026-11-02T00:00:00.000Z'), returned('2026-11-02T01:00:00.000Z')).status).toBe('returned');
  });

  it('cannot-be-returned keeps its kind and reason until a later change', () => {
    const state = apply({
      type: 'item.unreturnable',
      at: '2026-11-03T00:00:00.000Z',
      kind: 'lost',
      reason: '火災で焼失',
    });
    expect(state).toMatchObject({ status: 'unreturnable', unreturnableKind: 'lost', unreturnableReason: '火災で焼失' });
    expect(applyStatusChange(state, reopened('2026-11-04T00:00:00.000Z'))).toMatchObject({
      status: 'to_collect',
      unreturnableKind: null,
    });
  });
});

describe('resolving all changes of an item', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 0, minute)).toISOString();
  const change = fc.record({
    id: fc.uuid({ version: 4 }),
    minute: fc.nat(10),
    kind: fc.constantFrom('returned', 'returned', 'reopened', 'unreturnable'),
    earlier: fc.constantFrom(0, 3),
    method: fc.constantFrom('hand' as const, 'post' as const),
  });
  const toChange = (c: { id: string; minute: number; kind: string; earlier: number; method: 'hand' | 'post' }) =>
    (c.kind === 'returned'
      ? { id: c.id, type: 'item.returned', at: at(c.minute), returnedAt: at(c.minute - c.earlier), method: c.method }
      : c.kind === 'reopened'
        ? { id: c.id, type: 'item.reopened', at: at(c.minute) }
        : {
            id: c.id,
            type: 'item.unreturnable',
            at: at(c.minute),
            kind: 'lost',
            reason: '紛失',
          }) as IdentifiedStatusChange;

  it('does not depend on the order the changes arrived in', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), fc.infiniteStream(fc.nat()), (raw, random) => {
        const changes = raw.map(toChange);
        const shuffled = [...changes];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (random.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as IdentifiedStatusChange, shuffled[i] as IdentifiedStatusChange];
        }
        expect(resolveStatus(OPEN_STATE, shuffled)).toEqual(resolveStatus(OPEN_STATE, changes));
      }),
      { numRuns: 300 },
    );
  });

  it('a change later than all others, applied as one step, gives the resolved state', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), (raw) => {
        const changes = raw.map(toChange).sort(compareChanges);
        const last = changes.pop() as IdentifiedStatusChange;
        expect(applyStatusChange(resolveStatus(OPEN_STATE, changes), last)).toEqual(
          resolveStatus(OPEN_STATE, [...changes, last]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('returns at t1 and t3 with a reopen at t2 end returned at t3, whatever the arrival order', () => {
    // Found by the sync model test: applied one by one as they arrived, R1 R3 O2 ended returned at t1.
    const r1 = toChange({
      id: '00000000-0000-4000-8000-000000000001',
      minute: 1,
      kind: 'returned',
      earlier: 0,
      method: 'hand',
    });
    const o2 = toChange({
      id: '00000000-0000-4000-8000-000000000002',
      minute: 2,
      kind: 'reopened',
      earlier: 0,
      method: 'hand',
    });
    const r3 = toChange({
      id: '00000000-0000-4000-8000-000000000003',
      minute: 3,
      kind: 'returned',
      earlier: 0,
      method: 'post',
    });
    for (const order of [
      [r1, r3, o2],
      [r1, o2, r3],
      [o2, r3, r1],
      [r3, r1, o2],
    ]) {
      expect(resolveStatus(OPEN_STATE, order)).toMatchObject({
        status: 'returned',
        returnedAt: at(3),
        returnMethod: 'post',
      });
    }
    expect([r1, r3, o2].reduce(applyStatusChange, OPEN_STATE).returnedAt).toBe(at(1));
  });

  it('a tie in time is broken by the mutation id', () => {
    const a = toChange({
      id: '00000000-0000-4000-8000-00000000000a',
      minute: 5,
      kind: 'reopened',
      earlier: 0,
      method: 'hand',
    });
    const b = toChange({
      id: '00000000-0000-4000-8000-00000000000b',
      minute: 5,
      kind: 'returned',
      earlier: 0,
      method: 'hand',
    });
    expect(resolveStatus(OPEN_STATE, [b, a]).status).toBe('returned');
    expect(resolveStatus(OPEN_STATE, [a, b]).status).toBe('returned');
  });
});

describe('stampAfter', () => {
  it('keeps the device time when it is later than the shown state', () => {
    expect(stampAfter('2026-11-20T03:00:00.000Z', '2026-11-20T02:59:59.999Z')).toBe('2026-11-20T03:00:00.000Z');
    expect(stampAfter('2026-11-20T03:00:00.000Z', null)).toBe('2026-11-20T03:00:00.000Z');
  });

  it('stamps one millisecond after the shown state when the clock is behind or equal', () => {
    expect(stampAfter('2026-11-20T03:00:00.000Z', '2026-11-20T03:00:00.000Z')).toBe('2026-11-20T03:00:00.001Z');
    expect(stampAfter('2026-11-20T02:00:00.000Z', '2026-11-20T03:05:00.000Z')).toBe('2026-11-20T03:05:00.001Z');
  });

  it('orders the new change after the shown one for every party (fold, then the new change wins)', () => {
    const shown = { id: 'ffff', at: '2026-11-20T03:00:00.000Z' };
    const next = { id: '0000', at: stampAfter('2026-11-20T03:00:00.000Z', shown.at) };
    expect(compareChanges(shown, next)).toBeLessThan(0);
  });
});
