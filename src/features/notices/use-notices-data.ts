import { useLiveQuery } from 'dexie-react-hooks';
import { db, getMeta, type LocalList, type MemberPreference, type NoticeDelivery, type Session } from '../../db/db';
import { type RecipientItem, recipientsFrom } from '../../domain/notices/recipients';

export type NoticesData = {
  session: Session | null;
  lists: LocalList[];
  items: RecipientItem[];
  prefs: Map<string, MemberPreference>;
  deliveries: NoticeDelivery[];
  /** Deliveries whose mutation is still in the outbox (not yet at the insurer). */
  pendingIds: Set<string>;
};

async function load(): Promise<NoticesData> {
  const [session, lists, items, prefs, deliveries, outbox] = await Promise.all([
    getMeta('session'),
    db.lists.toArray(),
    db.items.toArray(),
    db.memberPrefs.toArray(),
    db.deliveries.orderBy('at').reverse().toArray(),
    db.outbox.toArray(),
  ]);
  lists.sort((a, b) => b.period.localeCompare(a.period) || a.title.localeCompare(b.title));
  return {
    session: session ?? null,
    lists,
    items,
    prefs: new Map(prefs.map((pref) => [pref.memberId, pref])),
    deliveries,
    pendingIds: new Set(
      outbox.filter((entry) => entry.mutation.type === 'notice.delivered').map((entry) => entry.mutation.id),
    ),
  };
}

export function useNoticesData(): NoticesData | undefined {
  return useLiveQuery(load);
}

export { recipientsFrom };
