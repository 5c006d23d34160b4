import { createBrowserRouter } from 'react-router';
import { ChecklistPage } from '../features/recall/checklist-page';
import { ImportPage } from '../features/recall/import-page';
import { ListsPage } from '../features/recall/lists-page';
import { ScanPage } from '../features/recall/scan-page';
import { SignInPage } from '../features/session/sign-in-page';
import { SignedInLayout, SignedOutLayout } from './layout';

// No personal data in URLs: routes carry only opaque list ids.
export function createRouter(create: typeof createBrowserRouter = createBrowserRouter) {
  return create([
    { element: <SignedOutLayout />, children: [{ path: '/sign-in', element: <SignInPage /> }] },
    {
      element: <SignedInLayout />,
      children: [
        { index: true, path: '/', element: <ListsPage /> },
        { path: '/lists/:listId', element: <ChecklistPage /> },
        { path: '/scan', element: <ScanPage /> },
        { path: '/import', element: <ImportPage /> },
      ],
    },
  ]);
}
