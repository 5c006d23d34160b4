import { useMutation } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, getMeta, type OutboxEntry } from '../db/db';
import { countPending } from '../db/outbox';
import { formatInstant } from '../domain/dates';
import { rejectedChanges } from '../sync/outbox-issues';
import { syncEngine } from '../sync/sync-service';
import { NewListsMessage, NotificationPermissionButton } from './sync-new-lists';
import { useOnline } from './use-online';

// Opened only when the insurer refused a change: not part of the first-load bundle.
const SyncIssuesPanel = lazy(() => import('./sync-issues').then((m) => ({ default: m.SyncIssuesPanel })));

function useRejectedChanges(): OutboxEntry[] {
  return useLiveQuery(() => rejectedChanges(db), [], []);
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
        {lastError && (
          <p className="status error" role="alert">
            {t('status.syncFailed', { reason: t(`errors.${lastError}`, { defaultValue: t('errors.unknown') }) })}
          </p>
        )}
        {rejected.length > 0 && (
          <button
            type="button"
            className="button warning"
            aria-expanded={issuesOpen}
            aria-controls="sync-issues"
            onClick={() => setIssuesOpen((open) => !open)}
          >
            {t('syncIssues.open', { count: rejected.length })}
          </button>
        )}
        <NotificationPermissionButton />
        <button
          id="sync-now"
          type="button"
          className="button secondary"
          onClick={() => sync.mutate()}
          disabled={sync.isPending}
        >
          {sync.isPending ? t('status.syncing') : t('status.syncNow')}
        </button>
      </section>
      {issuesOpen && rejected.length > 0 && (
        <Suspense fallback={null}>
          <SyncIssuesPanel entries={rejected} onClose={() => setIssuesOpen(false)} />
        </Suspense>
      )}
      <NewListsMessage />
    </>
  );
}
