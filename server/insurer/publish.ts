import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PublishRequest, PublishResponse, PublishRow } from '../../src/api/insurer-schemas';
import type { Database, Queryable } from '../db/database';
import { letQueuedRequestsRun } from '../db/yield';
import { ProblemError } from '../http/problem';
import { newVersionsForHouseholds } from '../sync/household-versions';
import { lockOfficesChanges } from '../sync/office-lock';
import type { StaffSession } from './staff-auth';

export type RowProblem = { path: string; message: string; line?: number; code?: string };

/**
 * Where a row's problem is said to be: a JSON upload names the row by its index in `rows`
 * (`rows.12.birthDate`); a CSV upload by its 1-based data row and its line (publish-csv.ts).
 */
export type RowLocator = (index: number) => { path: string; line?: number };
const jsonRow: RowLocator = (index) => ({ path: `rows.${index}` });

/** Zod issues of the upload as 422 row problems: `rows.12.birthDate`. */
export function rowProblems(error: z.ZodError): RowProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function rowsInvalid(errors: RowProblem[]): ProblemError {
  return new ProblemError(
    422,
    'rows_invalid',
    'Some rows of the upload are not valid',
    'Nothing was published; fix the rows named in errors and send the whole file again',
    // A 20,000-row file with a bad column would otherwise answer with 20,000 entries.
    errors.slice(0, 1000),
  );
}

/**
 * The upload's key: sha256 of the Idempotency-Key header when given, else of the validated upload
 * (zod returns keys in schema order, so the same rows in any key order give the same key).
 */
export function uploadKey(request: PublishRequest, idempotencyKey: string | undefined): string {
  const source = idempotencyKey ? `key:${idempotencyKey}` : `body:${JSON.stringify(request)}`;
  return createHash('sha256').update(source).digest('hex');
}

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** Members are named by office and 記号・番号・枝番, households by 記号・番号 (枝番 00 is the 被保険者). */
const memberId = (officeId: string, r: PublishRow) => `m-${digest(officeId, r.symbol, r.number, r.branch)}`;
const householdId = (officeId: string, r: PublishRow) => `h-${digest(officeId, r.symbol, r.number)}`;

type OfficeRef = { id: string; code: string };

/**
 * Checks what the schema cannot: every office is an enabled office of this insurer (another insurer's
 * office answers like an unknown one), an issue number appears once per office, and one member's
 * personal data is the same on every row that names them. Returns the offices by code.
 */
export async function checkRows(
  db: Queryable,
  session: StaffSession,
  rows: readonly PublishRow[],
  locate: RowLocator = jsonRow,
): Promise<Map<string, OfficeRef>> {
  const codes = [...new Set(rows.map((r) => r.officeCode))];
  const found = await db.query<{ id: string; code: string }>(
    `select id, code from offices where insurer_id = $1 and code = any($2::text[]) and disabled_at is null`,
    [session.insurerId, codes],
  );
  const offices = new Map(found.rows.map((r) => [r.code, r]));
  const errors: RowProblem[] = [];
  const issueNos = new Map<string, number>();
  const people = new Map<string, { index: number; person: string }>();
  const at = (index: number, field: string, message: string, code: string) => {
    const where = locate(index);
    errors.push({
      path: `${where.path}.${field}`,
      message,
      ...(where.line === undefined ? {} : { line: where.line, code }),
    });
  };
  rows.forEach((row, index) => {
    if (!offices.has(row.officeCode)) {
      at(index, 'officeCode', 'no enabled office of this insurer has this code', 'unknown_office');
      return;
    }
    const issueKey = `${row.officeCode}\u0000${row.documentKind}\u0000${row.issueNo}`;
    const first = issueNos.get(issueKey);
    if (first !== undefined) {
      at(index, 'issueNo', `the same document is on ${locate(first).path} already`, 'duplicate_issue_no_in_file');
    } else issueNos.set(issueKey, index);
    const memberKey = `${row.officeCode}\u0000${row.symbol}\u0000${row.number}\u0000${row.branch}`;
    const person = JSON.stringify([row.name, row.kana, row.birthDate, row.sex, row.relation]);
    const seen = people.get(memberKey);
    if (seen && seen.person !== person) {
      at(
        index,
        'name',
        `${locate(seen.index).path} has the same 記号・番号・枝番 with other personal data`,
        'member_differs',
      );
    } else if (!seen) people.set(memberKey, { index, person });
  });
  if (errors.length > 0) throw rowsInvalid(errors);
  return offices;
}

