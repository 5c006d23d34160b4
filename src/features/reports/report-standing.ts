import type { LocalReport, RecallDb } from '../../db/db';

/**
 * When the insurer recorded the envelope of certificates for a report (issue 20), or null. The record
 * reaches the tablet as the mark on the report's items; one item tells it. Only a report the insurer's
 * system stored can have its envelope received: the status words never say "envelope received" without
 * "sent to the insurer's system" (issue 15, item 6). Seed 000: 「回収済みの資格確認書と併せてご返却ください」:
 * the certificates go by post, so the data arriving says nothing about the envelope.
 */
export async function envelopeReceivedAt(database: RecallDb, report: LocalReport): Promise<string | null> {
  if (report.status !== 'received') return null;
  const first = report.itemIds[0];
  const mark = first ? (await database.items.get(first))?.inReport : undefined;
  return mark?.reportId === report.id && mark.envelopeReceivedAt ? mark.envelopeReceivedAt : null;
}
