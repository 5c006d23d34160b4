import { cleanValueMapping, mergeValueMappings, type ValueMapping } from '../domain/csv/values';
import { db, getMeta, type RecallDb } from './db';

/**
 * Which insurer an imported file is from: the signed-in office's insurer (its 保険者番号), until lists
 * carry their own insurer (then pass that). '' when no one is signed in, so answers still stick.
 */
export async function currentInsurerKey(database: RecallDb = db): Promise<string> {
  const session = await getMeta('session', database);
  return session?.insurer.number ?? '';
}

/** The clerk's answers for this insurer's wordings; read defensively (an older or newer app may have written them). */
export async function loadValueMapping(insurer: string, database: RecallDb = db): Promise<ValueMapping> {
  const record = await database.valueMappings.get(insurer);
  return cleanValueMapping(record?.mapping);
}

/** Adds the clerk's new answers to this insurer's, a later answer about one wording replacing the earlier one. */
export async function rememberValueMapping(
  insurer: string,
  answers: ValueMapping,
  database: RecallDb = db,
  now = new Date(),
): Promise<ValueMapping> {
  return database.transaction('rw', database.valueMappings, async () => {
    const current = cleanValueMapping((await database.valueMappings.get(insurer))?.mapping);
    const mapping = mergeValueMappings(current, cleanValueMapping(answers));
    await database.valueMappings.put({ insurer, mapping, updatedAt: now.toISOString() });
    return mapping;
  });
}
