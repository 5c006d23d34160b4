import type { OfficeProfile } from './official-forms';

/**
 * The office profile every official form prints, merged from two sources (docs/decisions/024):
 * the insurer's enrolment (事業所整理記号・事業所番号・名称・所在地, server `offices`) and the clerk's edits,
 * kept per field with the time they were made and shared by every tablet of the office. The newest
 * edit of a field wins (last write wins, ties by value, so every tablet and the server agree in any
 * order); an edit wins over the insurer's value, and an empty edit means "the insurer's value again".
 */
export const OFFICE_PROFILE_FIELDS = [
  'officeSymbol',
  'officeNumber',
  'name',
  'postalCode',
  'address',
  'ownerTitle',
  'ownerName',
  'phone',
  'sharoushi',
] as const satisfies readonly (keyof OfficeProfile)[];
export type OfficeProfileField = (typeof OFFICE_PROFILE_FIELDS)[number];

/** Longest value of each field: what the insurers' forms have room for. */
export const OFFICE_PROFILE_MAX: Readonly<Record<OfficeProfileField, number>> = {
  officeSymbol: 20,
  officeNumber: 20,
  name: 100,
  postalCode: 10,
  address: 200,
  ownerTitle: 50,
  ownerName: 100,
  phone: 40,
  sharoushi: 100,
};

/** What the insurer enrols of an office (server migration 011); '' when it enrolled nothing. */
export type InsurerOfficeValues = { officeSymbol: string; officeNumber: string; name: string; address: string };
export const INSURER_OFFICE_FIELDS = [
  'officeSymbol',
  'officeNumber',
  'name',
  'address',
] as const satisfies readonly (keyof InsurerOfficeValues)[];

/** One clerk's edit of one field: its value and when it was made (UTC instant). */
export type ProfileEdit = { value: string; at: string };
export type ProfileEdits = Partial<Record<OfficeProfileField, ProfileEdit>>;

/** The later of two edits of one field; at the same instant the greater value, so the choice is the same everywhere. */
export function laterEdit(a: ProfileEdit | undefined, b: ProfileEdit | undefined): ProfileEdit | undefined {
  if (!a) return b;
  if (!b) return a;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb ? a : b;
  return a.value >= b.value ? a : b;
}

/** Per field, the later edit of the two sets (commutative, associative, idempotent). */
export function mergeEdits(a: ProfileEdits, b: ProfileEdits): ProfileEdits {
  const merged: ProfileEdits = {};
  for (const field of OFFICE_PROFILE_FIELDS) {
    const edit = laterEdit(a[field], b[field]);
    if (edit) merged[field] = edit;
  }
  return merged;
}

const insurerValue = (insurer: Partial<InsurerOfficeValues> | null, field: OfficeProfileField): string =>
  ((insurer as Partial<Record<OfficeProfileField, string>> | null)?.[field] ?? '').trim();

/** The profile the forms print: each field the clerk's latest non-empty edit, else the insurer's value. */
export function mergeOfficeProfile(insurer: Partial<InsurerOfficeValues> | null, edits: ProfileEdits): OfficeProfile {
  const profile = {} as OfficeProfile;
  for (const field of OFFICE_PROFILE_FIELDS) {
    const edited = edits[field]?.value.trim() ?? '';
    profile[field] = edited !== '' ? edited : insurerValue(insurer, field);
  }
  return profile;
}

/**
 * The edits that turn `current` (what the form showed) into `typed` (what the clerk saved), made at
 * `at`. A field typed back to the insurer's value is stored empty, so it follows the insurer again.
 */
export function editsFromForm(
  current: OfficeProfile,
  typed: OfficeProfile,
  insurer: Partial<InsurerOfficeValues> | null,
  at: string,
): ProfileEdits {
  const edits: ProfileEdits = {};
  for (const field of OFFICE_PROFILE_FIELDS) {
    const value = typed[field].trim();
    if (value === current[field]) continue;
    edits[field] = { value: value === insurerValue(insurer, field) ? '' : value, at };
  }
  return edits;
}
