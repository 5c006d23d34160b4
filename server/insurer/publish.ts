import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PublishRequest, PublishResponse, PublishRow } from '../../src/api/insurer-schemas';
import { recordAudit } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { ProblemError } from '../http/problem';
import { lockOfficeChanges } from '../sync/office-lock';
import type { StaffSession } from './staff-auth';

/** Rows per INSERT: 15 item columns × 500 stays far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

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
    await insertChunks(
      tx,
      [...members],
      ([id, r]) => [
        id,
        office.id,
        householdId(office.id, r),
        r.relation,
        r.name,
        r.kana,
        r.birthDate,
        r.sex,
        r.symbol,
        r.number,
        r.branch,
        r.holderReason ?? null,
        r.preferredLanguage ?? 'ja',
      ],
      (tuples) =>
        // A member already known keeps the language a clerk set on a tablet unless the file names one.
        `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number,
                            branch, holder_reason, preferred_lang)
       values ${tuples}
       on conflict (id) do update set name = excluded.name, kana = excluded.kana, birth_date = excluded.birth_date,
         sex = excluded.sex, relation = excluded.relation, holder_reason = excluded.holder_reason`,
    );

    const listId = `l-${randomBytes(12).toString('hex')}`;
    // The list first: its version (column default, drawn under the lock) is below its items'.
    await tx.query(
      `insert into recall_lists (id, office_id, title, period, received_at, source) values ($1, $2, $3, $4, $5, 'insurer')`,
      [listId, office.id, request.title, request.period, now.toISOString()],
    );
    await insertChunks(
      tx,
      rows,
      (r) => [
        `i-${randomBytes(12).toString('hex')}`,
        office.id,
        listId,
        memberId(office.id, r),
        r.documentKind,
        r.reason,
        r.issueNo,
        r.issuedOn,
        r.expiresOn ?? null,
        r.dueDate,
        r.lossDate ?? null,
        r.noticeArrivedOn ?? null,
      ],
      (tuples) =>
        `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on,
                                 expires_on, due_date, loss_date, notice_arrived_on)
       values ${tuples}`,
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

async function insertChunks<T>(
  tx: Queryable,
  rows: readonly T[],
  values: (row: T) => unknown[],
  sql: (tuples: string) => string,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const params: unknown[] = [];
    const tuples = rows
      .slice(start, start + CHUNK)
      .map((row) => {
        const slots = values(row).map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        return `(${slots.join(', ')})`;
      })
      .join(', ');
    await tx.query(sql(tuples), params);
  }
}
