import type { MutationResult, ReportSubmitted } from '../api/schemas';
import { getMeta, type RecallDb, type ReportAnswer, setMeta } from './db';

/**
 * The insurer's answer to a report, from the push result: applied or duplicate means the server
 * stored it (received); rejected keeps the reason for the clerk. Call inside the push's transaction
 * (with the meta table). A locked tablet, or the service worker, has no data key and cannot rewrite a
 * report (its rows are encrypted): the answer waits in meta `reportAnswers` until the next unlock
 * (`applyReportAnswers`), so the push is acknowledged either way and nothing is sent twice.
 */
export async function noteReportAnswer(
  database: RecallDb,
  mutation: ReportSubmitted,
  result: MutationResult,
  now = new Date(),
): Promise<void> {
  const answer: ReportAnswer = {
    reportId: mutation.payload.reportId,
    mutationId: mutation.id,
    rejection: result.status === 'rejected' ? (result.reason ?? 'rejected') : null,
    at: now.toISOString(),
  };
  if (!database.dataKey.loaded) {
    const waiting = (await getMeta('reportAnswers', database)) ?? [];
    await setMeta('reportAnswers', [...waiting, answer], database);
    return;
  }
  await applyAnswer(database, answer);
}

/** Applies the answers that arrived while the tablet was locked. Needs the data key. */
export async function applyReportAnswers(database: RecallDb): Promise<number> {
  if (!database.dataKey.loaded) return 0;
  return database.transaction('rw', [database.reports, database.meta], async () => {
    const waiting = (await getMeta('reportAnswers', database)) ?? [];
    for (const answer of waiting) await applyAnswer(database, answer);
    if (waiting.length > 0) await setMeta('reportAnswers', [], database);
    return waiting.length;
  });
}

async function applyAnswer(database: RecallDb, answer: ReportAnswer): Promise<void> {
  if (answer.rejection !== null) {
    await database.reports.update(answer.reportId, { status: 'rejected', rejection: answer.rejection });
  } else {
    await database.reports.update(answer.reportId, {
      status: 'received',
      receivedAt: answer.at,
      mutationId: answer.mutationId,
      rejection: undefined,
    });
  }
}
