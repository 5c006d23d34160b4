import type { PullResponse } from '../../src/api/schemas';
import type { Queryable } from '../db/database';

export const DEFAULT_PULL_LIMIT = 500;

// Calendar dates are formatted by PostgreSQL (to_char) so that no driver turns them into a Date in
// some local time zone and shifts the day.
const ITEM_COLUMNS = `
  i.id, i.list_id, i.member_id, m.household_id, m.relation, i.document_kind, i.reason,
  m.holder_reason, i.issue_no,
  to_char(i.issued_on, 'YYYY-MM-DD') as issued_on,
  to_char(i.expires_on, 'YYYY-MM-DD') as expires_on,
  to_char(i.due_date, 'YYYY-MM-DD') as due_date,
  to_char(i.loss_date, 'YYYY-MM-DD') as loss_date,
  to_char(i.notice_arrived_on, 'YYYY-MM-DD') as notice_arrived_on, i.hr_event,
  i.status, i.returned_at, i.return_method, i.unreturnable_kind, i.unreturnable_reason,
  i.status_changed_at, i.withdrawn, i.version,
  m.name, m.kana, to_char(m.birth_date, 'YYYY-MM-DD') as birth_date, m.sex,
  m.symbol, m.number, m.branch, coalesce(h.name, m.name) as insured_name, m.preferred_lang,
  rep.report_id, rep.report_form, rep.report_created_at, rep.envelope_received_at`;

// The live report an item is in (report_items_item_live index, migration 013). The database allows one live report per
// form; a status change that would move a reported item to another form is refused, so there is one
// in practice, and the latest wins if there ever were two.
export const LIVE_REPORT_JOIN = `
  left join lateral (
    select r.id as report_id, r.form as report_form, r.created_at as report_created_at,
           r.envelope_received_at
      from report_items ri
      join reports r on r.office_id = ri.office_id and r.id = ri.report_id
     where ri.office_id = i.office_id and ri.item_id = i.id and ri.withdrawn_at is null
     order by r.received_at desc, r.id
     limit 1
  ) rep on true`;

/** A timestamptz as `Date.toISOString()` writes it (milliseconds, Z), the contract's instant. */
const instant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One item of the contract (RecallItem) as JSON text, built by PostgreSQL: the page travels from the
 * database as a few text values instead of 37 columns per row, and Node neither parses nor
 * re-serialises it (docs/decisions/026-pull-built-by-the-database.md). row_to_json writes compact
 * JSON with the keys in this order; int8 versions come out as numbers, text and dates as strings.
 */
const ITEM_JSON = `
  select i.id as "id", i.list_id as "listId", i.member_id as "memberId", m.household_id as "householdId",
         m.relation as "relation", i.document_kind as "documentKind", i.reason as "reason",
         m.holder_reason as "holderReason", i.issue_no as "issueNo",
         to_char(i.issued_on, 'YYYY-MM-DD') as "issuedOn",
         to_char(i.expires_on, 'YYYY-MM-DD') as "expiresOn",
         to_char(i.loss_date, 'YYYY-MM-DD') as "lossDate",
         to_char(i.notice_arrived_on, 'YYYY-MM-DD') as "noticeArrivedOn",
         i.hr_event as "hrEvent",
         to_char(i.due_date, 'YYYY-MM-DD') as "dueDate",
         i.status as "status", ${instant('i.returned_at')} as "returnedAt", i.return_method as "returnMethod",
         i.unreturnable_kind as "unreturnableKind", i.unreturnable_reason as "unreturnableReason",
         ${instant('i.status_changed_at')} as "statusChangedAt", i.withdrawn as "withdrawn", i.version as "version",
         m.preferred_lang as "preferredLanguage",
         -- The envelope's date only once received (json_strip_nulls drops it before), so a mark is
         -- unchanged for tablets and tests that predate envelopes.
         case when rep.report_id is not null then (
           select json_strip_nulls(row_to_json(r)) from (
             select rep.report_id::text as "reportId", rep.report_form as "form",
                    ${instant('rep.report_created_at')} as "createdAt",
                    ${instant('rep.envelope_received_at')} as "envelopeReceivedAt") r)
         end as "inReport",
         (select row_to_json(p) from (
            select m.name as "name", m.kana as "kana", to_char(m.birth_date, 'YYYY-MM-DD') as "birthDate",
                   m.sex as "sex", m.symbol as "symbol", m.number as "number", m.branch as "branch",
                   coalesce(h.name, m.name) as "insuredName") p) as "person"`;

