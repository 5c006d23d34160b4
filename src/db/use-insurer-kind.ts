import { useLiveQuery } from 'dexie-react-hooks';
import type { InsurerKind } from '../domain/recall';
import { db, getMeta } from './db';

/**
 * The signed-in office's kind of insurer (docs/domain.md). A session kept before the insurer kinds
 * has none until the next pull; until then the app behaves as it always did, as for a 健康保険組合.
 */
export function useInsurerKind(): InsurerKind {
  const session = useLiveQuery(() => getMeta('session', db), []);
  return session?.insurer.kind ?? 'kumiai';
}
