export const DEFAULT_AUTO_LOCK_MINUTES = 5;
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30] as const;
/** Away from the app (another app, screen off) for longer than this locks it on return. */
export const HIDDEN_LOCK_MS = 60_000;

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export type AutoLockOptions = {
  idleMs: number;
  hiddenMs?: number;
  onLock: () => void;
  target?: Window;
  now?: () => number;
};

/**
 * Locks after `idleMs` without a touch, key or wheel, and when the app comes back after being
 * hidden longer than `hiddenMs`. Timers and clock are the window's, so tests can drive them with a
 * fake clock. Returns a function that stops watching.
 */
export function startAutoLock({
  idleMs,
  hiddenMs = HIDDEN_LOCK_MS,
  onLock,
  target = window,
  now = () => Date.now(),
}: AutoLockOptions): () => void {
  let lastActivity = now();
  let hiddenAt: number | null = null;
  let timer: number | undefined;
  let stopped = false;

  const lock = () => {
    if (stopped) return;
    stop();
    onLock();
  };
  // One timer, re-armed for the remaining time when it fires early, rather than one per keystroke.
  const check = () => {
    const idle = now() - lastActivity;
    if (idle >= idleMs) lock();
    else timer = target.setTimeout(check, idleMs - idle);
  };
  const onActivity = () => {
    lastActivity = now();
  };
  const onVisibility = () => {
    if (target.document.visibilityState === 'hidden') {
      hiddenAt = now();
      return;
    }
    const away = hiddenAt === null ? 0 : now() - hiddenAt;
    hiddenAt = null;
    if (away >= hiddenMs || now() - lastActivity >= idleMs) lock();
  };

  for (const type of ACTIVITY) target.addEventListener(type, onActivity, { capture: true, passive: true });
  target.document.addEventListener('visibilitychange', onVisibility);
  timer = target.setTimeout(check, idleMs);

  function stop() {
    stopped = true;
    target.clearTimeout(timer);
    for (const type of ACTIVITY) target.removeEventListener(type, onActivity, { capture: true });
    target.document.removeEventListener('visibilitychange', onVisibility);
  }
  return stop;
}
