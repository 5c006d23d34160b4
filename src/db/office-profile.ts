import type { Mutation, ServerOfficeProfile } from '../api/schemas';
import {
  editsFromForm,
  type InsurerOfficeValues,
  mergeEdits,
  mergeOfficeProfile,
  OFFICE_PROFILE_FIELDS,
  type ProfileEdits,
} from '../domain/reports/office-profile';
import type { OfficeProfile } from '../domain/reports/official-forms';
import { getMeta, type RecallDb, setMeta } from './db';
import { appendOutbox } from './outbox';

/**
 * The office profile on this tablet (docs/decisions/024-office-profile-sync.md): the insurer's values
 * from the last sign-in or pull, and every edit of the office's clerks known here (this tablet's, sent
 * through the outbox, and the other tablets', from the pull), merged last-write-wins per field.
 */
export type StoredOfficeProfile = { officeId: string; insurer: InsurerOfficeValues | null; edits: ProfileEdits };

/** Edits kept before profiles were synced (meta `officeProfile`, typed on this tablet only) lose to any later edit. */
const LEGACY_AT = '2000-01-01T00:00:00.000Z';

function legacyEdits(legacy: OfficeProfile | undefined): ProfileEdits {
  const edits: ProfileEdits = {};
  if (!legacy) return edits;
  for (const field of OFFICE_PROFILE_FIELDS) {
    const value = (legacy[field] ?? '').trim();
    if (value) edits[field] = { value, at: LEGACY_AT };
  }
  return edits;
}

/**
 * Keeps the profile the server sent. On a pull (and a sign-in to the same office) the edits are merged
 * with those known here, so an edit not yet sent stays; a sign-in to another office starts afresh.
 * Call it inside the transaction that stores the page or the session.
 */
export async function noteServerOfficeProfile(
  database: RecallDb,
  officeId: string,
  server: ServerOfficeProfile,
): Promise<void> {
  const stored = await getMeta('officeProfileSync', database);
  const edits = stored?.officeId === officeId ? mergeEdits(stored.edits, server.edits) : server.edits;
  const next: StoredOfficeProfile = { officeId, insurer: server.insurer, edits };
  if (stored && JSON.stringify(stored) === JSON.stringify(next)) return;
  await setMeta('officeProfileSync', next, database);
}

type ProfileParts = { insurer: InsurerOfficeValues | null; edits: ProfileEdits; legacy: ProfileEdits };

async function readParts(database: RecallDb): Promise<ProfileParts> {
  const [stored, session, legacy] = await Promise.all([
    getMeta('officeProfileSync', database),
    getMeta('session', database),
    getMeta('officeProfile', database),
  ]);
  // A server that sends no profile (older versions): the office name from the sign-in at least.
  const insurer = stored?.insurer ?? {
    officeSymbol: '',
    officeNumber: '',
    name: session?.office.name ?? '',
    address: '',
  };
  return { insurer, edits: stored?.edits ?? {}, legacy: legacyEdits(legacy) };
}

/** The profile the forms print, and the insurer's values beside it (to show where a value comes from). */
export async function readOfficeProfile(
  database: RecallDb,
): Promise<{ profile: OfficeProfile; insurer: InsurerOfficeValues | null }> {
  const { insurer, edits, legacy } = await readParts(database);
  return { profile: mergeOfficeProfile(insurer, mergeEdits(legacy, edits)), insurer };
}

/**
 * Saves what the clerk typed: each changed field becomes an edit made now, kept here and sent to the
 * office through the outbox (`office_profile.updated`) in the same transaction. Returns the number of
 * fields changed. Values typed on this tablet before profiles were synced go along with the first save.
 */
export async function saveOfficeProfile(
  database: RecallDb,
  typed: OfficeProfile,
  now: Date = new Date(),
): Promise<number> {
  return database.transaction('rw', [database.meta, database.outbox], async () => {
    const { insurer, edits } = await readParts(database);
    const session = await getMeta('session', database);
    const at = now.toISOString();
    const changed = editsFromForm(mergeOfficeProfile(insurer, edits), typed, insurer, at);
    await database.meta.delete('officeProfile');
    const fields = Object.fromEntries(Object.entries(changed).map(([field, edit]) => [field, edit.value]));
    if (Object.keys(fields).length === 0) return 0;
    const stored = await getMeta('officeProfileSync', database);
    await setMeta(
      'officeProfileSync',
      { officeId: stored?.officeId ?? session?.office.id ?? '', insurer, edits: mergeEdits(edits, changed) },
      database,
    );
    const mutation: Mutation = { id: crypto.randomUUID(), type: 'office_profile.updated', at, payload: { fields } };
    await appendOutbox(database, mutation);
    return Object.keys(fields).length;
  });
}
