import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet } from 'react-router';
import { db, getMeta } from '../db/db';
import { syncEngine } from '../sync/sync-service';
import { startSyncTriggers } from '../sync/sync-triggers';
import { LanguageSwitch } from './language-switch';
import { StatusBar } from './status-bar';
import { useAppBadge } from './use-app-badge';

function Header({ officeName }: { officeName?: string }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-title">
        <span className="app-name">{t('app.title')}</span>
        {officeName && <span className="office-name">{officeName}</span>}
      </div>
      <LanguageSwitch />
    </header>
  );
}

/** The signed-in shell: header, sync status, and the sync triggers that run while it is open. */
export function SignedInLayout() {
  const session = useLiveQuery(async () => (await getMeta('session')) ?? null);
  const signedIn = Boolean(session);
  useEffect(() => (signedIn ? startSyncTriggers(syncEngine, db) : undefined), [signedIn]);
  useAppBadge();

  if (session === undefined) return null;
  if (session === null) return <Navigate to="/sign-in" replace />;
  return (
    <>
      <Header officeName={session.office.name} />
      <StatusBar />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function SignedOutLayout() {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
