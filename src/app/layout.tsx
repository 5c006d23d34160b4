import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router';
import { db, getMeta } from '../db/db';
import { purgeExpired } from '../db/retention-purge';
import { syncEngine } from '../sync/sync-service';
import { startSyncTriggers } from '../sync/sync-triggers';
import { LanguageSwitch } from './language-switch';
import { StatusBar } from './status-bar';
import { useAppBadge } from './use-app-badge';

// Styled through React's style prop (CSSOM, allowed by the CSP), so the shared stylesheet stays as it is.
const navStyle = { display: 'flex', flexWrap: 'wrap', gap: '0.25rem' } as const;
const navLinkStyle = ({ isActive }: { isActive: boolean }) =>
  ({
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '48px',
    minWidth: '48px',
    padding: '0 0.9rem',
    borderRadius: '8px',
    color: '#fff',
    fontWeight: 700,
    textDecoration: isActive ? 'underline' : 'none',
    textUnderlineOffset: '0.3em',
    background: isActive ? 'rgba(255, 255, 255, 0.18)' : 'transparent',
  }) as const;

/** The signed-in screens: recall lists and member notices (48px targets). */
function MainNav() {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('notices.navLabel')} style={navStyle}>
      <NavLink to="/" end style={navLinkStyle}>
        {t('notices.navLists')}
      </NavLink>
      <NavLink to="/notices" style={navLinkStyle}>
        {t('notices.navNotices')}
      </NavLink>
      <NavLink to="/reports" style={navLinkStyle}>
        {t('reports.nav')}
      </NavLink>
    </nav>
  );
}

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
      {officeName && <MainNav />}
      <LanguageSwitch />
    </header>
  );
}

/** The signed-in shell: header, sync status, and the sync triggers that run while it is open. */
export function SignedInLayout() {
  const session = useLiveQuery(async () => (await getMeta('session')) ?? null);
  const signedIn = Boolean(session);
  useEffect(() => (signedIn ? startSyncTriggers(syncEngine, db) : undefined), [signedIn]);
  // At start too, not only after a sync: a tablet that stays offline still lets old data go.
  useEffect(() => void purgeExpired(db).catch(() => {}), []);
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
