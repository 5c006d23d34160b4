import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import i18n from 'i18next';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from './i18n';
import { isChunkLoadError, lazyScreen, RouteError } from './route-error';
import { createRouter } from './router';

// The public notice screen's chunk is gone (offline before it was cached, or removed by a deploy):
// its lazy() import rejects as Chromium rejects it.
// (Thrown as the router's lazy() reads the module, so the rejection is the browser's error unwrapped.)
vi.mock('../features/notices/public-notice-page', () => ({
  get PublicNoticePage() {
    throw new TypeError('Failed to fetch dynamically imported module: https://tablet.example/assets/notice.js');
  },
}));

beforeAll(async () => {
  await initI18n('ja');
});
afterEach(() => vi.restoreAllMocks());

const chunkGone = () =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module: https://tablet.example/assets/x.js'));

async function expectAxeClean(container: HTMLElement) {
  // Colour contrast needs layout, which jsdom has not; the e2e axe runs check it in Chromium.
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
}

describe('a screen whose code cannot load', () => {
  it('says in plain Japanese what happened and offers 再読み込み, not the developer error page', async () => {
    const router = createRouter((routes) => createMemoryRouter(routes, { initialEntries: ['/n/ja/some-notice'] }));
    const { container } = render(<RouterProvider router={router} />);

    expect(await screen.findByRole('heading', { name: 'この画面を開けませんでした' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('インターネットにつながっていないか');
    expect(screen.queryByText(/Unexpected Application Error/)).not.toBeInTheDocument();
    const reload = screen.getByRole('button', { name: '再読み込み' });
    // The app's .button is at least 48 px high and wide (styles.css): a whole touch target.
    expect(reload).toHaveClass('button');
    await expectAxeClean(container);
  });

  it('reloads the page from the button', async () => {
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    const router = createMemoryRouter([{ path: '/', lazy: chunkGone, errorElement: <RouteError standalone /> }]);
    render(<RouterProvider router={router} />);

    await userEvent.click(await screen.findByRole('button', { name: '再読み込み' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('keeps the layout around a screen that fails inside it, in English too', async () => {
    await i18n.changeLanguage('en');
    try {
      const router = createMemoryRouter([
        {
          element: (
            <>
              <nav aria-label="layout">layout</nav>
              <Outlet />
            </>
          ),
          children: [{ path: '/', lazy: lazyScreen(chunkGone), errorElement: <RouteError /> }],
        },
      ]);
      render(<RouterProvider router={router} />);
      expect(await screen.findByRole('heading', { name: 'This screen could not be opened' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
      expect(screen.getByRole('navigation', { name: 'layout' })).toBeInTheDocument();
    } finally {
      await i18n.changeLanguage('ja');
    }
  });

  it('tells a chunk that cannot load from any other error', async () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: /a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: /a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/a.css'))).toBe(true);
    expect(isChunkLoadError(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isChunkLoadError('not an error')).toBe(false);

    const router = createMemoryRouter([
      {
        path: '/',
        lazy: () => Promise.reject(new Error('Cannot read properties of undefined')),
        errorElement: <RouteError standalone />,
      },
    ]);
    render(<RouterProvider router={router} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('思いがけない問題が起きて');
  });
});
