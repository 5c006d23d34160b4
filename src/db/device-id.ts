import { getMeta, type RecallDb, setMeta } from './db';

/** This tablet's id, made on first use: the audit trail and the server say which device made a change. */
export async function deviceId(database: RecallDb): Promise<string> {
  const known = await getMeta('deviceId', database);
  if (known) return known;
  const made = crypto.randomUUID();
  await setMeta('deviceId', made, database);
  return made;
}
