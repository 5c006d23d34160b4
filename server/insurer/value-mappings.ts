import type { InsurerValueMappings, InsurerValueMappingsRequest } from '../../src/api/insurer-schemas';
import type { ValueMapping } from '../../src/domain/csv/values';
import type { Queryable } from '../db/database';
import { type AnswerRow, answersOf } from '../sync/apply-value-mapping';
import type { StaffSession } from './staff-auth';

/**
 * Stores the insurer's answers for its own wordings (issue 20, docs/decisions/032): a later answer
 * about a wording replaces the earlier one. Only the staff's own insurer is ever written.
 */
export async function setInsurerValueMappings(
  db: Queryable,
  staff: StaffSession,
  request: InsurerValueMappingsRequest,
  now: Date,
): Promise<InsurerValueMappings> {
  await db.query(
    `insert into insurer_value_mappings (insurer_id, field, key, value, set_at)
     select $1, r.field, r.key, r.value, $2 from jsonb_to_recordset($3::jsonb) as r(field text, key text, value text)
     on conflict (insurer_id, field, key) do update set value = excluded.value, set_at = excluded.set_at`,
    [staff.insurerId, now.toISOString(), JSON.stringify(request.answers)],
  );
  return insurerValueMappings(db, staff.insurerId);
}

/** The insurer's answers, as the staff route and the offices' GET /value-mappings return them. */
export async function insurerValueMappings(db: Queryable, insurerId: string): Promise<InsurerValueMappings> {
  const found = await db.query<AnswerRow>(
    'select field, key, value, set_at from insurer_value_mappings where insurer_id = $1 order by field, key',
    [insurerId],
  );
  return answersOf(found.rows);
}

/** The answers in the shape the importer's row checks read (src/domain/csv/validate.ts). */
export function asValueMapping(mappings: InsurerValueMappings): ValueMapping {
  const mapping: ValueMapping = {};
  for (const answer of mappings.answers) {
    const entries = mapping[answer.field] ?? {};
    entries[answer.key] = answer.value;
    mapping[answer.field] = entries;
  }
  return mapping;
}
