import type { ValueMappingAnswer, ValueMappingSet, ValueMappings } from '../api/schemas';
import { CODED_FIELDS, cleanValueMapping, mergeValueMappings, type ValueMapping } from '../domain/csv/values';
import { db, getMeta, type RecallDb } from './db';
import { appendOutbox } from './outbox';

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

const toAnswers = (mapping: ValueMapping): ValueMappingAnswer[] =>
  CODED_FIELDS.flatMap((field) => Object.entries(mapping[field] ?? {}).map(([key, value]) => ({ field, key, value })));

function fromAnswers(answers: readonly Pick<ValueMappingAnswer, 'field' | 'key' | 'value'>[]): ValueMapping {
  const mapping: Record<string, Record<string, string>> = {};
  for (const { field, key, value } of answers) {
    mapping[field] ??= {};
    (mapping[field] as Record<string, string>)[key] = value;
  }
  return cleanValueMapping(mapping);
}

/**
 * Adds the clerk's new answers to this insurer's, a later answer about one wording replacing the
 * earlier one, and queues them for the office (docs/decisions/025): the insurer keeps the latest
 * answer per wording, and the office's other tablets read them before their next import. One
 * transaction: the answers are never kept without their outbox entry nor the other way round.
 */
export async function rememberValueMapping(
  insurer: string,
  answers: ValueMapping,
  database: RecallDb = db,
  now = new Date(),
): Promise<ValueMapping> {
  return database.transaction('rw', [database.valueMappings, database.outbox], async () => {
    const current = cleanValueMapping((await database.valueMappings.get(insurer))?.mapping);
    const fresh = cleanValueMapping(answers);
    const mapping = mergeValueMappings(current, fresh);
    await database.valueMappings.put({ insurer, mapping, updatedAt: now.toISOString() });
    const sent = toAnswers(fresh).slice(0, 200);
    if (sent.length > 0) {
      const mutation: ValueMappingSet = {
        id: crypto.randomUUID(),
        type: 'value_mapping.set',
        at: now.toISOString(),
        payload: { answers: sent },
      };
      await appendOutbox(database, mutation);
    }
    return mapping;
  });
}

/**
 * Takes in the office's answers (GET /value-mappings) for this insurer: the office's answer replaces
 * this tablet's for each wording, except the answers this tablet has not sent yet (they are later
 * than anything the office has, and win when they arrive there).
 */
export async function adoptOfficeValueMapping(
  insurer: string,
  office: ValueMappings,
  database: RecallDb = db,
  now = new Date(),
): Promise<ValueMapping> {
  return database.transaction('rw', [database.valueMappings, database.outbox], async () => {
    const current = cleanValueMapping((await database.valueMappings.get(insurer))?.mapping);
    const unsent = (await database.outbox.where('status').equals('pending').toArray()).flatMap((entry) =>
      entry.mutation.type === 'value_mapping.set' ? entry.mutation.payload.answers : [],
    );
    const mapping = mergeValueMappings(mergeValueMappings(current, fromAnswers(office.answers)), fromAnswers(unsent));
    await database.valueMappings.put({ insurer, mapping, updatedAt: now.toISOString() });
    return mapping;
  });
}
