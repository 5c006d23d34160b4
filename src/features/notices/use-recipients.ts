import { useCallback, useMemo } from 'react';
import type { NoticeKey } from '../../api/schemas';
import type { NoticeDelivery } from '../../db/db';
import type { Recipient } from '../../domain/notices/recipients';
import { type NoticesData, recipientsFrom } from './use-notices-data';

export const DEFAULT_LANGUAGE = 'ja';

export type RecipientFilter = { listId: string; onlyToCollect: boolean; leadDays?: number };

/**
 * The recipients the filter shows, every member by id (the history names past recipients), each
 * member's notice language and the latest delivery of the notice shown, as lookups: a row asks for
 * its own, so a screen of 10,000 members costs what its visible rows cost.
 */
export function useRecipients(data: NoticesData | undefined, filter: RecipientFilter, noticeKey: NoticeKey) {
  const { listId, onlyToCollect, leadDays } = filter;
  const recipients = useMemo(
    () => (data ? recipientsFrom(data.items, { listId: listId || undefined, onlyToCollect, leadDays }) : []),
    [data, listId, onlyToCollect, leadDays],
  );
  // Only looked up by member id: left unsorted.
  const everyone = useMemo(
    () => (data ? recipientsFrom(data.items, { onlyToCollect: false, leadDays, sorted: false }) : []),
    [data, leadDays],
  );
  const byId = useMemo(() => {
    // Return-by and expiry from the scope shown, names for everyone (the history names past recipients).
    const map = new Map(everyone.map((recipient) => [recipient.memberId, recipient]));
    for (const recipient of recipients) map.set(recipient.memberId, recipient);
    return map;
  }, [everyone, recipients]);
  const languageOf = useCallback((memberId: string) => data?.prefs.get(memberId)?.language ?? DEFAULT_LANGUAGE, [data]);
  const lastDeliveries = useMemo(() => {
    // Deliveries come newest first: the first one met per member is the latest.
    const latest = new Map<string, NoticeDelivery>();
    for (const delivery of data?.deliveries ?? []) {
      if (delivery.noticeKey === noticeKey && !latest.has(delivery.memberId)) latest.set(delivery.memberId, delivery);
    }
    return latest;
  }, [data, noticeKey]);
  const lastDeliveryOf = useCallback((memberId: string) => lastDeliveries.get(memberId), [lastDeliveries]);
  return { recipients, byId, languageOf, lastDeliveryOf };
}

export type { Recipient };
