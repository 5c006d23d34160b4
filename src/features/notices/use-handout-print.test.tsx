import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handout } from './print-handouts';
import { HANDOUT_CHUNK, KEEP_AFTER_PRINT, useHandoutPrint } from './use-handout-print';

const notice = { language: 'ja', dir: 'ltr', title: 't', greeting: null, paragraphs: [], footer: [] };
const make = (memberId: string) => ({ memberId, code: 'ja', target: notice, japanese: notice }) as unknown as Handout;

describe('useHandoutPrint', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('makes a large print in chunks with progress, prints once when all are made, then lets them go', () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const total = HANDOUT_CHUNK * 5 + 7;
    const ids = Array.from({ length: total }, (_, i) => `m${i}`);
    const { result } = renderHook(() => useHandoutPrint(make));
    act(() => result.current.start(ids));
    expect(result.current.progress).toEqual({ done: 0, total });
    act(() => vi.advanceTimersByTime(0));
    expect(result.current.progress).toEqual({ done: HANDOUT_CHUNK, total });
    expect(result.current.chunks).toHaveLength(1);
    expect(print).not.toHaveBeenCalled();
    for (let step = 0; step < 10; step++) act(() => vi.advanceTimersByTime(0));
    expect(print).toHaveBeenCalledTimes(1);
    // Too many to keep on the page once the dialog has closed.
    expect(total).toBeGreaterThan(KEEP_AFTER_PRINT);
    expect(result.current.progress).toBeNull();
    expect(result.current.chunks).toHaveLength(0);
  });

  it('keeps a small print on the page after printing, and skips a member whose notice cannot be made', () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { result } = renderHook(() => useHandoutPrint((id) => (id === 'gone' ? null : make(id))));
    act(() => result.current.start(['a', 'gone', 'b']));
    for (let step = 0; step < 3; step++) act(() => vi.advanceTimersByTime(0));
    expect(print).toHaveBeenCalledTimes(1);
    expect(result.current.progress).toBeNull();
    expect(result.current.chunks.flat().map((handout) => handout.memberId)).toEqual(['a', 'b']);
  });

  it('stops when cancelled', () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    const { result } = renderHook(() => useHandoutPrint(make));
    act(() => result.current.start(Array.from({ length: HANDOUT_CHUNK * 3 }, (_, i) => `m${i}`)));
    act(() => vi.advanceTimersByTime(0));
    act(() => result.current.cancel());
    for (let step = 0; step < 5; step++) act(() => vi.advanceTimersByTime(0));
    expect(print).not.toHaveBeenCalled();
    expect(result.current.chunks).toHaveLength(0);
  });
});
