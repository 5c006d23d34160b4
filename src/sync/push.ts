import type { ApiClient } from '../api/client';
import type { RecallDb } from '../db/db';
import { pendingOutbox } from '../db/outbox';

export const PUSH_BATCH = 200;

export type PushSummary = { sent: number; applied: number; duplicate: number; rejected: number };

/**
 * Sends the outbox in order, in batches. Applied and duplicate (already applied earlier: the answer
 * to a response lost on the way back) both mean done; a rejected mutation is kept aside with its
 * reason for the clerk and never blocks the ones after it. A network error or 5xx throws, leaving
 * the outbox as it was, so the whole batch is simply sent again later.
 */
export async function pushOutbox(database: RecallDb, api: ApiClient, deviceId: string): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, duplicate: 0, rejected: 0 };
  for (;;) {
    const batch = await pendingOutbox(database, PUSH_BATCH);
    if (batch.length === 0) return summary;
    const { results } = await api.push(
      deviceId,
      batch.map((entry) => entry.mutation),
    );
    const byId = new Map(results.map((result) => [result.id, result]));
    await database.transaction('rw', database.outbox, async () => {
      for (const entry of batch) {
        const result = byId.get(entry.id);
        if (!result) {
          await database.outbox.update(entry.seq as number, { attempts: entry.attempts + 1 });
        } else if (result.status === 'rejected') {
          await database.outbox.update(entry.seq as number, {
            status: 'rejected',
            reason: result.reason ?? 'rejected',
            attempts: entry.attempts + 1,
          });
        } else {
          await database.outbox.delete(entry.seq as number);
        }
      }
    });
    summary.sent += batch.length;
    for (const result of results) summary[result.status] += 1;
    // A server that answered for none of the batch would loop forever; stop and try again later.
    if (results.length === 0) return summary;
  }
}
