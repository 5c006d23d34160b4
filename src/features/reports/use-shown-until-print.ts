import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * How many of a long run of rows or forms a screen shows: a page of them at first and per "show more"
 * (thousands of them are tens of thousands of elements, ADR 018), every one of them the moment the
 * browser prints, whether from the app's 印刷 button or the browser's own print command:
 * `beforeprint` runs before the print layout, and they are committed synchronously inside it.
 */
export function useShownUntilPrint(total: number, page: number) {
  const [shown, setShown] = useState(page);
  const latest = useRef({ shown, total });
  latest.current = { shown, total };
  useEffect(() => {
    const all = () => flushSync(() => setShown(Number.POSITIVE_INFINITY));
    window.addEventListener('beforeprint', all);
    return () => window.removeEventListener('beforeprint', all);
  }, []);
  /**
   * Shows the rest `chunk` at a time, one task each, so a print of thousands keeps the screen
   * answering (and its progress painted) instead of freezing it inside `beforeprint`.
   */
  const showAll = useCallback(async (chunk: number) => {
    while (latest.current.shown < latest.current.total) {
      const next = latest.current.shown + chunk;
      flushSync(() => setShown(next));
      latest.current.shown = next;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }, []);
  return {
    shown,
    /** How many the next "show more" adds; 0 when all are shown. */
    next: Math.max(0, Math.min(page, total - shown)),
    more: total > shown ? () => setShown(shown + page) : null,
    showAll,
  };
}

// Safari has no requestIdleCallback: a short task per step there.
const whenIdle = (step: () => void): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(step) : window.setTimeout(step, 50);
const cancelIdle = (handle: number) =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : window.clearTimeout(handle);

export type RowsAhead = {
  /** Rows on screen: a page at first and per "show more". */
  shown: number;
  /** Rows in the DOM: those on screen and, hidden until print (`.print-ahead`), the ones rendered ahead. */
  rendered: number;
  more: (() => void) | null;
  /** Renders the rest `chunk` at a time, one task each (the 印刷 button, with progress). */
  renderAll: (chunk: number) => Promise<void>;
};

/**
 * One long table (a report of thousands of rows) on screen a page at a time, and whole in print,
 * without one long task: once the screen is up, the rows not shown are rendered ahead, a chunk per
 * idle period, hidden (`display: none` takes no layout, so each chunk costs only its own rendering).
 * By the time the clerk prints, usually all are there; 印刷 renders what is left in chunks with
 * progress first, and the browser's own print command (`beforeprint`) commits the rest at once.
 */
export function useRowsAheadForPrint(total: number, page: number, chunk: number): RowsAhead {
  const [shown, setShown] = useState(page);
  const [rendered, setRendered] = useState(page);
  const latest = useRef({ rendered, total });
  latest.current = { rendered, total };
  useEffect(() => {
    const all = () => {
      if (latest.current.rendered < latest.current.total) flushSync(() => setRendered(Number.POSITIVE_INFINITY));
    };
    window.addEventListener('beforeprint', all);
    return () => window.removeEventListener('beforeprint', all);
  }, []);
  useEffect(() => {
    if (rendered >= total) return;
    const handle = whenIdle(() => setRendered((was) => Math.max(was, Math.min(total, was + chunk))));
    return () => cancelIdle(handle);
  }, [rendered, total, chunk]);
  const renderAll = useCallback(async (size: number) => {
    while (latest.current.rendered < latest.current.total) {
      const next = Math.min(latest.current.total, latest.current.rendered + size);
      flushSync(() => setRendered((was) => Math.max(was, next)));
      latest.current.rendered = Math.max(latest.current.rendered, next);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }, []);
  const showing = Math.min(shown, total);
  return {
    shown: showing,
    rendered: Math.max(showing, Math.min(rendered, total)),
    more: total > shown ? () => setShown(shown + page) : null,
    renderAll,
  };
}
