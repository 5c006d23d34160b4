import type { ValueMappingSet, ValueMappings } from '../../src/api/schemas';
import { toInstantRequired } from '../db/convert';
import type { Queryable } from '../db/database';

/**
 * Keeps the clerk's answers for the office's insurer's wordings (issue 17, docs/decisions/025): per
 * wording the latest answer wins, whatever order the tablets' pushes arrive in ((set_at, mutation_id)
 * orders them, so two answers at the same instant still agree everywhere). Nothing to refuse: the
 * schema has checked every value.
 */
export async function applyValueMapping(tx: Queryable, officeId: string, m: ValueMappingSet): Promise<string | null> {
  await tx.query(
    `insert into value_mappings (office_id, field, key, value, set_at, mutation_id)
     select $1, r.field, r.key, r.value, $2, $3 from jsonb_to_recordset($4::jsonb) as r(field text, key text, value text)
     on conflict (office_id, field, key) do update
        set value = excluded.value, set_at = excluded.set_at, mutation_id = excluded.mutation_id
      where (excluded.set_at, excluded.mutation_id) > (value_mappings.set_at, value_mappings.mutation_id)`,
    [officeId, m.at, m.id, JSON.stringify(m.payload.answers)],
  );
  return null;
}

/** The office's answers, for a tablet about to import (GET /api/v1/value-mappings). */
export async function officeValueMappings(db: Queryable, officeId: string): Promise<ValueMappings> {
  const found = await db.query<AnswerRow>(
    // The office's own answers, and under them its insurer's (docs/decisions/032): a wording the
    // insurer answered needs no answer from the clerk, and the clerk's answer still wins.
    `select distinct on (field, key) field, key, value, set_at
       from (select field, key, value, set_at, 0 as rank from value_mappings where office_id = $1
             union all
             select m.field, m.key, m.value, m.set_at, 1
               from insurer_value_mappings m join offices o on o.insurer_id = m.insurer_id
              where o.id = $1) answers
      order by field, key, rank`,
    [officeId],
  );
  return answersOf(found.rows);
}

/** A stored answer (value_mappings, insurer_value_mappings). */
export type AnswerRow = {
  field: ValueMappings['answers'][number]['field'];
  key: string;
  value: string;
  set_at: unknown;
};

/** Stored answers as the API returns them. */
export const answersOf = (rows: AnswerRow[]): ValueMappings => ({
  answers: rows.map((r) => ({ field: r.field, key: r.key, value: r.value, setAt: toInstantRequired(r.set_at) })),
});
