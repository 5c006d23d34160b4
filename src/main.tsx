import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initI18n } from './app/i18n';
import { lockScreen, setPasscodeScreen } from './app/passcode-screens';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// Every signed-in load starts with a passcode screen: fetch the signed-in frame and those screens while
// the app's own code runs. The sign-in page and a member's notice need neither (nor the database).
if (!/^\/(sign-in|n\/)/.test(location.pathname)) {
  void import('./app/signed-in-layout');
  void lockScreen.load();
  void setPasscodeScreen.load();
}

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
