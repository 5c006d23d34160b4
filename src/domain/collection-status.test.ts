import { describe, expect, it } from 'vitest';
import { applyStatusChange, OPEN_STATE, type StatusChange } from './collection-status';

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
