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