/**
 * Rows of one publishing transaction, at most (an office is never split, so one with more rows is a
 * batch of its own). Each batch is a fixed handful of multi-row statements whatever its size, so the
 * cost per office is its rows, not round trips; between batches the event loop answers the requests
 * that arrived meanwhile, so a tablet's pull waits for one batch at most, never the whole upload
 * (docs/decisions/032-set-based-publish.md).
 */
export const PUBLISH_BATCH_ROWS = Number(process.env.PUBLISH_BATCH_ROWS) || 2_000;
/** Batches written at once on PostgreSQL (one connection each); always one on PGlite. */
export const PUBLISH_CONCURRENCY = Number(process.env.PUBLISH_CONCURRENCY) || 2;

/**
 * Publishes one list per office, in batches of whole offices (PUBLISH_BATCH_ROWS rows), each batch
 * one transaction: an office's rows are all published or none (a batch that fails publishes none of
 * its offices). Every office of a batch is locked (sync/office-lock.ts) before any version is drawn,
 * so the lists and items draw their versions the way every other writer does and the tablets receive
 * them on their next pull. An office this upload already published is skipped, so sending the same
 * file again publishes nothing twice, and a send cut short is completed by sending it again.
 */
export async function publish(
  db: Database,
  session: StaffSession,
  request: PublishRequest,
  offices: Map<string, OfficeRef>,
  key: string,
  now: Date,
  batchRows = PUBLISH_BATCH_ROWS,
): Promise<PublishResponse> {
  const byOffice = new Map<string, PublishRow[]>();
  for (const row of request.rows) {
    const rows = byOffice.get(row.officeCode);
    if (rows) rows.push(row);
    else byOffice.set(row.officeCode, [row]);
  }
  const batches: OfficeRows[][] = [];
  let size = 0;
  for (const [code, rows] of byOffice) {
    const office = offices.get(code);
    if (!office) continue; // checkRows refused the upload already
    const last = batches.at(-1);
    if (last && size + rows.length <= batchRows) {
      last.push({ office, rows });
      size += rows.length;
    } else {
      batches.push([{ office, rows }]);
      size = rows.length;
    }
  }
  // On PostgreSQL two batches are written at once, on two connections: one is built and sent while
  // the database writes the other. Their offices differ, so their locks never meet. PGlite is one
  // connection, where a second batch would only queue ahead of the tablets' pulls.
  const workers = Math.max(1, Math.min(PUBLISH_CONCURRENCY, (db.connections ?? 1) - 1, batches.length));
  const results: PublishResponse['offices'][] = new Array(batches.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < batches.length && !failed) {
      const n = next++;
      const batch = batches[n] as OfficeRows[];
      try {
        results[n] = await publishBatch(db, session, request, batch, key, now).catch(async (error) => {
          if (batch.length === 1) throw error;
          // A batch that failed published none of its offices; each in a transaction of its own
          // then, so the offices before the failing one are published as they were one by one
          // (ADR 020) and the error is the failing office's own.
          const one: PublishResponse['offices'] = [];
          for (const office of batch) one.push(...(await publishBatch(db, session, request, [office], key, now)));
          return one;
        });
      } catch (error) {
        failed = true; // the other worker starts no new batch
        throw error;
      }
      await letQueuedRequestsRun(db, MAX_WAIT_FOR_OTHERS_MS);
    }
  };
  // Every worker runs to its end before a failure is reported, so nothing is written after the answer.
  const outcomes = await Promise.allSettled(Array.from({ length: workers }, worker));
  const rejected = outcomes.find((o) => o.status === 'rejected');
  if (rejected) throw rejected.reason;
  return { uploadKey: key, offices: results.flat() };
}

type OfficeRows = { office: OfficeRef; rows: PublishRow[] };

