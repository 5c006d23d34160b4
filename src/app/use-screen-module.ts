import { useEffect, useState } from 'react';

/**
 * A screen that lives in its own chunk, loaded without suspending. React 19 holds a Suspense
 * boundary's reveal until 300 ms after its fallback showed, so a `lazy()` passcode screen on every
 * cold start appeared ~270 ms after its chunk had arrived (offline cold-start bench). Loading the
 * chunk ourselves and rendering nothing until it is there costs no such wait.
 */
export type ScreenModule<T> = { load: () => Promise<T>; loaded: () => T | undefined };

export function screenModule<T>(importer: () => Promise<T>): ScreenModule<T> {
  let value: T | undefined;
  let pending: Promise<T> | undefined;
  return {
    load: () => {
      pending ??= importer().then(
        (module) => {
          value = module;
          return module;
        },
        (error: unknown) => {
          // A failed fetch (a deployment replaced the chunk) may succeed on the next try.
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    loaded: () => value,
  };
}

/** The module once loaded (at once if it already is); starts the load on first use. */
export function useScreenModule<T>(screen: ScreenModule<T>, wanted = true): T | undefined {
  const [module, setModule] = useState(screen.loaded);
  useEffect(() => {
    if (!wanted || module) return;
    let live = true;
    screen.load().then(
      (loaded) => {
        if (live) setModule(() => loaded);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [screen, wanted, module]);
  return module;
}