const LIST_JSON = `
  select l.id as "id", l.title as "title", l.period as "period", ${instant('l.received_at')} as "receivedAt",
         l.source as "source", l.version as "version"`;

/**
 * One slice of a page: the office's lists and items after `$2`, merged by version, at most `$3`
 * of them, as two comma-separated runs of JSON objects, the last version, whether more remain, and
 * (when `$4`) the office's insurer. One statement, so lists and items are read in one snapshot: with
 * two snapshots a list committed between the two reads could sort below an item of the second read
 * and be stepped over. Each table is asked for `$3 + 1` rows past the cursor (index ranges on
 * recall_lists_office_version_page and recall_items_office_version, migration 013); if the merge has
 * more than `$3`, more remain.
 */
const SLICE_SQL = `
  with l as (
    select l.version, 'l' as kind, (select row_to_json(j) from (${LIST_JSON}) j)::text as json
      from recall_lists l
     where l.office_id = $1 and l.version > $2
     order by l.version limit $3 + 1
  ), it as (
    select i.version, 'i' as kind, (select row_to_json(j) from (${ITEM_JSON}) j)::text as json
      from recall_items i
      join members m on m.id = i.member_id and m.office_id = i.office_id
      left join members h on h.office_id = m.office_id and h.household_id = m.household_id
                         and h.relation = 'self'
      ${LIVE_REPORT_JOIN}
     where i.office_id = $1 and i.version > $2
     order by i.version limit $3 + 1
  ), merged as (
    select version, kind, json, row_number() over (order by version) as n
      from (select * from l union all select * from it) u
  )
  select string_agg(json, ',' order by version) filter (where kind = 'l' and n <= $3) as lists,
         string_agg(json, ',' order by version) filter (where kind = 'i' and n <= $3) as items,
         max(version) filter (where n <= $3)::text as last,
         count(*) > $3 as more,
         case when $4 then (
           select row_to_json(x)::text from (
             select ins.name as "name", ins.number as "number", ins.phone as "phone", ins.kind as "kind"
               from offices o join insurers ins on ins.id = o.insurer_id where o.id = $1) x)
         end as insurer
    from merged`;

type SliceRow = { lists: string | null; items: string | null; last: string | null; more: boolean; insurer: string | null };

/**
 * Rows per statement. A page of 500 is read as slices of this many, each its own statement: on
 * PGlite (one connection, one query at a time) other requests' queries run between the slices, so a
 * big first sync never holds everyone else for its whole length; on PostgreSQL each slice is an
 * index range of its own. Slices can follow one another outside a transaction because each is
 * itself a valid page (see pullPageJson).
 */
export const PULL_SLICE = 100;

/** A run of the page's JSON text; `last` on the one that closes it (no further statement follows). */
export type PagePart = { text: string; last: boolean };

/**
 * Changes of one office since `cursor`, oldest first, at most `limit` of lists and items together,
 * as the JSON text of a PullResponse in parts: the route streams them out as they come, so a page is
 * never built whole in memory and the first bytes leave after the first slice.
 *
 * Key order: `items` first (streamed slice by slice), then `lists` (few; kept until the end), then
 * `cursor`, `hasMore` and `insurer`. JSON readers do not care about key order.
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
): AsyncGenerator<PagePart, void, undefined> {
  const lists: string[] = [];
  let at = cursor;
  let left = limit;
  let insurer: string | null = null;
  let first = true;
  let more = false;
  let itemsSent = false;
  for (;;) {
    const take = Math.min(slice, left);
    const { rows } = await db.query<SliceRow>(SLICE_SQL, [officeId, at, take, first]);
    const row = rows[0];
    if (first) insurer = row?.insurer ?? null;
    if (row?.lists) lists.push(row.lists);
    if (row?.last) at = row.last;
    left -= take;
    more = row?.more ?? false;
    const done = !more || left <= 0;
    let part = first ? '{"items":[' : '';
    if (row?.items) {
      part += itemsSent ? `,${row.items}` : row.items;
      itemsSent = true;
    }
    first = false;
    if (done) {
      part += `],"lists":[${lists.join(',')}],"cursor":${JSON.stringify(at)},"hasMore":${more}`;
      part += insurer ? `,"insurer":${insurer}}` : '}';
      yield { text: part, last: true };
      return;
    }
    if (part) yield { text: part, last: false };
  }
}

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
