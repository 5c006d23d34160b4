import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PublishRequest, PublishResponse, PublishRow } from '../../src/api/insurer-schemas';
import { recordAudit } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { ProblemError } from '../http/problem';
import { lockOfficeChanges } from '../sync/office-lock';
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

/** Resolves after the event loop's next check phase, i.e. after pending I/O callbacks have run. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * Publishes one list per office, each office in its own transaction (all of an office's rows or
 * none), under the office's change lock so that the list and items draw their versions the way every
 * other writer does (sync/office-lock.ts) and the tablets receive them on their next pull. An office
 * this upload already published is skipped, so sending the same file again publishes nothing twice,
 * and a send cut short is completed by sending it again.
 */
export async function publish(
  db: Database,
  session: StaffSession,
  request: PublishRequest,
  offices: Map<string, OfficeRef>,
  key: string,
  now: Date,
): Promise<PublishResponse> {
  const byOffice = new Map<string, PublishRow[]>();
  for (const row of request.rows) {
    const rows = byOffice.get(row.officeCode) ?? [];
    rows.push(row);
    byOffice.set(row.officeCode, rows);
  }
  const results: PublishResponse['offices'] = [];
  for (const [code, rows] of byOffice) {
    const office = offices.get(code);
    if (!office) continue; // checkRows refused the upload already
    results.push(await publishOffice(db, session, request, office, rows, key, now));
    // Let the event loop read the requests that arrived meanwhile before the next office. PGlite
    // runs in this thread and resolves its queries without ever reaching the poll phase, so without
    // this a tablet's pull was not even read until the whole upload was done (pulls of 20 s while a
    // 20,000-row upload ran; docs/decisions/029-insurer-csv-publish-and-scale.md).
    await yieldToEventLoop();
  }
  return { uploadKey: key, offices: results };
}

async function publishOffice(
  db: Database,
  session: StaffSession,
  request: PublishRequest,
  office: OfficeRef,
  rows: PublishRow[],
  key: string,
  now: Date,
): Promise<PublishResponse['offices'][number]> {
  return db.transaction(async (tx) => {
    await lockOfficeChanges(tx, office.id);
    const done = await tx.query<{ list_id: string; item_count: number }>(
      `select list_id, item_count from insurer_publications where insurer_id = $1 and upload_key = $2 and office_id = $3`,
      [session.insurerId, key, office.id],
    );
    const previous = done.rows[0];
    if (previous) {
      return {
        officeCode: office.code,
        listId: previous.list_id,
        items: Number(previous.item_count),
        published: false,
      };
    }

    const members = new Map<string, PublishRow>();
    for (const row of rows) members.set(memberId(office.id, row), row);
    const people = [...members];
    // One statement per table with a column array each (UNNEST): the statement's text and its
    // parameters stay the same size whatever the office's row count, where a VALUES list of 500
    // tuples × 13 columns was 6,500 parameters to bind and a new statement text to parse per chunk
    // (docs/decisions/029-insurer-csv-publish-and-scale.md, before/after in docs/benchmarks.md).
    await tx.query(
      // A member already known keeps the language a clerk set on a tablet unless the file names one.
      `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number,
                          branch, holder_reason, preferred_lang)
       select m.id, $1, m.household_id, m.relation, m.name, m.kana, m.birth_date, m.sex, m.symbol, m.number,
              m.branch, m.holder_reason, m.preferred_lang
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[], $13::text[])
              as m(id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch, holder_reason,
                   preferred_lang)
       on conflict (id) do update set name = excluded.name, kana = excluded.kana, birth_date = excluded.birth_date,
         sex = excluded.sex, relation = excluded.relation, holder_reason = excluded.holder_reason`,
      [
        office.id,
        people.map(([id]) => id),
        people.map(([, r]) => householdId(office.id, r)),
        people.map(([, r]) => r.relation),
        people.map(([, r]) => r.name),
        people.map(([, r]) => r.kana),
        people.map(([, r]) => r.birthDate),
        people.map(([, r]) => r.sex),
        people.map(([, r]) => r.symbol),
        people.map(([, r]) => r.number),
        people.map(([, r]) => r.branch),
        people.map(([, r]) => r.holderReason ?? null),
        people.map(([, r]) => r.preferredLanguage ?? 'ja'),
      ],
    );

    const listId = `l-${randomBytes(12).toString('hex')}`;
    // The list first: its version (column default, drawn under the lock) is below its items'.
    await tx.query(
      `insert into recall_lists (id, office_id, title, period, received_at, source) values ($1, $2, $3, $4, $5, 'insurer')`,
      [listId, office.id, request.title, request.period, now.toISOString()],
    );
    // WITH ORDINALITY keeps the file's order in the versions the items draw.
    await tx.query(
      `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on,
                               expires_on, due_date, loss_date, notice_arrived_on)
       select i.id, $1, $2, i.member_id, i.document_kind, i.reason, i.issue_no, i.issued_on, i.expires_on, i.due_date,
              i.loss_date, i.notice_arrived_on
         from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[], $10::date[],
                     $11::date[], $12::date[]) with ordinality
              as i(id, member_id, document_kind, reason, issue_no, issued_on, expires_on, due_date, loss_date,
                   notice_arrived_on, n)
        order by i.n`,
      [
        office.id,
        listId,
        rows.map(() => `i-${randomBytes(12).toString('hex')}`),
        rows.map((r) => memberId(office.id, r)),
        rows.map((r) => r.documentKind),
        rows.map((r) => r.reason),
        rows.map((r) => r.issueNo),
        rows.map((r) => r.issuedOn),
        rows.map((r) => r.expiresOn ?? null),
        rows.map((r) => r.dueDate),
        rows.map((r) => r.lossDate ?? null),
        rows.map((r) => r.noticeArrivedOn ?? null),
      ],
    );
    await tx.query(
      `insert into insurer_publications (insurer_id, upload_key, office_id, list_id, item_count, published_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [session.insurerId, key, office.id, listId, rows.length, now.toISOString()],
    );
    await recordAudit(tx, {
      action: 'insurer.list_published',
      outcome: 'succeeded',
      officeId: office.id,
      sessionRef: session.sessionRef,
      targetId: listId,
    });
    return { officeCode: office.code, listId, items: rows.length, published: true };
  });
}
