import { useCallback, useMemo, useState } from 'react';
import type { Recipient } from '../../domain/notices/recipients';

/**
 * The members ticked for printing. Select-all takes the ids of everyone the filter shows, without
 * rendering them (only the rows on screen re-render); what is ticked but filtered out stays ticked
 * and is not printed.
 */
export function useRecipientSelection(recipients: readonly Recipient[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (memberId: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(memberId)) next.delete(memberId);
        else next.add(memberId);
        return next;
      }),
    [],
  );
  const selectAll = useCallback(
    () => setSelected(new Set(recipients.map((recipient) => recipient.memberId))),
    [recipients],
  );
  const clear = useCallback(() => setSelected(new Set()), []);
  /** The ticked members among those shown, in the list's order. */
  const selectedShown = useMemo(
    () =>
      selected.size === 0
        ? []
        : recipients.filter((recipient) => selected.has(recipient.memberId)).map((recipient) => recipient.memberId),
    [recipients, selected],
  );
  return { selected, selectedShown, toggle, selectAll, clear };
}
