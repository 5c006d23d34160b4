import type { Queryable } from '../db/database';

export type AuditAction =
  | 'sign_in'
  | 'sign_out'
  | 'item.returned'
  | 'item.reopened'
  | 'item.unreturnable'
  | 'member.language_set'
  | 'notice.delivered'
  // Mutation types added later are recorded under their own name.
  | (string & {});

export type AuditEntry = {
  action: AuditAction;
  outcome: 'succeeded' | 'failed' | 'locked' | 'applied' | 'rejected';
  officeId?: string | null;
  sessionRef?: string | null;
  deviceId?: string | null;
  mutationId?: string | null;
  targetId?: string | null;
  reason?: string | null;
};

/**
 * Appends one audit row. Call it with the transaction that makes the change it records, so the log
 * and the data can never disagree (a rolled-back change leaves no row; a logged change happened).
 * Only ids and codes go in: never names, tokens, access codes or typed office codes.
 */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_log (office_id, session_ref, device_id, action, mutation_id, target_id, outcome, reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.officeId ?? null,
      entry.sessionRef ?? null,
      entry.deviceId ?? null,
      entry.action,
      entry.mutationId ?? null,
      entry.targetId ?? null,
      entry.outcome,
      entry.reason ?? null,
    ],
  );
}
