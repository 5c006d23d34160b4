import type { PullResponse } from '../../src/api/schemas';
import { hashToken } from '../auth/access-code';
import type { LiveSession } from '../auth/sessions';
import type { Queryable } from '../db/database';

export const DEFAULT_PULL_LIMIT = 500;

type SliceRow = {
  page_lists: string | null;
  page_items: string | null;
  page_last: string | null;
  page_more: boolean;
  page_insurer: string | null;
  page_profile: string | null;
};

/**
 * One slice of a page as JSON text, built by PostgreSQL (pull_slice, migration 016): the page
 * travels from the database as a few text values instead of 37 columns per item, and Node neither
 * parses nor re-serialises it (docs/decisions/026-pull-built-by-the-database.md). Each item's text is
 * the one stored for it when still valid (migration 020, docs/decisions/039-stored-pull-json.md),
 * built otherwise.
 */
const SLICE_SQL = 'select * from pull_slice($1::text, $2::bigint, $3::int, $4::boolean)';

/**
 * Rows per statement. A page of 500 is read as slices of this many, each its own statement: on
 * PGlite (one connection, one query at a time) other requests' queries run between the slices, so a
 * big first sync never holds everyone else for its whole length; on PostgreSQL each slice is an
 * index range of its own. Slices can follow one another outside a transaction because each is
 * itself a valid page (see pullPageJson).
 */
export const PULL_SLICE = 100;

/**
 * Rows of a page's first slice, read before the page may wait for a place among the long pages:
 * enough for a cursor pull (a few changes since the last one) to be one statement, small enough that
 * a crowd of first syncs arriving at once gets through its first statements quickly.
 */
export const FIRST_SLICE = 25;

/** A run of the page's JSON text; `last` on the one that closes it (no further statement follows). */
export type PagePart = { text: string; last: boolean };

/** Rows of the first statement of a page of `limit`. */
const firstTake = (limit: number, slice: number) => Math.min(slice, FIRST_SLICE, limit);

/**
 * Changes of one office since `cursor`, oldest first, at most `limit` of lists and items together,
 * as the JSON text of a PullResponse in parts: the route streams them out as they come, so a page is
 * never built whole in memory and the first bytes leave after the first slice.
 *
 * Key order: `items` first (streamed slice by slice), then `lists` (few; kept until the end), then
 * `cursor`, `hasMore`, `insurer` and `officeProfile`. JSON readers do not care about key order.
 *
 * The office profile is a versioned change of the office (migration 019): it comes on a first sync
 * and on the slice holding its version, and the cursor moves past it like past a list or an item.
 * If two slices of one page carry it (a first sync, then an edit committed meanwhile), the later
 * one, read later, is sent.
 *
 * Why slices can be separate statements: every writer of an office draws its versions under the
 * office's change lock (sync/office-lock.ts), so the committed versions of an office are always a
 * prefix of what it will ever have. A slice read at any moment is therefore exactly what a pull with
 * a smaller limit would have answered, and the next slice continues from its last version, as the
 * next pull would: the page is the same as a tablet following several smaller pages.
 */
export async function* pullPageJson(
  db: Queryable,
  officeId: string,
  /** Digits only (validated by PullQuery); kept as a string so 18-digit cursors survive exactly. */
  cursor: string,
  limit: number,
  slice = PULL_SLICE,
  gate: Gate = longPages,
  /** The first slice when already read (openPull reads it with the session, in one statement). */
  firstRow?: SliceRow,
): AsyncGenerator<PagePart, void, undefined> {
  const lists: string[] = [];
  let at = cursor;
  let left = limit;
  let insurer: string | null = null;
  let profile: string | null = null;
  let first = true;
  let more = false;
  let itemsSent = false;
  let inGate = false;
  try {
    for (;;) {
      if (!first && !inGate) {
        await gate.enter();
        inGate = true;
      }
      const take = first ? firstTake(limit, slice) : Math.min(slice, left);
      const row =
        first && firstRow ? firstRow : (await db.query<SliceRow>(SLICE_SQL, [officeId, at, take, first])).rows[0];
      if (first) insurer = row?.page_insurer ?? null;
      if (row?.page_profile) profile = row.page_profile;
      if (row?.page_lists) lists.push(row.page_lists);
      if (row?.page_last) at = row.page_last;
      left -= take;
      more = row?.page_more ?? false;
      const done = !more || left <= 0;
      let part = first ? '{"items":[' : '';
      if (row?.page_items) {
        part += itemsSent ? `,${row.page_items}` : row.page_items;
        itemsSent = true;
      }
      first = false;
      if (done) {
        part += `],"lists":[${lists.join(',')}],"cursor":${JSON.stringify(at)},"hasMore":${more}`;
        if (insurer) part += `,"insurer":${insurer}`;
        part += profile ? `,"officeProfile":${profile}}` : '}';
        yield { text: part, last: true };
        return;
      }
      if (part) yield { text: part, last: false };
    }
  } finally {
    if (inGate) gate.leave();
  }
}

const SESSION_SLICE_SQL = 'select * from pull_session_slice($1::bpchar, $2::timestamptz, $3::bigint, $4::int)';

/**
 * What a bearer token opens for a pull. `null`: no live session (unknown, expired, revoked). A push
 * token's session comes without parts (the route refuses it). Otherwise the page's parts.
 */
export type OpenedPull = { session: LiveSession; parts: AsyncGenerator<PagePart, void, undefined> | null } | null;

/**
 * The session check and the page's first slice in one statement (pull_session_slice, migration 019):
 * a cursor pull is one round trip to the database. The session condition is sessionForToken's
 * (auth/sessions.ts), read in the same statement, so a revoked or expired token is refused exactly
 * as before; nothing is cached (docs/decisions/033-one-round-trip-pull.md).
 */
export async function openPull(
  db: Queryable,
  token: string,
  now: Date,
  cursor: string,
  limit: number,
  slice = PULL_SLICE,
  gate: Gate = longPages,
): Promise<OpenedPull> {
  const presented = hashToken(token);
  const { rows } = await db.query<SliceRow & { session_office: string; session_ref: string; session_full: boolean }>(
    SESSION_SLICE_SQL,
    [presented, now.toISOString(), cursor, firstTake(limit, slice)],
  );
  const row = rows[0];
  if (!row) return null;
  const session: LiveSession = {
    officeId: row.session_office,
    sessionRef: row.session_ref,
    scope: row.session_full ? 'full' : 'push',
  };
  if (!row.session_full) return { session, parts: null };
  return { session, parts: pullPageJson(db, session.officeId, cursor, limit, slice, gate, row) };
}

/** Waits in arrival order for one of a fixed number of places. */
export class Gate {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}
  async enter(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * Pages past their first slice (first syncs) read at once by this process; the others wait in
 * arrival order. Their slices still alternate with everything else, but a crowd of first syncs no
 * longer shares the database round-robin, which made every one of them finish last (100 pages of 5
 * slices each all ending after 500 slices); now they finish one after another, as before slicing.
 */
export const LONG_PAGES_AT_ONCE = 4;
const longPages = new Gate(LONG_PAGES_AT_ONCE);

/** The page as an object (tests, scripts); the route streams pullPageJson instead. */
export async function pullChanges(
  db: Queryable,
  officeId: string,
  cursor: string,
  limit: number,
  slice = PULL_SLICE,
): Promise<PullResponse> {
  let text = '';
  for await (const part of pullPageJson(db, officeId, cursor, limit, slice)) text += part.text;
  return JSON.parse(text) as PullResponse;
}
