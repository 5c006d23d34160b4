import { useEffect, useRef } from 'react';

/**
 * What an action opened comes to where the clerk is looking (issue 21): when the element mounts it is
 * scrolled to the top of the screen and takes the focus, so keyboard and screen-reader users land on
 * it too. The element needs tabIndex={-1} when it is not a control (a heading, a section).
 */
export function useRevealOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true;
    element.scrollIntoView?.({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    element.focus({ preventScroll: true });
  }, []);
  return ref;
}
