import type { OfficeMonth, StaffOffice, StaffReport } from '../../src/api/insurer-schemas';
import { recordAudit } from '../audit/audit-log';
import { toInstant, toInstantRequired } from '../db/convert';
import type { Database, Queryable } from '../db/database';
import { ProblemError, problems } from '../http/problem';
import { lockOfficeChanges } from '../sync/office-lock';
import type { StaffSession } from './staff-auth';

/** Today's date in Japan (due dates are Japanese calendar dates). */
export function japanDate(now: Date): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

type CountRow = {
  office_id: string;
  code: string;
  name: string;
  period: string;
  to_collect: unknown;
  returned: unknown;
  cannot: unknown;
  overdue: unknown;
};

/**
 * What came back, per office and month (the list's 対象月, or a period report's month): items to
 * collect / returned / cannot collect / overdue (still to collect after the due date), and the
 * reports and envelopes received. With a period, every office of the insurer has a row, zeros too.
 */
export async function summary(
  db: Queryable,
  session: StaffSession,
  period: string | undefined,
  now: Date,
): Promise<OfficeMonth[]> {
  const counts = await db.query<CountRow>(
    `select o.id as office_id, o.code, o.name, l.period,
            count(*) filter (where i.status = 'to_collect') as to_collect,
            count(*) filter (where i.status = 'returned') as returned,
            count(*) filter (where i.status = 'unreturnable') as cannot,
            count(*) filter (where i.status = 'to_collect' and i.due_date < $3::date) as overdue
       from offices o
       join recall_items i on i.office_id = o.id and not i.withdrawn
       join recall_lists l on l.id = i.list_id
      where o.insurer_id = $1 and ($2::text is null or l.period = $2)
      group by o.id, o.code, o.name, l.period`,
    [session.insurerId, period ?? null, japanDate(now)],
  );
  const reports = await db.query<{ office_id: string; period: string; reports: unknown; envelopes: unknown }>(
    `select r.office_id, coalesce(r.period, l.period) as period,
            count(*) as reports, count(r.envelope_received_at) as envelopes
       from reports r
       join offices o on o.id = r.office_id
       left join recall_lists l on l.id = r.list_id
      where o.insurer_id = $1 and ($2::text is null or coalesce(r.period, l.period) = $2)
      group by r.office_id, coalesce(r.period, l.period)`,
    [session.insurerId, period ?? null],
  );
  const rows = new Map<string, OfficeMonth>();
  const keyOf = (officeId: string, month: string) => `${officeId}\u0000${month}`;
  if (period) {
    const offices = await db.query<{ id: string; code: string; name: string }>(
      'select id, code, name from offices where insurer_id = $1',
      [session.insurerId],
    );
    for (const o of offices.rows) rows.set(keyOf(o.id, period), emptyRow(o.code, o.name, period));
  }
  const names = new Map<string, { code: string; name: string }>();
  for (const c of counts.rows) {
    names.set(c.office_id, { code: c.code, name: c.name });
    rows.set(keyOf(c.office_id, c.period), {
      ...emptyRow(c.code, c.name, c.period),
      toCollect: Number(c.to_collect),
      returned: Number(c.returned),
      cannotCollect: Number(c.cannot),
      overdue: Number(c.overdue),
    });
  }
  for (const r of reports.rows) {
    const row = rows.get(keyOf(r.office_id, r.period));
    // A report of a month with no list items (all withdrawn) still counts under its month.
    const office = names.get(r.office_id);
    const target = row ?? (office ? emptyRow(office.code, office.name, r.period) : null);
    if (!target) continue;
    target.reports = Number(r.reports);
    target.envelopes = Number(r.envelopes);
    rows.set(keyOf(r.office_id, r.period), target);
  }
  return [...rows.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.officeCode.localeCompare(b.officeCode),
  );
}

function emptyRow(officeCode: string, officeName: string, period: string): OfficeMonth {
  return {
    officeCode,
    officeName,
    period,
    toCollect: 0,
    returned: 0,
    cannotCollect: 0,
    overdue: 0,
    reports: 0,
    envelopes: 0,
  };
}

const CSV_HEADER = [
  '事業所コード',
  '事業所名',
  '対象月',
  '回収待ち',
  '返却済み',
  '回収不能',
  '期限超過',
  '届出',
  '封筒受領',
];

