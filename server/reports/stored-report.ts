import type { StoredReport } from '../../src/api/schemas';
import { toInstantRequired } from '../db/convert';
import type { Queryable } from '../db/database';

type ReportRow = {
  id: string;
  form: StoredReport['form'];
  list_id: string | null;
  period: string | null;
  created_at: unknown;
  received_at: unknown;
};

/** One report of the office with its item ids; another office's report id looks exactly like a missing one. */
export async function storedReport(db: Queryable, officeId: string, reportId: string): Promise<StoredReport | null> {
  const found = await db.query<ReportRow>(
    `select id, form, list_id, period, created_at, received_at from reports where office_id = $1 and id = $2`,
    [officeId, reportId],
  );
  const row = found.rows[0];
  if (!row) return null;
  const items = await db.query<{ item_id: string }>(
    `select item_id from report_items
      where office_id = $1 and report_id = $2 and withdrawn_at is null order by item_id`,
    [officeId, reportId],
  );
  return {
    id: String(row.id),
    form: row.form,
    listId: row.list_id,
    period: row.period,
    itemIds: items.rows.map((r) => r.item_id),
    createdAt: toInstantRequired(row.created_at),
    receivedAt: toInstantRequired(row.received_at),
  };
}
