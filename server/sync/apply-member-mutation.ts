import type { Mutation } from '../../src/api/schemas';
import type { Queryable } from '../db/database';

type MemberMutation = Extract<Mutation, { type: 'member.language_set' | 'notice.delivered' }>;

/**
 * Applies a mutation about a member (notice language, a notice handed over) inside the push's
 * transaction, which already holds the office's change lock (new item versions below). Returns a rejection reason, or null when applied. Scoped by office: another office's
 * member id looks exactly like a missing one.
 */
export async function applyMemberMutation(tx: Queryable, officeId: string, m: MemberMutation): Promise<string | null> {
  const member = await tx.query('select 1 from members where id = $1 and office_id = $2', [
    m.payload.memberId,
    officeId,
  ]);
  if (member.rows.length === 0) return 'member_not_found';
  switch (m.type) {
    case 'member.language_set':
      await tx.query('update members set preferred_lang = $3 where id = $1 and office_id = $2', [
        m.payload.memberId,
        officeId,
        m.payload.language,
      ]);
      // The language travels to other tablets with the member's items: a new version sends them again.
      await tx.query(
        `update recall_items set version = nextval('change_version') where member_id = $1 and office_id = $2`,
        [m.payload.memberId, officeId],
      );
      return null;
    case 'notice.delivered':
      await tx.query(
        `insert into notice_deliveries (office_id, id, member_id, notice_key, language, channel, at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
        [officeId, m.id, m.payload.memberId, m.payload.noticeKey, m.payload.language, m.payload.channel, m.at],
      );
      return null;
  }
}
