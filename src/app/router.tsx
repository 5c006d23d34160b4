import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/session/sign-in-page';
import { lazyScreen, RouteError } from './route-error';
import { SignedOutLayout } from './signed-out-layout';

// The signed-in frame holds the database and the sync engine: a first visit (sign-in) does not load them.
const signedIn = lazyScreen(() => import('./signed-in-layout').then((m) => ({ Component: m.SignedInLayout })));
// Screens beyond the first one load on demand (precached by the service worker, so offline too):
// the first-load bundle stays within its budget.
const lists = lazyScreen(() => import('../features/recall/lists-page').then((m) => ({ Component: m.ListsPage })));
const checklist = lazyScreen(() =>
  import('../features/recall/checklist-page').then((m) => ({ Component: m.ChecklistPage })),
);
const allLists = lazyScreen(() =>
  import('../features/recall/checklist-page').then((m) => ({ Component: m.AllListsPage })),
);
const scan = lazyScreen(() => import('../features/recall/scan-page').then((m) => ({ Component: m.ScanPage })));
const notices = lazyScreen(() =>
  import('../features/notices/notices-page').then((m) => ({ Component: m.NoticesPage })),
);
const publicNotice = lazyScreen(() =>
  import('../features/notices/public-notice-page').then((m) => ({ Component: m.PublicNoticePage })),
);
const reports = lazyScreen(() =>
  import('../features/reports/reports-page').then((m) => ({ Component: m.ReportsPage })),
);
const officialForms = lazyScreen(() =>
  import('../features/reports/official-forms-page').then((m) => ({ Component: m.OfficialFormsPage })),
);
const reportView = lazyScreen(() =>
  import('../features/reports/report-view-page').then((m) => ({ Component: m.ReportViewPage })),
);
const security = lazyScreen(() =>
  import('../features/lock/security-page').then((m) => ({ Component: m.SecurityPage })),
);
const hrEvent = lazyScreen(() =>
  import('../features/hr-events/hr-event-page').then((m) => ({ Component: m.HrEventPage })),
);
const insurerConsole = lazyScreen(() =>
  import('../features/insurer-console/insurer-console-page').then((m) => ({ Component: m.InsurerConsolePage })),
);
const importList = lazyScreen(() =>
  import('../features/recall/import-page').then((m) => ({ Component: m.ImportPage })),
);

// A screen whose chunk cannot load (offline before the service worker cached it, or gone after a
// deploy) shows what happened and 再読み込み instead of React Router's developer error page. Inside a
// layout the message takes the screen's place, so the header and sync status stay.
const inLayout = <RouteError />;
const standalone = <RouteError standalone />;

// No personal data in URLs: routes carry only opaque list ids.
export function createRouter(create: typeof createBrowserRouter = createBrowserRouter) {
  return create([
    {
      element: <SignedOutLayout />,
      errorElement: standalone,
      children: [{ path: '/sign-in', element: <SignInPage />, errorElement: inLayout }],
    },
    // Public, no sign-in: what a member's phone opens from a notice's QR code (generic text only).
    { path: '/n/:lang/:noticeKey', lazy: publicNotice, errorElement: standalone },
    // The insurer staff's console (issue 20): its own sign-in, no office database.
    { path: '/insurer', lazy: insurerConsole, errorElement: standalone },
    {
      lazy: signedIn,
      errorElement: standalone,
      children: [
        { index: true, path: '/', lazy: lists, errorElement: inLayout },
        { path: '/lists/:listId', lazy: checklist, errorElement: inLayout },
        { path: '/all-lists', lazy: allLists, errorElement: inLayout },
        { path: '/scan', lazy: scan, errorElement: inLayout },
        { path: '/import', lazy: importList, errorElement: inLayout },
        { path: '/events/new', lazy: hrEvent, errorElement: inLayout },
        { path: '/notices', lazy: notices, errorElement: inLayout },
        { path: '/reports', lazy: reports, errorElement: inLayout },
        { path: '/reports/forms', lazy: officialForms, errorElement: inLayout },
        { path: '/reports/:reportId', lazy: reportView, errorElement: inLayout },
        { path: '/security', lazy: security, errorElement: inLayout },
      ],
    },
  ]);
}
