import { useTranslation } from 'react-i18next';
import { type RouteObject, useRouteError } from 'react-router';

/**
 * A screen's code (a lazy route's chunk) that could not be fetched: the tablet went offline before
 * the service worker had cached it, or a deploy removed the old chunk the open page still points at.
 * The messages differ between browsers (Chromium: "Failed to fetch dynamically imported module",
 * Firefox: "error loading dynamically imported module", Safari: "Importing a module script failed",
 * Vite's CSS preload: "Unable to preload CSS").
 */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'ChunkLoadError' ||
    /dynamically imported module|importing a module script failed|unable to preload css/i.test(error.message)
  );
}

type Lazy = NonNullable<RouteObject['lazy']> & (() => Promise<object>);

/**
 * A lazy route whose chunk fails to load keeps its `lazy` in React Router 7, which then renders the
 * matches above it only: inside the signed-in layout the clerk would see an empty screen under the
 * header. Turned into a loader that throws the import's error, it reaches the route's errorElement.
 */
export const lazyScreen =
  (load: () => Promise<object>): Lazy =>
  () =>
    load().catch((error: unknown) => ({
      loader: () => {
        throw error;
      },
    }));

/**
 * What a route shows instead of React Router's developer error page: what happened in plain words and
 * 再読み込み (a fresh page load fetches the current chunks, or the cached ones once back online).
 * `standalone` for the routes outside any layout, which have no <main> around them.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  const chunk = isChunkLoadError(error);
  const content = (
    <section className="route-error" role="alert" aria-labelledby="route-error-title">
      <h1 id="route-error-title">{t('routeError.title')}</h1>
      <p>{t(chunk ? 'routeError.chunk' : 'routeError.other')}</p>
      <p>{t('routeError.dataKept')}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t('routeError.reload')}
      </button>
    </section>
  );
  return standalone ? (
    <main id="main" tabIndex={-1}>
      {content}
    </main>
  ) : (
    content
  );
}
