import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createRouter } from './router';
import { UpdatePrompt } from './update-prompt';

export function App({ router: given }: { router?: ReturnType<typeof createRouter> } = {}) {
  // The UI never waits for the network; queries and mutations run offline-first.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { networkMode: 'offlineFirst' }, mutations: { networkMode: 'offlineFirst' } },
      }),
  );
  const [router] = useState(() => given ?? createRouter());
  return (
    <QueryClientProvider client={queryClient}>
      <UpdatePrompt />
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
