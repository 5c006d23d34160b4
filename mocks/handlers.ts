import { HttpResponse, http } from 'msw';
import {
  type Mutation,
  type MutationResult,
  type Problem,
  PullQuery,
  PushRequest,
  type RecallItem,
  type RecallList,
  SignInRequest,
  type SignInResponse,
  type ValueMappings,
} from '../src/api/schemas';
import { isItemMutation, toStatusChange } from '../src/api/status-change';
import { applyStatusChange } from '../src/domain/collection-status';

/**
 * An in-memory insurer implementing the same contract as server/, for component tests and for
 * demoing the UI without the server. Validation uses the shared schemas, so a contract change
 * breaks these handlers at compile time or in tests, not silently.
 */
export type MockInsurer = { lists: RecallList[]; items: RecallItem[]; pushes: Mutation[][] };

const problem = (status: number, code: string, title: string) =>
  HttpResponse.json({ type: `about:blank#${code}`, title, status, code } satisfies Problem as Record<string, unknown>, {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export const MOCK_TOKEN = 'mock-token';
/** The session's push token: as on the server, it may push but not pull (403 token_scope). */
export const MOCK_PUSH_TOKEN = 'mock-push-token';
export const MOCK_CREDENTIALS = { officeCode: 'DEMO-1', accessCode: 'demo-pass-1' };

export function createHandlers(state: MockInsurer) {
  const applied = new Set<string>();
  let version = Math.max(0, ...state.lists.map((l) => l.version), ...state.items.map((i) => i.version));
  const authorised = (request: Request) => request.headers.get('authorization') === `Bearer ${MOCK_TOKEN}`;
  const pushOnly = (request: Request) => request.headers.get('authorization') === `Bearer ${MOCK_PUSH_TOKEN}`;

  return [
    http.post('/api/v1/auth/sign-in', async ({ request }) => {
      const input = SignInRequest.safeParse(await request.json().catch(() => null));
      if (!input.success) return problem(400, 'validation_failed', 'Invalid request body');
      if (
        input.data.officeCode !== MOCK_CREDENTIALS.officeCode ||
        input.data.accessCode !== MOCK_CREDENTIALS.accessCode
      ) {
        return problem(401, 'invalid_credentials', 'Invalid office code or access code');
      }
      const body: SignInResponse = {
        token: MOCK_TOKEN,
        pushToken: MOCK_PUSH_TOKEN,
        expiresAt: '2099-01-01T00:00:00.000Z',
        office: { id: 'office-1', code: 'DEMO-1', name: '株式会社さくら製作所 本社工場' },
        insurer: { name: 'みなと連合健康保険組合', number: '06135784', phone: '0120-000-000', kind: 'kumiai' },
      };
      return HttpResponse.json(body);
    }),

    // Either token may sign out; the mock issues the same tokens on every sign-in, so it revokes nothing.
    http.post('/api/v1/auth/sign-out', ({ request }) =>
      authorised(request) || pushOnly(request)
        ? new HttpResponse(null, { status: 204 })
        : problem(401, 'unauthorized', 'Missing or invalid token'),
    ),

    http.get('/api/v1/sync/pull', ({ request }) => {
      if (pushOnly(request)) return problem(403, 'token_scope', 'This token may only push');
      if (!authorised(request)) return problem(401, 'unauthorized', 'Sign in first');
      const query = PullQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!query.success) return problem(400, 'validation_failed', 'Invalid query');
      const since = Number(query.data.cursor ?? 0);
      const limit = query.data.limit ?? 500;
      const changes = [
        ...state.lists.filter((l) => l.version > since).map((list) => ({ list })),
        ...state.items.filter((i) => i.version > since).map((item) => ({ item })),
      ]
        .sort(
          (a, b) => ('list' in a ? a.list.version : a.item.version) - ('list' in b ? b.list.version : b.item.version),
        )
        .slice(0, limit + 1);
      const page = changes.slice(0, limit);
      const last = page.at(-1);
      const cursor = last ? ('list' in last ? last.list.version : last.item.version) : since;
      return HttpResponse.json({
        lists: page.flatMap((c) => ('list' in c ? [c.list] : [])),
        items: page.flatMap((c) => ('item' in c ? [c.item] : [])),
        cursor: String(cursor),
        hasMore: changes.length > limit,
      });
    }),

    // The office's answers for its insurer's wordings (the mock keeps none: an office that never mapped one).
    http.get('/api/v1/value-mappings', ({ request }) => {
      if (pushOnly(request)) return problem(403, 'token_scope', 'This token may only push');
      if (!authorised(request)) return problem(401, 'unauthorized', 'Sign in first');
      return HttpResponse.json({ answers: [] } satisfies ValueMappings);
    }),

    http.post('/api/v1/sync/push', async ({ request }) => {
      if (!authorised(request) && !pushOnly(request)) return problem(401, 'unauthorized', 'Sign in first');
      const body = PushRequest.safeParse(await request.json().catch(() => null));
      if (!body.success) return problem(400, 'validation_failed', 'Invalid request body');
      state.pushes.push(body.data.mutations);
      const results: MutationResult[] = body.data.mutations.map((mutation) => {
        if (applied.has(mutation.id)) return { id: mutation.id, status: 'duplicate' };
        if (mutation.type === 'report.submitted') {
          // As the server does: every tablet pulls the mark (a new version) and reports the items no more.
          const { reportId, form, itemIds, createdAt } = mutation.payload;
          const items = itemIds.map((itemId) => state.items.find((i) => i.id === itemId));
          if (items.some((item) => !item))
            return { id: mutation.id, status: 'rejected', reason: 'report_item_not_found' };
          if (items.some((item) => item?.inReport))
            return { id: mutation.id, status: 'rejected', reason: 'report_item_reported' };
          applied.add(mutation.id);
          state.items = state.items.map((item) =>
            itemIds.includes(item.id) ? { ...item, inReport: { reportId, form, createdAt }, version: ++version } : item,
          );
          return { id: mutation.id, status: 'applied' };
        }
        if (!isItemMutation(mutation)) {
          applied.add(mutation.id);
          return { id: mutation.id, status: 'applied' };
        }
        const index = state.items.findIndex((i) => i.id === mutation.payload.itemId);
        const item = state.items[index];
        if (!item) return { id: mutation.id, status: 'rejected', reason: 'item_not_found' };
        applied.add(mutation.id);
        version += 1;
        state.items[index] = { ...item, ...applyStatusChange(item, toStatusChange(mutation)), version };
        return { id: mutation.id, status: 'applied' };
      });
      return HttpResponse.json({ results });
    }),
  ];
}
