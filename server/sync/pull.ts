import type { Insurer, PullResponse, RecallItem, RecallList, ReportMark } from '../../src/api/schemas';
import { toInstant, toInstantRequired, toNumber } from '../db/convert';
import type { Database } from '../db/database';

export const DEFAULT_PULL_LIMIT = 500;

type ListRow = {
  id: string;
  title: string;
  period: string;
  received_at: unknown;
  source: RecallList['source'];
  version: unknown;
};
type InsurerRow = { name: string; number: string; phone: string; kind: Insurer['kind'] };

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
  m.symbol, m.number, m.branch, coalesce(m.insured_name, h.name, m.name) as insured_name, m.preferred_lang,
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

type ItemRow = {
  id: string;
  list_id: string;
  member_id: string;
  household_id: string;
  relation: RecallItem['relation'];
  document_kind: RecallItem['documentKind'];
  reason: RecallItem['reason'];
  holder_reason: RecallItem['holderReason'];
  issue_no: string;
  issued_on: string;
  expires_on: string | null;
  due_date: string;
  loss_date: string | null;
  notice_arrived_on: string | null;
  hr_event: RecallItem['hrEvent'];
  status: RecallItem['status'];
  returned_at: unknown;
  return_method: RecallItem['returnMethod'];
  unreturnable_kind: RecallItem['unreturnableKind'];
  unreturnable_reason: string | null;
  status_changed_at: unknown;
  withdrawn: boolean;
  version: unknown;
  name: string;
  kana: string;
  birth_date: string;
  sex: 'male' | 'female';
  symbol: string;
  number: string;
  branch: string;
  insured_name: string;
  preferred_lang: RecallItem['preferredLanguage'];
  report_id: string | null;
  report_form: ReportMark['form'] | null;
  report_created_at: unknown;
  envelope_received_at: unknown;
};

/**
 * Changes of one office since `cursor`, oldest first, at most `limit` of lists and items together.
 *
 * Each table is asked for limit+1 rows past the cursor; the two are merged by version and cut at
 * `limit`. If the merge has more than `limit` rows, more remain; if not, both tables ran out.
 *
 * The cursor is sound because every writer of an office draws its versions under the office's change
 * lock (sync/office-lock.ts), so the committed versions of an office are always a prefix of what it
 * will ever have. Both tables are read in one snapshot (repeatable read): with two snapshots a list
 * committed between the two reads could sort below an item of the second read and be stepped over.
 */
export async function pullChanges(
  db: Database,
  officeId: string,
  /** Digits only (validated by PullQuery); kept as a string so 18-digit cursors survive exactly. */
  cursor: string,
  limit: number,
): Promise<PullResponse> {
  const { lists, items, insurer } = await db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const lists = await tx.query<ListRow>(
      `select id, title, period, received_at, source, version from recall_lists
      where office_id = $1 and version > $2 order by version limit $3`,
      [officeId, cursor, limit + 1],
    );
    const items = await tx.query<ItemRow>(
      `select ${ITEM_COLUMNS}
       from recall_items i
       join members m on m.id = i.member_id and m.office_id = i.office_id
       left join members h on h.office_id = m.office_id and h.household_id = m.household_id
                          and h.relation = 'self'
       ${LIVE_REPORT_JOIN}
      where i.office_id = $1 and i.version > $2
      order by i.version limit $3`,
      [officeId, cursor, limit + 1],
    );
    const insurer = await tx.query<InsurerRow>(
      `select i.name, i.number, i.phone, i.kind from offices o join insurers i on i.id = o.insurer_id where o.id = $1`,
      [officeId],
    );
    return { lists, items, insurer: insurer.rows[0] };
  });

  type Entry = { version: number; list?: RecallList; item?: RecallItem };
  const merged: Entry[] = [
    ...lists.rows.map((r) => ({ version: toNumber(r.version), list: toList(r) })),
    ...items.rows.map((r) => ({ version: toNumber(r.version), item: toItem(r) })),
  ].sort((a, b) => a.version - b.version);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  return {
    lists: page.flatMap((e) => (e.list ? [e.list] : [])),
    items: page.flatMap((e) => (e.item ? [e.item] : [])),
    cursor: last ? String(last.version) : cursor,
    hasMore: merged.length > limit,
    ...(insurer
      ? { insurer: { name: insurer.name, number: insurer.number, phone: insurer.phone, kind: insurer.kind } }
      : {}),
  };
}

function toList(r: ListRow): RecallList {
  return {
    id: r.id,
    title: r.title,
    period: r.period,
    receivedAt: toInstantRequired(r.received_at),
    source: r.source,
    version: toNumber(r.version),
  };
}

function toItem(r: ItemRow): RecallItem {
  return {
    id: r.id,
    listId: r.list_id,
    memberId: r.member_id,
    householdId: r.household_id,
    relation: r.relation,
    documentKind: r.document_kind,
    reason: r.reason,
    holderReason: r.holder_reason,
    issueNo: r.issue_no,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    lossDate: r.loss_date,
    noticeArrivedOn: r.notice_arrived_on,
    hrEvent: r.hr_event,
    dueDate: r.due_date,
    status: r.status,
    returnedAt: toInstant(r.returned_at),
    returnMethod: r.return_method,
    unreturnableKind: r.unreturnable_kind,
    unreturnableReason: r.unreturnable_reason,
    statusChangedAt: toInstant(r.status_changed_at),
    withdrawn: r.withdrawn,
    version: toNumber(r.version),
    preferredLanguage: r.preferred_lang,
    inReport:
      r.report_id && r.report_form
        ? {
            reportId: String(r.report_id),
            form: r.report_form,
            createdAt: toInstantRequired(r.report_created_at),
            // Only once received, so a mark is unchanged for tablets and tests that predate envelopes.
            ...(r.envelope_received_at ? { envelopeReceivedAt: toInstantRequired(r.envelope_received_at) } : {}),
          }
        : null,
    person: {
      name: r.name,
      kana: r.kana,
      birthDate: r.birth_date,
      sex: r.sex,
      symbol: r.symbol,
      number: r.number,
      branch: r.branch,
      insuredName: r.insured_name,
    },
  };
}
