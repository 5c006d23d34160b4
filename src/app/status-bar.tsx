import { useMutation } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, getMeta, type OutboxEntry } from '../db/db';
import { countPending } from '../db/outbox';
import { formatInstant } from '../domain/dates';
import { rejectedChanges } from '../sync/outbox-issues';
import { syncEngine } from '../sync/sync-service';
import { NewListsMessage, NotificationPermissionButton, useNotificationPermission } from './sync-new-lists';
import { useMediaQuery } from './use-media-query';
import { useOnline } from './use-online';

// Opened only when the insurer refused a change: not part of the first-load bundle.
const SyncIssuesPanel = lazy(() => import('./sync-issues').then((m) => ({ default: m.SyncIssuesPanel })));

function useRejectedChanges(): OutboxEntry[] {
  return useLiveQuery(() => rejectedChanges(db), [], []);
}

/**
 * Below this width the status words and the actions do not fit one row at tablet sizes (1024 px
 * landscape, 820 px portrait, issue 21): the actions fold into one control.
 */
export const NARROW_STATUS_BAR = '(max-width: 1180px)';

/**
 * The status bar's actions behind one button (a disclosure, not an ARIA menu: plain buttons inside,
 * reached by Tab). The panel opens as a row under the status bar, in the page's flow, so it covers
 * nothing; Escape closes it (focus back on the button), and so does choosing an action.
 */
function useActionsMenu() {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button')?.focus();
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [open]);
  return { open, setOpen, toggle, panel, close: () => setOpen(false) };
}

function ActionsToggle({ menu }: { menu: ReturnType<typeof useActionsMenu> }) {
  const { t } = useTranslation();
  return (
    <button
      ref={menu.toggle}
      type="button"
      className="button secondary status-actions-toggle"
      aria-expanded={menu.open}
      aria-controls="status-actions-panel"
      onClick={() => menu.setOpen((o) => !o)}
    >
      {t('status.actions')}
      <span aria-hidden="true"> ▾</span>
    </button>
  );
}

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const pending = useLiveQuery(() => countPending(db), [], 0);
  const lastSyncAt = useLiveQuery(() => getMeta('lastSyncAt'));
  const lastError = useLiveQuery(() => getMeta('lastSyncError'));
  // navigator.onLine can say online when the network is not there (Chromium, a page reloaded from the
  // service worker while offline: crbug.com/678075); a round that could not reach the insurer says more.
  const online = useOnline() && lastError !== 'network_error';
  const sync = useMutation({ mutationFn: () => syncEngine.syncNow(), networkMode: 'always' });
  const rejected = useRejectedChanges();
  const [issuesOpen, setIssuesOpen] = useState(false);
  const notifications = useNotificationPermission();
  const narrow = useMediaQuery(NARROW_STATUS_BAR);
  // One action needs no folding.
  const folded = narrow && notifications.canAsk;
  const menu = useActionsMenu();
  const syncButton = (close?: () => void) => (
    <button
      id="sync-now"
      type="button"
      className="button secondary"
      onClick={() => {
        close?.();
        sync.mutate();
      }}
      disabled={sync.isPending}
    >
      {sync.isPending ? t('status.syncing') : t('status.syncNow')}
    </button>
  );

  const issuesButton = rejected.length > 0 && (
    <button
      type="button"
      className="button warning"
      aria-expanded={issuesOpen}
      aria-controls="sync-issues"
      onClick={() => setIssuesOpen((open) => !open)}
    >
      {t('syncIssues.open', { count: rejected.length })}
    </button>
  );

  return (
    <>
      <section className="status-bar" aria-label={t('status.syncNow')}>
        <p className={online ? 'status online' : 'status offline'} role="status">
          <span className="dot" aria-hidden="true" />
          {online ? t('status.online') : t('status.offline')}
        </p>
        <p className="status" data-testid="pending-count">
          {pending > 0 ? t('status.pending', { count: pending }) : t('status.pendingNone')}
        </p>
        <p className="status">
          {lastSyncAt
            ? t('status.lastSync', { time: formatInstant(lastSyncAt, i18n.language) })
            : t('status.neverSynced')}
        </p>
        {/* Offline is already said above, in words: a round that could not start is no failure (issue 21). */}
        {online && lastError && (
          <p className="status error" role="alert">
            {t('status.syncFailed', { reason: t(`errors.${lastError}`, { defaultValue: t('errors.unknown') }) })}
          </p>
        )}
        {!narrow && issuesButton}
        {folded ? (
          <ActionsToggle menu={menu} />
        ) : (
          <>
            <NotificationPermissionButton permission={notifications.permission} ask={notifications.ask} />
            {syncButton()}
          </>
        )}
      </section>
      {/* At tablet widths the status words, this warning and the actions do not fit one row (issue
          21): the warning gets a row of its own under the bar, shown only while there is something
          to look at, so no status word is squeezed onto three lines. */}
      {narrow && issuesButton && <div className="status-issues-row">{issuesButton}</div>}
      {folded && (
        <div id="status-actions-panel" className="status-actions-panel" ref={menu.panel} hidden={!menu.open}>
          <NotificationPermissionButton
            permission={notifications.permission}
            ask={async () => {
              menu.close();
              await notifications.ask();
            }}
          />
          {syncButton(menu.close)}
        </div>
      )}
      {issuesOpen && rejected.length > 0 && (
        <Suspense fallback={null}>
          <SyncIssuesPanel entries={rejected} onClose={() => setIssuesOpen(false)} />
        </Suspense>
      )}
      <NewListsMessage />
    </>
  );
}
