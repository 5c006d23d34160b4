import type { HrEventRecorded } from '../../src/api/schemas';
import { officeListId } from '../../src/domain/office-list';
import type { Queryable } from '../db/database';
import { checkEnteredItems } from './entered-items';
import { newVersionsForHouseholds } from './household-versions';

/**
 * Stores the items an HR event recorded on a tablet makes the office collect (docs/decisions/021), inside
 * the push's transaction, which holds the office's change lock (the list and items draw new versions).
 * Everything is checked before anything is written, so a rejected event leaves no trace but its
 * rejection. Another office's ids look exactly like taken ones: nothing tells one office about another.
 */
export async function applyHrEvent(tx: Queryable, officeId: string, m: HrEventRecorded): Promise<string | null> {
  const { list, items, event } = m.payload;
  if (list.id !== officeListId(officeId, list.period)) return 'list_not_office';

  const existingList = await tx.query<{ office_id: string }>('select office_id from recall_lists where id = $1', [
    list.id,
  ]);
  if (existingList.rows[0] && existingList.rows[0].office_id !== officeId) return 'list_not_office';

  const checked = await checkEnteredItems(tx, officeId, items);
  if (typeof checked === 'string') return checked;
  const { known } = checked;

  if (!existingList.rows[0]) {
    await tx.query(
      `insert into recall_lists (id, office_id, title, period, received_at, source)
       values ($1, $2, $3, $4, $5, 'office')`,
      [list.id, officeId, list.title, list.period, m.at],
    );
  }
  const inserted = new Set<string>();
  for (const item of items) {
    if (!known.has(item.memberId) && !inserted.has(item.memberId) && item.person) {
      const p = item.person;
      // A new 被保険者 (`self`) in a household already stored changes its other members' items
      // (person.insuredName): they need new versions (household-versions.ts), drawn before it is in.
      if (item.relation === 'self') await newVersionsForHouseholds(tx, [officeId], [item.householdId]);
      await tx.query(
        `insert into members (id, office_id, household_id, relation, name, kana, birth_date, sex, symbol, number, branch)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          item.memberId,
          officeId,
          item.householdId,
          item.relation,
          p.name,
          p.kana,
          p.birthDate,
          p.sex,
          p.symbol,
          p.number,
          p.branch,
        ],
      );
      inserted.add(item.memberId);
    }
    await tx.query(
      `insert into recall_items (id, office_id, list_id, member_id, document_kind, reason, issue_no, issued_on,
                                 expires_on, loss_date, due_date, hr_event)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        item.id,
        officeId,
        list.id,
        item.memberId,
        item.documentKind,
        item.reason,
        item.issueNo,
        item.issuedOn,
        item.expiresOn,
        item.lossDate,
        item.dueDate,
        event,
      ],
    );
  }
  return null;
}
