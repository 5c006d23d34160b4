import type { Database, Queryable } from '../db/database';
import { letQueuedRequestsRun } from '../db/yield';
import { officesLockedBy } from './office-lock';

/**
 * Stores each changed item's pull JSON after the write commits, off the request path
 * (docs/decisions/039-stored-pull-json.md, migration 020). A first-sync page is then the stored
 * texts joined instead of JSON built per request. Correctness never depends on this: pull_slice
 * builds the object of any item whose stored text is missing or outdated (built from another
 * version), and every write that changes what a tablet sees draws a new version.
 *
 * Offices are queued when a transaction that took their change lock commits (withPullJsonFiller),
 * and filled a little later by one worker per process, one bounded step (fill_pull_json) at a time.
 */
export class PullJsonFiller {
  private readonly queue = new Set<string>();
  /**
   * Per office, the version up to which the last walk read: every item at or below it had a valid
   * text then, or has since been given a higher version (fill_pull_json). The next fill of the office reads only what changed since, so a push of 3
   * costs a step over 3 rows, not a walk of the office. Lost on restart: the first fill then walks
   * the office once.
   */
  private readonly filledTo = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly options: {
      /** Wait after an office is queued before filling: the writes of a burst are filled in one walk. */
      delayMs?: number;
      /** Items read per statement: small, so requests on PGlite's one connection wait at most one step. */
      step?: number;
      onError?: (line: string) => void;
    } = {},
  ) {}

  /** Queues offices whose items may have changed (after their transaction committed). */
  note(officeIds: Iterable<string>): void {
    if (this.closed) return;
    for (const id of officeIds) this.queue.add(id);
    if (this.queue.size > 0) this.schedule();
  }

  /** Queues every office (start-up: items written before migration 020 or by a stopped process). */
  async noteAll(): Promise<void> {
    const { rows } = await this.db.query<{ id: string }>('select id from offices order by id');
    this.note(rows.map((r) => r.id));
  }

  /** Fills everything queued now, and resolves when the queue is empty (tests, scripts, shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      if (this.running) await this.running;
      else if (this.queue.size > 0) await this.start();
      else return;
    }
  }

  /** Stops taking offices; waits for the step that is running. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.start();
    }, this.options.delayMs ?? 20);
    // A pending fill never keeps a process (a test, a script) alive.
    this.timer.unref?.();
  }

  private start(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.queue.size > 0 && !this.closed) this.schedule();
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    for (const officeId of this.queue) {
      this.queue.delete(officeId);
      try {
        await this.fillOffice(officeId);
      } catch (err) {
        // A failed fill only leaves texts unstored: pulls build those items as before. The office
        // is filled again on its next write. Nothing of the row goes to the log.
        // An error without a driver code is the database closed under a pending fill (a test's or
        // a script's end); nothing to report then.
        const code = (err as { code?: unknown }).code;
        if (!this.closed && code)
          this.options.onError?.(`pull JSON fill of an office failed: ${(err as Error).name} (${code})`);
      }
      if (this.closed) return;
    }
  }

  /** Walks the office's items changed since the last fill, one step per statement. */
  private async fillOffice(officeId: string): Promise<void> {
    const step = this.options.step ?? 100;
    let after = this.filledTo.get(officeId) ?? '0';
    try {
      for (;;) {
        // A fill never holds a pull or a push on PGlite's one connection for longer than one step.
        await letQueuedRequestsRun(this.db, MAX_WAIT_FOR_REQUESTS_MS);
        if (this.closed) return;
        const { rows } = await this.db.query<{ last_version: string | null; scanned: string }>(
          'select last_version::text, scanned::text from fill_pull_json($1::text, $2::bigint, $3::int)',
          [officeId, after, step],
        );
        const row = rows[0];
        if (row?.last_version) after = row.last_version;
        if (!row || Number(row.scanned) < step) return;
      }
    } finally {
      this.filledTo.set(officeId, after);
    }
  }
}

/** The longest a step waits for the requests queued on PGlite's one connection. */
const MAX_WAIT_FOR_REQUESTS_MS = 200;

/**
 * `db` with a filler attached: after each transaction that took an office's change lock commits, the
 * office is queued. A transaction that rolls back queues nothing (it changed nothing).
 */
export function withPullJsonFiller(db: Database, filler: PullJsonFiller): Database {
  const wrapped: Database = {
    query: (sql, params) => db.query(sql, params),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let used: Queryable | undefined;
      const result = await db.transaction((tx) => {
        used = tx;
        return fn(tx);
      });
      const offices = used && officesLockedBy(used);
      if (offices) filler.note(offices);
      return result;
    },
    async close() {
      await filler.close();
      await db.close();
    },
    connections: db.connections,
  };
  if (db.queued) wrapped.queued = () => db.queued?.() ?? 0;
  return wrapped;
}
