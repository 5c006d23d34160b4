import type { Database } from './database';

/** Resolves after the event loop's next check phase, i.e. after pending I/O callbacks have run. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets the event loop read the requests that arrived during long background work (a publish's batch,
 * a pull-JSON fill step), and on PGlite (one connection, in this thread) lets their queries run
 * first, for at most `maxWaitMs`. PGlite resolves its queries without ever reaching the poll phase,
 * so without the yield a tablet's pull is not even read until the work is done (ADR 029); and a pull
 * is several queries one after another, each of which would otherwise queue behind the next step
 * (ADR 032: a pull's p99 was 8.8 s with one yield per batch).
 */
export async function letQueuedRequestsRun(db: Database, maxWaitMs: number): Promise<void> {
  const until = performance.now() + maxWaitMs;
  do await yieldToEventLoop();
  while ((db.queued?.() ?? 0) > 0 && performance.now() < until);
}
