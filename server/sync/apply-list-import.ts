import type { ListImported } from '../../src/api/schemas';
import type { Queryable } from '../db/database';
import { checkEnteredItems } from './entered-items';
import { newVersionsForHouseholds } from './household-versions';

/**
 * Stores one part of a list the office imported from the insurer's file on a tablet
 * (docs/decisions/025-imported-lists-belong-to-the-office.md), inside the push's transaction, which
 * holds the office's change lock (the list and items draw new versions). Everything is checked before
 * anything is written, so a rejected part leaves no trace but its rejection; the mutation id (recorded
 * by the push) makes a part exactly-once. Another office's ids look exactly like taken ones: nothing
 * tells one office about another.
 *
 * Set-based: one statement each for the list, the members and the items (500 rows per part), where a
 * statement per row would cost a 10,000-row import 20,000 round trips.
 */
export async function applyListImport(tx: Queryable, officeId: string, m: ListImported): Promise<string | null> {
  const { list, items } = m.payload;

  // The first part creates the list; the others add to it. Never to an insurer's or HR-event list,
  // and never to another office's.
  const existing = await tx.query<{ office_id: string; source: string }>(
    'select office_id, source from recall_lists where id = $1',
    [list.id],
  );
  const found = existing.rows[0];
  if (found && (found.office_id !== officeId || found.source !== 'import')) return 'list_not_office';

  // A member already stored (by an earlier part of this import) must be this office's and of the same
  // household; a new one needs its person, filled in from the tablet's sealed items just before sending.
  const checked = await checkEnteredItems(tx, officeId, items);
  if (typeof checked === 'string') return checked;
  const { fresh } = checked;

  if (!found) {
    await tx.query(
      `insert into recall_lists (id, office_id, title, period, received_at, source)
       values ($1, $2, $3, $4, $5, 'import')`,
      [list.id, officeId, list.title, list.period, list.receivedAt],
    );
  }
  if (fresh.size > 0) {
    const rows = [...fresh.values()].map((item) => {
      const p = item.person as NonNullable<typeof item.person>;
      return {
        id: item.memberId,
        household_id: item.householdId,
        relation: item.relation,
        name: p.name,
        kana: p.kana,
        birth_date: p.birthDate,
        sex: p.sex,
        symbol: p.symbol,
        number: p.number,
        branch: p.branch,
        insured_name: p.insuredName,
      };
    });
    // A new 被保険者 (`self`) in a household already stored changes its other members' items
    // (person.insuredName): they need new versions (household-versions.ts).
    const households = [...new Set(rows.filter((r) => r.relation === 'self').map((r) => r.household_id))];
    await newVersionsForHouseholds(
      tx,
      households.map(() => officeId),
      households,
    );
    await tx.query(
      `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number,
                            branch, insured_name)
       select r.id, $1, r.household_id, r.relation, r.name, r.kana, r.birth_date, r.sex, r.symbol, r.number,
              r.branch, r.insured_name
         from jsonb_to_recordset($2::jsonb) as r(id text, household_id text, relation text, name text, kana text,
              birth_date date, sex text, symbol text, number text, branch text, insured_name text)`,
      [officeId, JSON.stringify(rows)],
    );
  }
  const itemRows = items.map((item) => ({
    id: item.id,
    member_id: item.memberId,
    document_kind: item.documentKind,
    reason: item.reason,
    issue_no: item.issueNo,
    issued_on: item.issuedOn,
    expires_on: item.expiresOn,
    loss_date: item.lossDate,
    due_date: item.dueDate,
  }));
  await tx.query(
    `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on,
                               expires_on, loss_date, due_date)
     select r.id, $1, $2, r.member_id, r.document_kind, r.reason, r.issue_no, r.issued_on, r.expires_on,
            r.loss_date, r.due_date
       from jsonb_to_recordset($3::jsonb) as r(id text, member_id text, document_kind text, reason text,
            issue_no text, issued_on date, expires_on date, loss_date date, due_date date)`,
    [officeId, list.id, JSON.stringify(itemRows)],
  );
  return null;
}