/** The longest a batch waits for the requests that arrived meanwhile, so a busy server still publishes. */
const MAX_WAIT_FOR_OTHERS_MS = 500;

/** Column arrays of `rows`, one per field (the parameters of an `unnest($1::text[], …)`). */
function columns<T, K extends string>(rows: readonly T[], pick: Record<K, (row: T) => unknown>): unknown[][] {
  const keys = Object.keys(pick) as K[];
  const out = keys.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    keys.forEach((k, c) => {
      (out[c] as unknown[])[i] = pick[k](row);
    });
  });
  return out;
}

async function publishBatch(
  db: Database,
  session: StaffSession,
  request: PublishRequest,
  batch: OfficeRows[],
  key: string,
  now: Date,
): Promise<PublishResponse['offices']> {
  return db.transaction(async (tx) => {
    // Before the idempotency check and before any version is drawn (see lockOfficeChanges).
    await lockOfficesChanges(
      tx,
      batch.map((b) => b.office.id),
    );
    const done = await tx.query<{ office_id: string; list_id: string; item_count: number }>(
      `select office_id, list_id, item_count from insurer_publications
        where insurer_id = $1 and upload_key = $2 and office_id = any($3::text[])`,
      [session.insurerId, key, batch.map((b) => b.office.id)],
    );
    const previous = new Map(done.rows.map((r) => [r.office_id, r]));
    const todo = batch
      .filter((b) => !previous.has(b.office.id))
      .map((b) => ({ ...b, listId: `l-${randomBytes(12).toString('hex')}` }));

    if (todo.length > 0) {
      // A member's id once per row (a sha256 each), and each member once per statement (an upsert
      // may not touch a row twice): a household's rows and a member's several documents share them.
      const memberOf = todo.map(({ office, rows }) => rows.map((row) => memberId(office.id, row)));
      const members = new Map<string, { officeId: string; row: PublishRow }>();
      todo.forEach(({ office, rows }, t) => {
        const ids = memberOf[t] as string[];
        rows.forEach((row, r) => {
          const id = ids[r] as string;
          members.set(id, { officeId: office.id, row }); // the last row naming a member wins, as before
        });
      });
      const people = [...members];
      // One statement per table for the whole batch, with a column array each (UNNEST): the text
      // and the parameter count stay the same whatever the batch's size, and the per-office round
      // trips of ADR 029 (nine statements an office) are gone.
      // A member already known keeps the language a clerk set on a tablet unless the file names one.
      // Only a member whose fields change is updated, and the households where a member changed or a
      // new 被保険者 (`self`) came in get new versions for their items: their earlier lists' items show
      // the person (and the 被保険者's name), which a cursor pull sends again only with a new version
      // (docs/decisions/039: before, a corrected name reached only tablets that synced from scratch).
      const changed = await tx.query<{ office_id: string; household_id: string }>(
        `with m as (
           insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number,
                                branch, holder_reason, preferred_lang)
           select m.id, m.office_id, m.household_id, m.relation, m.name, m.kana, m.birth_date, m.sex, m.symbol,
                  m.number, m.branch, m.holder_reason, m.preferred_lang
             from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
                  as m(id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch,
                       holder_reason, preferred_lang)
           on conflict (id) do update set name = excluded.name, kana = excluded.kana, birth_date = excluded.birth_date,
             sex = excluded.sex, relation = excluded.relation, holder_reason = excluded.holder_reason
           where (members.name, members.kana, members.birth_date, members.sex, members.relation, members.holder_reason)
                 is distinct from (excluded.name, excluded.kana, excluded.birth_date, excluded.sex, excluded.relation,
                                   excluded.holder_reason)
           returning office_id, household_id, relation, xmax = 0 as inserted)
         -- An inserted 被保険者 matters only to a household with members from before this statement
         -- (the members scan below sees the table as it was when the statement began).
         select distinct m.office_id, m.household_id from m
          where not m.inserted
             or (m.relation = 'self' and exists (
                   select 1 from members x where x.office_id = m.office_id and x.household_id = m.household_id))`,
        columns(people, {
          id: ([id]) => id,
          officeId: ([, m]) => m.officeId,
          household: ([, m]) => householdId(m.officeId, m.row),
          relation: ([, m]) => m.row.relation,
          name: ([, m]) => m.row.name,
          kana: ([, m]) => m.row.kana,
          birthDate: ([, m]) => m.row.birthDate,
          sex: ([, m]) => m.row.sex,
          symbol: ([, m]) => m.row.symbol,
          number: ([, m]) => m.row.number,
          branch: ([, m]) => m.row.branch,
          holderReason: ([, m]) => m.row.holderReason ?? null,
          lang: ([, m]) => m.row.preferredLanguage ?? 'ja',
        }),
      );
      await newVersionsForHouseholds(
        tx,
        changed.rows.map((r) => r.office_id),
        changed.rows.map((r) => r.household_id),
      );
      // The lists first: their versions (column default, drawn under the locks) are below every item's.
      await tx.query(
        `insert into recall_lists (id, office_id, title, period, received_at, source)
         select l.id, l.office_id, $3, $4, $5, 'insurer'
           from unnest($1::text[], $2::text[]) with ordinality as l(id, office_id, n)
          order by l.n`,
        [todo.map((t) => t.listId), todo.map((t) => t.office.id), request.title, request.period, now.toISOString()],
      );
      const items = todo.flatMap((t, n) => t.rows.map((row, r) => ({ t, row, member: memberOf[n]?.[r] as string })));
      // WITH ORDINALITY keeps the file's order in the versions the items draw.
      await tx.query(
        `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on,
                                 expires_on, due_date, loss_date, notice_arrived_on)
         select i.id, i.office_id, i.list_id, i.member_id, i.document_kind, i.reason, i.issue_no, i.issued_on,
                i.expires_on, i.due_date, i.loss_date, i.notice_arrived_on
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
                       $9::date[], $10::date[], $11::date[], $12::date[]) with ordinality
                as i(id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on, expires_on,
                     due_date, loss_date, notice_arrived_on, n)
          order by i.n`,
        columns(items, {
          id: () => `i-${randomBytes(12).toString('hex')}`,
          officeId: ({ t }) => t.office.id,
          listId: ({ t }) => t.listId,
          memberId: ({ member }) => member,
          documentKind: ({ row }) => row.documentKind,
          reason: ({ row }) => row.reason,
          issueNo: ({ row }) => row.issueNo,
          issuedOn: ({ row }) => row.issuedOn,
          expiresOn: ({ row }) => row.expiresOn ?? null,
          dueDate: ({ row }) => row.dueDate,
          lossDate: ({ row }) => row.lossDate ?? null,
          noticeArrivedOn: ({ row }) => row.noticeArrivedOn ?? null,
        }),
      );
      await tx.query(
        `insert into insurer_publications (insurer_id, upload_key, office_id, list_id, item_count, published_at)
         select $1, $2, p.office_id, p.list_id, p.item_count, $3
           from unnest($4::text[], $5::text[], $6::int[]) as p(office_id, list_id, item_count)`,
        [
          session.insurerId,
          key,
          now.toISOString(),
          todo.map((t) => t.office.id),
          todo.map((t) => t.listId),
          todo.map((t) => t.rows.length),
        ],
      );
      // One audit row per office published, as recordAudit writes them (ids only, no personal data).
      await tx.query(
        `insert into audit_log (office_id, session_ref, action, target_id, outcome)
         select a.office_id, $1, 'insurer.list_published', a.list_id, 'succeeded'
           from unnest($2::text[], $3::text[]) with ordinality as a(office_id, list_id, n)
          order by a.n`,
        [session.sessionRef, todo.map((t) => t.office.id), todo.map((t) => t.listId)],
      );
    }
    const listOf = new Map(todo.map((t) => [t.office.id, t.listId]));
    return batch.map(({ office, rows }) => {
      const before = previous.get(office.id);
      return before
        ? { officeCode: office.code, listId: before.list_id, items: Number(before.item_count), published: false }
        : { officeCode: office.code, listId: listOf.get(office.id) as string, items: rows.length, published: true };
    });
  });
}
