import { Outlet } from 'react-router';
import { Header } from './header';

/** The sign-in screen's frame. Nothing here touches the database, so a first visit loads no Dexie. */
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
