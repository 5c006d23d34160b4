import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/session/sign-in-page';
import { SignedOutLayout } from './signed-out-layout';

// The signed-in frame holds the database and the sync engine: a first visit (sign-in) does not load them.
const signedIn = () => import('./signed-in-layout').then((m) => ({ Component: m.SignedInLayout }));
// Screens beyond the first one load on demand (precached by the service worker, so offline too):
// the first-load bundle stays within its budget.
const lists = () => import('../features/recall/lists-page').then((m) => ({ Component: m.ListsPage }));
const checklist = () => import('../features/recall/checklist-page').then((m) => ({ Component: m.ChecklistPage }));
const allLists = () => import('../features/recall/checklist-page').then((m) => ({ Component: m.AllListsPage }));
const scan = () => import('../features/recall/scan-page').then((m) => ({ Component: m.ScanPage }));
const notices = () => import('../features/notices/notices-page').then((m) => ({ Component: m.NoticesPage }));
const publicNotice = () =>
  import('../features/notices/public-notice-page').then((m) => ({ Component: m.PublicNoticePage }));
const reports = () => import('../features/reports/reports-page').then((m) => ({ Component: m.ReportsPage }));
const officialForms = () =>
  import('../features/reports/official-forms-page').then((m) => ({ Component: m.OfficialFormsPage }));
const reportView = () => import('../features/reports/report-view-page').then((m) => ({ Component: m.ReportViewPage }));
const security = () => import('../features/lock/security-page').then((m) => ({ Component: m.SecurityPage }));
const hrEvent = () => import('../features/hr-events/hr-event-page').then((m) => ({ Component: m.HrEventPage }));
const insurerConsole = () =>
  import('../features/insurer-console/insurer-console-page').then((m) => ({ Component: m.InsurerConsolePage }));
const importList = () => import('../features/recall/import-page').then((m) => ({ Component: m.ImportPage }));

// No personal data in URLs: routes carry only opaque list ids.
export function createRouter(create: typeof createBrowserRouter = createBrowserRouter) {
  return create([
    { element: <SignedOutLayout />, children: [{ path: '/sign-in', element: <SignInPage /> }] },
    // Public, no sign-in: what a member's phone opens from a notice's QR code (generic text only).
    { path: '/n/:lang/:noticeKey', lazy: publicNotice },
    // The insurer staff's console (issue 20): its own sign-in, no office database.
    { path: '/insurer', lazy: insurerConsole },
    {
      lazy: signedIn,
      children: [
        { index: true, path: '/', lazy: lists },
        { path: '/lists/:listId', lazy: checklist },
        { path: '/all-lists', lazy: allLists },
        { path: '/scan', lazy: scan },
        { path: '/import', lazy: importList },
        { path: '/events/new', lazy: hrEvent },
        { path: '/notices', lazy: notices },
        { path: '/reports', lazy: reports },
        { path: '/reports/forms', lazy: officialForms },
        { path: '/reports/:reportId', lazy: reportView },
        { path: '/security', lazy: security },
      ],
    },
  ]);
}
