import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, type LocalItem } from '../../db/db';
import { markAllReturned, markReturned, reopen } from '../../db/item-changes';
import type { ItemStatus, ReturnMethod } from '../../domain/recall';
import type { ToastMessage } from '../../ui/toast';

type ShowOptimistic = (itemIds: string[], status: ItemStatus) => void;

/**
 * Ticking a document as returned, undoing it, and ticking a whole household, each shown at once
 * (optimistically) and told in a toast with an undo. The handlers are stable, so a keystroke in the
 * search box does not re-render the rows; each call reaches the handler of the latest render (the
 * return method the clerk chose last).
 */
export function useTickActions(showOptimistic: ShowOptimistic, method: ReturnMethod) {
  const { t } = useTranslation();
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dismiss = useCallback(() => setToast(null), []);
  const showToast = useCallback((text: string) => setToast({ id: Date.now(), text }), []);

  const undoAll = (items: LocalItem[], message: string) => ({
    label: t('list.undo'),
    run: () => {
      showOptimistic(
        items.map((i) => i.id),
        'to_collect',
      );
      void Promise.all(items.map((i) => reopen(db, i.id))).then(() => setToast({ id: Date.now(), text: message }));
    },
  });
  const tick = (item: LocalItem) => {
    showOptimistic([item.id], 'returned');
    void markReturned(db, item.id, method);
    setToast({
      id: Date.now(),
      text: t('list.tickedToast', { name: item.person.name }),
      action: undoAll([item], t('list.undoneToast', { name: item.person.name })),
    });
  };
  const untick = (item: LocalItem) => {
    showOptimistic([item.id], 'to_collect');
    void reopen(db, item.id);
    setToast({ id: Date.now(), text: t('list.undoneToast', { name: item.person.name }) });
  };
  const tickHousehold = (items: LocalItem[], insuredName: string) => {
    const open = items.filter((item) => item.status === 'to_collect');
    showOptimistic(
      open.map((i) => i.id),
      'returned',
    );
    void markAllReturned(
      db,
      open.map((i) => i.id),
      method,
    );
    setToast({
      id: Date.now(),
      text: t('checklist.householdTicked', { name: insuredName, count: open.length }),
      action: undoAll(open, t('list.undoneToast', { name: insuredName })),
    });
  };

  const latest = useRef({ tick, untick, tickHousehold });
  latest.current = { tick, untick, tickHousehold };
  const onTick = useCallback((item: LocalItem) => latest.current.tick(item), []);
  const onUntick = useCallback((item: LocalItem) => latest.current.untick(item), []);
  const onTickHousehold = useCallback(
    (items: LocalItem[], insuredName: string) => latest.current.tickHousehold(items, insuredName),
    [],
  );
  return { toast, showToast, dismiss, onTick, onUntick, onTickHousehold };
}
