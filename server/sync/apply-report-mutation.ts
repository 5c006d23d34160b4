import type { ReportSubmitted } from '../../src/api/schemas';
import { formFor } from '../../src/domain/reports/report-forms';
import type { Queryable } from '../db/database';

type ItemRow = {
  id: string;
  status: 'to_collect' | 'returned' | 'unreturnable';
  unreturnable_kind: 'lost' | 'uncollectable' | null;
  withdrawn: boolean;
};

/**
 * Stores a report with exactly its items, inside the push's transaction. Returns a rejection reason,
 * or null when stored. Every item must be this office's (another office's item looks missing), in
 * the state the form is for, and in no other live report of the form; otherwise nothing is stored.
 */
export async function applyReportMutation(tx: Queryable, officeId: string, m: ReportSubmitted): Promise<string | null> {
  const { reportId, form, scope, itemIds, clerk, createdAt } = m.payload;
  const existing = await tx.query('select 1 from reports where office_id = $1 and id = $2', [officeId, reportId]);
  if (existing.rows.length > 0) return 'report_exists';
  if (scope.kind === 'list') {
    const list = await tx.query('select 1 from recall_lists where id = $1 and office_id = $2', [
      scope.listId,
      officeId,
    ]);
    if (list.rows.length === 0) return 'report_list_not_found';
  }
  // Row locks: a reopen of one of these items waits for this report and then sees it.
  const items = await tx.query<ItemRow>(
    `select id, status, unreturnable_kind, withdrawn from recall_items
      where office_id = $1 and id = any($2::text[]) for update`,
    [officeId, itemIds],
  );
  if (items.rows.length !== itemIds.length || items.rows.some((row) => row.withdrawn)) return 'report_item_not_found';
  if (items.rows.some((row) => formFor(row.status, row.unreturnable_kind) !== form)) return 'report_item_not_ready';
  const reported = await tx.query(
    `select 1 from report_items
      where office_id = $1 and form = $2 and item_id = any($3::text[]) and withdrawn_at is null limit 1`,
    [officeId, form, itemIds],
  );
  if (reported.rows.length > 0) return 'report_item_reported';

  await tx.query(
    `insert into reports (office_id, id, mutation_id, form, list_id, period, clerk_name, clerk_phone, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      officeId,
      reportId,
      m.id,
      form,
      scope.kind === 'list' ? scope.listId : null,
      scope.kind === 'period' ? scope.period : null,
      clerk.name,
      clerk.phone,
      createdAt,
    ],
  );
  await tx.query(
    `insert into report_items (office_id, report_id, item_id, form)
     select $1, $2, unnest($3::text[]), $4`,
    [officeId, reportId, itemIds, form],
  );
  // A new version for each item, so every tablet of the office pulls its report mark and none puts
  // it in another report (the push holds the office's change lock, see office-lock.ts).
  await tx.query(
    `update recall_items set version = nextval('change_version') where office_id = $1 and id = any($2::text[])`,
    [officeId, itemIds],
  );
  return null;
}

/** Whether an item is in a live report: its status is then fixed until a correcting report. */
export async function isInLiveReport(tx: Queryable, officeId: string, itemId: string): Promise<boolean> {
  const found = await tx.query(
    'select 1 from report_items where office_id = $1 and item_id = $2 and withdrawn_at is null limit 1',
    [officeId, itemId],
  );
  return found.rows.length > 0;
}
