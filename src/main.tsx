import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './app/i18n';
import { lockScreen, setPasscodeScreen } from './app/passcode-screens';
import { createRouter } from './app/router';
import { databaseSeen, isPublicPath, mayBeSignedIn, rememberDatabaseSeen } from './app/start-path';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

async function start(element: HTMLElement) {
  const i18nReady = initI18n();
  if (!isPublicPath(location.pathname)) {
    const signedInCheck = mayBeSignedIn().then((maybe) => {
      rememberDatabaseSeen(maybe);
      return maybe;
    });
    if (databaseSeen() || (await signedInCheck)) {
      // Every signed-in load starts with a passcode screen: fetch the signed-in frame and those
      // screens while the app's own code runs, beside the page's own chunk.
      // Only a head start: if a fetch fails here, the router and the layout load and report it again.
      const ignore = () => {};
      import('./app/signed-in-layout').catch(ignore);
      lockScreen.load().catch(ignore);
      setPasscodeScreen.load().catch(ignore);
      // The passcode screen waits for the session and the vault: open the database as soon as its
      // code is here, so IndexedDB opens while the router and React are still busy, not after the
      // signed-in frame has rendered once.
      import('./db/db').then(({ db }) => db.open()).catch(ignore);
    } else {
      // Never signed in on this browser: the sign-in page, without loading the database code first.
      history.replaceState(null, '', '/sign-in');
    }
  }
  // Made before the locale is in: the router starts fetching the screen the URL names (its lazy
  // route) when it is made, beside the signed-in frame, instead of after the first render.
  const router = createRouter();
  await i18nReady;
  const reactRoot = createRoot(element);
  // A transition: React renders the first screen in slices of a few ms, yielding in between, instead
  // of one task that blocks input (Lighthouse's Total Blocking Time on the lock screen every load starts with).
  startTransition(() => {
    reactRoot.render(
      <StrictMode>
        <App router={router} />
      </StrictMode>,
    );
  });
}

void start(root);