/** RFC 4180 quoting; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The summary as CSV (UTF-8 with BOM so Excel in Japan opens it as UTF-8). */
export function summaryCsv(rows: readonly OfficeMonth[]): string {
  const lines = [
    CSV_HEADER,
    ...rows.map((r) => [
      r.officeCode,
      r.officeName,
      r.period,
      r.toCollect,
      r.returned,
      r.cannotCollect,
      r.overdue,
      r.reports,
      r.envelopes,
    ]),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

type ReportRow = {
  id: string;
  form: StaffReport['form'];
  list_id: string | null;
  period: string | null;
  created_at: unknown;
  received_at: unknown;
  envelope_received_at: unknown;
  envelope_count: number | null;
  item_count: unknown;
};

const REPORT_SELECT = `
  select r.id, r.form, r.list_id, r.period, r.created_at, r.received_at, r.envelope_received_at, r.envelope_count,
         (select count(*) from report_items ri
           where ri.office_id = r.office_id and ri.report_id = r.id and ri.withdrawn_at is null) as item_count
    from reports r
    left join recall_lists l on l.id = r.list_id`;

function toReport(r: ReportRow): StaffReport {
  return {
    id: String(r.id),
    form: r.form,
    listId: r.list_id,
    period: r.period,
    itemCount: Number(r.item_count),
    createdAt: toInstantRequired(r.created_at),
    receivedAt: toInstantRequired(r.received_at),
    envelopeReceivedAt: toInstant(r.envelope_received_at),
    envelopeCount: r.envelope_count == null ? null : Number(r.envelope_count),
  };
}

/** The office's reports, newest first, optionally of one month. */
export async function officeReports(
  db: Queryable,
  office: StaffOffice,
  period: string | undefined,
): Promise<StaffReport[]> {
  const found = await db.query<ReportRow>(
    `${REPORT_SELECT}
      where r.office_id = $1 and ($2::text is null or coalesce(r.period, l.period) = $2)
      order by r.received_at desc, r.id`,
    [office.id, period ?? null],
  );
  return found.rows.map(toReport);
}

/**
 * Records the envelope of certificates received for a report. The count must equal the report's live
 * items (seed 000: 「「資格確認書回収連絡書」に回収枚数を記載の上、回収済みの資格確認書と併せてご返却ください」). The report's items get
 * new versions under the office's change lock, so every tablet learns on its next pull that the
 * envelope arrived (ReportMark.envelopeReceivedAt). Recording the same envelope again changes nothing.
 */
export async function recordEnvelope(
  db: Database,
  session: StaffSession,
  office: StaffOffice,
  reportId: string,
  count: number,
  now: Date,
): Promise<StaffReport> {
  return db.transaction(async (tx) => {
    await lockOfficeChanges(tx, office.id);
    const found = await tx.query<ReportRow>(`${REPORT_SELECT} where r.office_id = $1 and r.id = $2 for update of r`, [
      office.id,
      reportId,
    ]);
    const row = found.rows[0];
    if (!row) throw problems.notFound();
    const report = toReport(row);
    if (count !== report.itemCount) {
      throw new ProblemError(
        422,
        'envelope_count_mismatch',
        'The envelope does not hold as many certificates as the report lists',
        `The report lists ${report.itemCount}`,
        [{ path: 'count', message: `the report lists ${report.itemCount}` }],
      );
    }
    if (report.envelopeReceivedAt) return report;
    await tx.query(
      'update reports set envelope_received_at = $3, envelope_count = $4 where office_id = $1 and id = $2',
      [office.id, reportId, now.toISOString(), count],
    );
    await tx.query(
      `update recall_items i set version = nextval('change_version')
        where i.office_id = $1 and i.id in (
          select ri.item_id from report_items ri
           where ri.office_id = $1 and ri.report_id = $2 and ri.withdrawn_at is null)`,
      [office.id, reportId],
    );
    await recordAudit(tx, {
      action: 'insurer.envelope_received',
      outcome: 'succeeded',
      officeId: office.id,
      sessionRef: session.sessionRef,
      targetId: reportId,
    });
    return { ...report, envelopeReceivedAt: now.toISOString(), envelopeCount: count };
  });
}
