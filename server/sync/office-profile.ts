import type { OfficeProfileUpdated, ServerOfficeProfile } from '../../src/api/schemas';
import {
  laterEdit,
  OFFICE_PROFILE_FIELDS,
  type OfficeProfileField,
  type ProfileEdit,
  type ProfileEdits,
} from '../../src/domain/reports/office-profile';
import { toInstantRequired } from '../db/convert';
import type { Queryable } from '../db/database';

type ProfileRow = {
  office_symbol: string | null;
  office_number: string | null;
  name: string;
  address: string | null;
};
type EditRow = { field: OfficeProfileField; value: string; at: unknown };

/**
 * The office profile as the server holds it: the insurer's enrolment of the office (migration 011)
 * and the clerk's latest edit of each field (migration 014). Sent on sign-in; a pull page carries
 * the same object built by pull_slice (migration 019) on a first sync and after every change.
 * Undefined for an office that does not exist.
 */
export async function readOfficeProfile(db: Queryable, officeId: string): Promise<ServerOfficeProfile | undefined> {
  // The office row with each of its edits (or one row with none).
  const found = await db.query<ProfileRow & { field: OfficeProfileField | null; value: string | null; at: unknown }>(
    `select o.office_symbol, o.office_number, o.name, o.address, e.field, e.value, e.at
       from offices o left join office_profile_edits e on e.office_id = o.id
      where o.id = $1`,
    [officeId],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  const edits: ProfileEdits = {};
  for (const edit of found.rows)
    if (edit.field && edit.value !== null) edits[edit.field] = { value: edit.value, at: toInstantRequired(edit.at) };
  return {
    insurer: {
      officeSymbol: row.office_symbol ?? '',
      officeNumber: row.office_number ?? '',
      name: row.name,
      address: row.address ?? '',
    },
    edits,
  };
}

/**
 * Applies a clerk's edit of the office profile inside the push's transaction (which holds the
 * office's change lock): each field keeps whichever edit is later (laterEdit, the rule every tablet
 * uses too), so tablets that edit the same field offline end with the same value whatever order
 * their pushes arrive in. Never rejects: an older edit is simply outdone.
 */
export async function applyOfficeProfile(tx: Queryable, officeId: string, m: OfficeProfileUpdated): Promise<null> {
  const found = await tx.query<EditRow>(
    'select field, value, at from office_profile_edits where office_id = $1 for update',
    [officeId],
  );
  const current = new Map(found.rows.map((r) => [r.field, { value: r.value, at: toInstantRequired(r.at) }]));
  let changed = false;
  for (const field of OFFICE_PROFILE_FIELDS) {
    const value = m.payload.fields[field];
    if (value === undefined) continue;
    const incoming: ProfileEdit = { value, at: m.at };
    const before = current.get(field);
    if (before && laterEdit(before, incoming) === before) continue;
    await tx.query(
      `insert into office_profile_edits (office_id, field, value, at) values ($1, $2, $3, $4)
       on conflict (office_id, field) do update set value = excluded.value, at = excluded.at`,
      [officeId, field, value, m.at],
    );
    changed = true;
  }
  // The profile is a change of the office like any other (migration 019): a version drawn under the
  // office's change lock (held by the push), so every tablet whose cursor is below it gets the
  // profile with its next pull, and none gets it again once its cursor has passed it.
  if (changed)
    await tx.query(`update offices set profile_version = nextval('change_version') where id = $1`, [officeId]);
  return null;
}
