import { useQueryClient } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet } from 'react-router';
import { db, getMeta } from '../db/db';
import { applyReportAnswers } from '../db/report-answers';
import { purgeExpired } from '../db/retention-purge';
import { mustSignInAgain } from '../db/session-token';
import { useAutoLock } from '../features/lock/use-auto-lock';
import { lockNow, useLockState } from '../features/lock/use-lock-state';
import { SIGN_IN_AGAIN } from '../features/session/sign-in-again';
import { setNotificationText, syncEngine } from '../sync/sync-service';
import { startSyncTriggers } from '../sync/sync-triggers';
import { Header } from './header';
import { lockScreen, setPasscodeScreen } from './passcode-screens';
import { StatusBar } from './status-bar';
import { useAppBadge } from './use-app-badge';
import { useScreenModule } from './use-screen-module';

/** The signed-in screens: recall lists and member notices (48px targets). */
function MainNav() {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('notices.navLabel')}>
      <NavLink to="/" end>
        {t('notices.navLists')}
      </NavLink>
      <NavLink to="/notices">{t('notices.navNotices')}</NavLink>
      <NavLink to="/reports">{t('reports.nav')}</NavLink>
      <NavLink to="/security">{t('lock.security.nav')}</NavLink>
    </nav>
  );
}

/**
 * When the data key leaves memory, the decrypted copies in memory go too: the screens unmount (the
 * lock screen replaces them), and the query cache is emptied (features drop their own copies on `db.dataKey` changes).
 */
function useForgetOnLock(unlocked: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (unlocked) return;
    queryClient.clear();
  }, [unlocked, queryClient]);
}

function LockedShell({ officeName, children }: { officeName: string; children: ReactNode }) {
  return (
    <>
      <Header officeName={officeName} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/**
 * The signed-in shell: header, sync status, and the sync triggers that run while it is open. Until
 * a passcode is set, and whenever the tablet is locked, it shows only the passcode screens; the
 * triggers keep running (a round without the key only pushes).
 */
export function SignedInLayout() {
  const { t, i18n } = useTranslation();
  // Before this tab's first sync round can finish (until then new lists wait for the next round), and
  // again whenever the clerk changes language.
  useEffect(() => {
    const word = () =>
      setNotificationText({
        title: i18n.t('newList.notificationTitle'),
        body: (titles) => i18n.t('newList.notificationBody', { titles }),
      });
    word();
    i18n.on('languageChanged', word);
    return () => i18n.off('languageChanged', word);
  }, [i18n]);
  const session = useLiveQuery(async () => (await getMeta('session')) ?? null);
  const signedIn = Boolean(session);
  const lock = useLockState();
  // Every load starts locked: fetch the passcode screens while the session and vault are read.
  const locked = useScreenModule(lockScreen);
  const noPasscode = useScreenModule(setPasscodeScreen);
  useEffect(() => (signedIn ? startSyncTriggers(syncEngine, db) : undefined), [signedIn]);
  // Report answers that came while locked (the service worker pushes without the key) wait in meta
  // until a tab that holds the key applies them (report-answers.ts); then the purge, which counts only
  // received reports, runs on unlock too, so a tablet that stays offline still lets old data go.
  const waitingAnswers = useLiveQuery(async () => (await getMeta('reportAnswers'))?.length ?? 0, [], 0);
  useEffect(() => {
    if (lock !== 'unlocked') return;
    void (waitingAnswers > 0 ? applyReportAnswers(db) : Promise.resolve(0))
      .then(() => purgeExpired(db))
      .catch(() => {});
  }, [lock, waitingAnswers]);
  useAppBadge();
  useAutoLock(lock === 'unlocked');
  useForgetOnLock(lock === 'unlocked');

  if (session === undefined || lock === 'loading') return null;
  if (session === null) return <Navigate to="/sign-in" replace />;
  // Reloaded between sign-in and passcode: the full token was in that page's memory only.
  if (mustSignInAgain(db, session)) return <Navigate to="/sign-in" replace state={SIGN_IN_AGAIN} />;
  if (lock === 'no-passcode')
    return <LockedShell officeName={session.office.name}>{noPasscode && <noPasscode.SetPasscodeScreen />}</LockedShell>;
  if (lock === 'locked')
    return <LockedShell officeName={session.office.name}>{locked && <locked.LockScreen />}</LockedShell>;
  return (
    <>
      <Header officeName={session.office.name}>
        <MainNav />
        <button type="button" className="button secondary header-lock" onClick={() => lockNow()}>
          {t('lock.lockNow')}
        </button>
      </Header>
      <StatusBar />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
