import { useEffect, useRef } from 'react';

/** How long after mounting the element is held at the top while the page settles, in ms. */
const SETTLE_MS = 1500;

/**
 * What an action opened comes to where the clerk is looking (issue 21): when the element mounts it is
 * scrolled to the top of the screen and takes the focus, so keyboard and screen-reader users land on
 * it too. The element needs tabIndex={-1} when it is not a control (a heading, a section).
 *
 * The jump is instant, and repeated while the page settles: a smooth scroll across a window-scrolled
 * virtual list (お知らせ's recipients) was cut short by the list's own scroll corrections as it
 * measured the rows passing by, and content loading above (a notice's languages) moves the element
 * after the first jump. The clerk's own scrolling (touch, wheel, keys) ends the hold.
 */
export function useRevealOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const reveal = () => element.scrollIntoView?.({ block: 'start', behavior: 'instant' });
    reveal();
    element.focus({ preventScroll: true });
    // Whatever changes size or scrolls the page (not the clerk) may move the element: bring it back
    // until the page settles. A jump to where the page already is fires no scroll event: no loop.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => reveal());
    observer?.observe(document.body);
    window.addEventListener('scroll', reveal, { passive: true });
    const stop = () => {
      observer?.disconnect();
      window.removeEventListener('scroll', reveal);
    };
    const timer = setTimeout(stop, SETTLE_MS);
    const userScroll = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    for (const type of userScroll) window.addEventListener(type, stop, { once: true, passive: true });
    return () => {
      clearTimeout(timer);
      stop();
      for (const type of userScroll) window.removeEventListener(type, stop);
    };
  }, []);
  return ref;
}
