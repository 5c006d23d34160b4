import { useEffect, useLayoutEffect, useRef } from 'react';

export type ToastMessage = { id: number; text: string; action?: { label: string; run: () => void } };

/** Clear space kept between the toast and the last line above it, in CSS px. */
const GAP = 8;

/**
 * How far the page must scroll so that no line of text on screen is under the toast (0 when none
 * is). Text lines, not element boxes: a notice's block reaches the bottom of the screen, but only its
 * lines are read. Subtrees that lie wholly outside the toast's band are skipped, so a long page
 * costs little.
 */
export function coveredTextDepth(root: Element, toast: DOMRect, viewportHeight: number): number {
  const bandTop = toast.top - GAP;
  const overlaps = (r: DOMRect) =>
    r.width > 0 &&
    r.height > 0 &&
    r.bottom > bandTop &&
    r.top < viewportHeight &&
    r.right > toast.left &&
    r.left < toast.right;
  let lowest = bandTop;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node instanceof Element) {
        if (node.classList.contains('toast-region')) return NodeFilter.FILTER_REJECT;
        const box = node.getBoundingClientRect();
        // Wholly above the band or below the screen: nothing inside is under the toast.
        if (box.bottom <= bandTop || box.top >= viewportHeight) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_SKIP;
      }
      return (node.textContent ?? '').trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  const range = document.createRange();
  if (typeof range.getClientRects !== 'function') return 0; // no layout (jsdom)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) if (overlaps(line)) lowest = Math.max(lowest, line.bottom);
  }
  return Math.ceil(lowest - bandTop);
}

/**
 * A polite live region that shows the latest message, with an optional action such as undo.
 *
 * The toast floats over the bottom of the screen, where the clerk is often reading (the end of a
 * notice, the row just ticked). When it appears over text, the page scrolls up just far enough that
 * those lines sit above it, and the end of the page gains the room to do so (`--toast-room`), so the
 * toast covers no line that was on screen (issue 21). Nothing moves when it covers only blank space.
 */
export function Toast({
  message,
  onDismiss,
  timeoutMs = 10_000,
}: {
  message: ToastMessage | null;
  onDismiss: () => void;
  timeoutMs?: number;
}) {
  const toast = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, timeoutMs);
    return () => clearTimeout(timer);
  }, [message, onDismiss, timeoutMs]);

  useLayoutEffect(() => {
    const element = toast.current;
    if (!message || !element) return;
    const root = document.documentElement;
    const box = element.getBoundingClientRect();
    // A custom property on the root restyles the whole page: set it only when it changes, and keep
    // it from one message to the next (a tick's toast replaces the last tick's at the same height),
    // so a tick at 10,000 items does not pay for a page-wide style pass twice (docs/benchmarks.md, checklist).
    const room = `${Math.ceil(window.innerHeight - box.top + GAP)}px`;
    if (root.style.getPropertyValue('--toast-room') !== room) root.style.setProperty('--toast-room', room);
    // Behind a modal dialog the page is not what is being read.
    const main = document.querySelector('main');
    if (main && !document.querySelector('dialog[open]')) {
      const depth = coveredTextDepth(main, box, window.innerHeight);
      if (depth > 0) window.scrollBy({ top: depth, behavior: 'instant' });
    }
  }, [message]);
  // The room goes with the last message, and with the toast itself.
  useEffect(() => {
    if (!message) document.documentElement.style.removeProperty('--toast-room');
  }, [message]);
  useEffect(
    () => () => {
      document.documentElement.style.removeProperty('--toast-room');
    },
    [],
  );

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className="toast" key={message.id} ref={toast}>
          <span>{message.text}</span>
          {message.action && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                message.action?.run();
                onDismiss();
              }}
            >
              {message.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
