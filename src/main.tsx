import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './app/i18n';
import { preloadPasscodeScreens } from './app/layout';
import './app/styles.css';
import { setNotificationText } from './sync/sync-service';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// Every signed-in load starts with a passcode screen; only the sign-in page and a member's notice do not.
if (!/^\/(sign-in|n\/)/.test(location.pathname)) preloadPasscodeScreens();

void initI18n().then((i18n) => {
  // Before any sync round can finish; i18n.t follows the clerk's language when it changes.
  setNotificationText({
    title: i18n.t('newList.notificationTitle'),
    body: (titles) => i18n.t('newList.notificationBody', { titles }),
  });
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
