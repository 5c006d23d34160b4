import { useQueries, useQuery } from '@tanstack/react-query';
import type { NoticeLocale } from '../../domain/notices/types';

// Each language's notices are their own lazy chunk (never in the first-load bundle); the service
// worker precaches them, so notices open offline, on the tablet and on the public page.
const loaders = import.meta.glob<{ default: NoticeLocale }>('../../../locales/notices/*.json');

export function loadNoticeLocale(code: string): Promise<NoticeLocale> {
  const load = loaders[`../../../locales/notices/${code}.json`];
  if (!load) return Promise.reject(new Error(`no notices in ${code}`));
  return load().then((module) => module.default);
}

const query = (code: string) => ({
  queryKey: ['notice-locale', code],
  queryFn: () => loadNoticeLocale(code),
  staleTime: Number.POSITIVE_INFINITY,
  gcTime: Number.POSITIVE_INFINITY,
});

export function useNoticeLocale(code: string): NoticeLocale | undefined {
  return useQuery(query(code)).data;
}

/** The notices of several languages at once: a map of those loaded so far. */
export function useNoticeLocales(codes: readonly string[]): Map<string, NoticeLocale> {
  const unique = [...new Set(codes)].sort();
  return useQueries({
    queries: unique.map(query),
    combine: (results) => {
      const loaded = new Map<string, NoticeLocale>();
      results.forEach((result, index) => {
        if (result.data) loaded.set(unique[index] as string, result.data);
      });
      return loaded;
    },
  });
}
