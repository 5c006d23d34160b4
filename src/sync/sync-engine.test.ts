import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newList as jaNewList } from '../../locales/ja.json';
import { mockInsurer } from '../../mocks/fixtures';
import { createHandlers, MOCK_PUSH_TOKEN, MOCK_TOKEN, type MockInsurer } from '../../mocks/handlers';
import { unlocked } from '../../tests/fixtures/unlocked';
import { createApiClient } from '../api/client';
import { getMeta, type LocalItem, RecallDb, setMeta } from '../db/db';
import { markReturned, reopen } from '../db/item-changes';
import { countPending } from '../db/outbox';
import { reportedItemIds, saveDraft, submitReport } from '../db/reports';
import { keepSignIn, tokenFor } from '../db/session-token';
import { lockVault } from '../db/vault';
import { buildReport } from '../domain/reports/build-report';
import { notifyNewLists } from './new-lists';
import { createSyncEngine } from './sync-engine';

const server = setupServer();
const SESSION = {
  token: MOCK_TOKEN,
  expiresAt: '2099-01-01T00:00:00.000Z',
  office: { id: 'office-1', code: 'DEMO-1', name: '本社' },
  insurer: { name: '組合', number: '06135784', phone: '0', kind: 'kumiai' as const },
};
let insurer: MockInsurer;
let database: RecallDb;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  insurer = mockInsurer();
  server.resetHandlers(...createHandlers(insurer));
  database = unlocked(new RecallDb(`sync-${crypto.randomUUID()}`));
  await setMeta('session', SESSION, database);
});
afterEach(() => {
  server.events.removeAllListeners();
  return database.delete();
});
afterAll(() => server.close());

const engine = () => createSyncEngine(database, createApiClient({ getToken: async () => MOCK_TOKEN }));

describe('sync engine', () => {
  it('answers instead of rejecting when the database closes under it (a wipe in the middle of a round)', async () => {
    database.close();
    await expect(engine().syncNow()).resolves.toMatchObject({ ok: false, retryable: true });
  });

  it('pulls everything in pages and resumes from the stored cursor', async () => {
    const api = createApiClient({ getToken: async () => MOCK_TOKEN });
    const { pullChanges } = await import('./pull');
    expect(await pullChanges(database, api, 1)).toBe(4);
    expect(await database.items.count()).toBe(3);
    expect(await pullChanges(database, api, 1)).toBe(0);
  });

  it('a pull never overwrites a tick that has not been pushed yet', async () => {
    await engine().syncNow();
    await markReturned(database, 'item-1', 'hand');
    // The insurer changes the item meanwhile (a new version of the same item arrives).
    const index = insurer.items.findIndex((item) => item.id === 'item-1');
    insurer.items[index] = {
      ...(insurer.items[index] as (typeof insurer.items)[number]),
      dueDate: '2099-12-31',
      version: 99,
    };
    const { pullChanges } = await import('./pull');
    await pullChanges(database, createApiClient({ getToken: async () => MOCK_TOKEN }));
    const local = await database.items.get('item-1');
    expect(local).toMatchObject({ status: 'returned', dueDate: '2099-12-31' });
    expect(await countPending(database)).toBe(1);
  });

  it('while locked it pushes the outbox but pulls nothing (it could not store it encrypted)', async () => {
    await engine().syncNow();
    await markReturned(database, 'item-1', 'hand');
    database.dataKey.clear();
    insurer.items = insurer.items.map((item) => (item.id === 'item-2' ? { ...item, version: 80 } : item));
    const cursorBefore = await getMeta('cursor', database);
    expect(await engine().syncNow()).toEqual({ ok: true, pushed: 1, pulled: 0 });
    expect(await countPending(database)).toBe(0);
    expect(insurer.items.find((item) => item.id === 'item-1')?.status).toBe('returned');
    expect(await getMeta('cursor', database)).toBe(cursorBefore);
  });

  it('with the tablet’s own tokens: locked, it pushes with the push token and asks for no pull at all', async () => {
    await keepSignIn(database, { ...SESSION, token: MOCK_TOKEN, pushToken: MOCK_PUSH_TOKEN });
    const sent: string[] = [];
    server.events.on('request:start', ({ request }) => {
      sent.push(`${new URL(request.url).pathname} ${request.headers.get('authorization')}`);
    });
    const api = createApiClient({ getToken: (use) => tokenFor(database, use) });
    expect(await createSyncEngine(database, api).syncNow()).toMatchObject({ ok: true, pulled: 4 });
    expect(sent).toEqual([`/api/v1/sync/pull Bearer ${MOCK_TOKEN}`]);

    await markReturned(database, 'item-1', 'hand');
    lockVault(database);
    sent.length = 0;
    expect(await createSyncEngine(database, api).syncNow()).toEqual({ ok: true, pushed: 1, pulled: 0 });
    expect(sent).toEqual([`/api/v1/sync/push Bearer ${MOCK_PUSH_TOKEN}`]);
    expect(insurer.items.find((item) => item.id === 'item-1')?.status).toBe('returned');
  });

  it('pushes in order, and a network failure keeps the outbox for the next round', async () => {
    await engine().syncNow();
    await markReturned(database, 'item-1', 'hand');
    await markReturned(database, 'item-2', 'post');
    server.use(http.post('/api/v1/sync/push', () => HttpResponse.error()));
    const failed = await engine().syncNow();
    expect(failed).toMatchObject({ ok: false, error: 'network_error', retryable: true });
    expect(await countPending(database)).toBe(2);

    server.resetHandlers(...createHandlers(insurer));
    const ok = await engine().syncNow();
    expect(ok.ok).toBe(true);
    expect(await countPending(database)).toBe(0);
    expect(insurer.pushes.flat().map((m) => ('itemId' in m.payload ? m.payload.itemId : null))).toEqual([
      'item-1',
      'item-2',
    ]);
    expect(insurer.items.filter((item) => item.status === 'returned').map((item) => item.id)).toEqual([
      'item-1',
      'item-2',
    ]);
  });

  it('a rejected mutation is set aside with its reason and does not block the others', async () => {
    await engine().syncNow();
    await markReturned(database, 'item-1', 'hand');
    await markReturned(database, 'item-2', 'hand');
    // The insurer withdrew item-1 before the push arrived.
    insurer.items = insurer.items.filter((item) => item.id !== 'item-1');
    await engine().syncNow();
    const outbox = await database.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ itemId: 'item-1', status: 'rejected', reason: 'item_not_found' });
    expect(insurer.items.find((item) => item.id === 'item-2')?.status).toBe('returned');
  });

  it('a 5xx answer is retryable and sends nothing twice once it succeeds', async () => {
    await engine().syncNow();
    await markReturned(database, 'item-3', 'hand');
    await reopen(database, 'item-3');
    server.use(
      http.post('/api/v1/sync/push', () =>
        HttpResponse.json({ type: 'about:blank', title: 'down', status: 503, code: 'unavailable' }, { status: 503 }),
      ),
    );
    expect(await engine().syncNow()).toMatchObject({ ok: false, retryable: true });
    server.resetHandlers(...createHandlers(insurer));
    await engine().syncNow();
    expect(insurer.pushes.flat().map((m) => m.type)).toEqual(['item.returned', 'item.reopened']);
    expect(insurer.items.find((item) => item.id === 'item-3')?.status).toBe('to_collect');
  });

  it('a list arriving after the first pull is announced once, and notified only when allowed', async () => {
    await engine().syncNow();
    expect(await getMeta('newLists', database)).toBeUndefined();
    insurer.lists.push({
      id: 'list-new',
      title: '2026年12月分 回収対象者',
      period: '2026-12',
      receivedAt: '2026-12-01T00:00:00.000Z',
      source: 'insurer',
      version: 500,
    });
    await engine().syncNow();
    expect(await getMeta('newLists', database)).toEqual([
      { id: 'list-new', title: '2026年12月分 回収対象者', period: '2026-12', notified: false },
    ]);

    const japanese = {
      title: jaNewList.notificationTitle,
      body: (titles: string) => jaNewList.notificationBody.replace('{{titles}}', titles),
    };
    const shown: string[] = [];
    const registration = async () => ({
      showNotification: async (title: string, options?: NotificationOptions) => {
        shown.push(`${title}: ${options?.body}`);
      },
    });
    const permission = Object.getOwnPropertyDescriptor(globalThis, 'Notification');
    Object.defineProperty(globalThis, 'Notification', { value: { permission: 'granted' }, configurable: true });
    try {
      // Not yet worded (before the runtime set the text): nothing announced, the list still waits.
      expect(await notifyNewLists(database, undefined, registration)).toHaveLength(0);
      expect(await notifyNewLists(database, japanese, registration)).toHaveLength(1);
      expect(await notifyNewLists(database, japanese, registration)).toHaveLength(0);
    } finally {
      if (permission) Object.defineProperty(globalThis, 'Notification', permission);
      else Reflect.deleteProperty(globalThis, 'Notification');
    }
    expect(shown).toEqual(['新しい回収対象者リスト: 新しい回収対象者リストが届きました：2026年12月分 回収対象者']);
    // The in-app message stays until the clerk closes it.
    expect(await getMeta('newLists', database)).toHaveLength(1);
  });
});

describe("another tablet's report in the pull", () => {
  it('marks the items of a report tablet A sent on tablet B, which reports only the others; a freed item is reportable again', async () => {
    const api = createApiClient({ getToken: async () => MOCK_TOKEN });
    const tabletA = unlocked(new RecallDb(`sync-a-${crypto.randomUUID()}`));
    try {
      await setMeta('session', SESSION, tabletA);
      await setMeta('clerk', { name: '佐藤 花子', phone: '03-1234-5678' }, tabletA);
      const syncA = () => createSyncEngine(tabletA, api).syncNow();
      await syncA();
      await engine().syncNow();
      // A: item-1 comes back and goes into a report the insurer accepts.
      await markReturned(tabletA, 'item-1', 'hand');
      await syncA();
      const reportId = await saveDraft(tabletA, buildOrThrow(await tabletA.items.toArray(), new Set()), 'リスト');
      expect(await submitReport(tabletA, reportId)).toEqual({ ok: true });
      await syncA();
      expect((await tabletA.reports.get(reportId))?.status).toBe('received');

      // B pulls: item-1 carries A's report; B's own item-2 is what B may report.
      await markReturned(database, 'item-2', 'hand');
      await engine().syncNow();
      const marked = await database.items.get('item-1');
      expect(marked?.inReport).toMatchObject({ reportId, form: 'return_notice' });
      expect(await database.reports.count()).toBe(0);
      const built = buildOrThrow(await database.items.toArray(), await reportedItemIds(database));
      expect(built.itemIds).toEqual(['item-2']);

      // The insurer takes item-1 out of the report (a correcting report): the next pull frees it.
      insurer.items = insurer.items.map((item) =>
        item.id === 'item-1' ? { ...item, inReport: null, version: item.version + 100 } : item,
      );
      await engine().syncNow();
      expect((await database.items.get('item-1'))?.inReport).toBeNull();
      const again = buildOrThrow(await database.items.toArray(), new Set());
      expect(again.itemIds.sort()).toEqual(['item-1', 'item-2']);
    } finally {
      await tabletA.delete();
    }
  });
});

function buildOrThrow(items: LocalItem[], reported: ReadonlySet<string>) {
  const result = buildReport({
    office: { code: 'DEMO-1', name: '本社' },
    insurer: { name: '組合', number: '06135784' },
    clerk: { name: '佐藤 花子', phone: '03-1234-5678' },
    form: 'return_notice',
    scope: { kind: 'list', listId: items[0]?.listId ?? '' },
    items,
    reportedItemIds: reported,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.report;
}

describe('member languages in the pull', () => {
  it("stores each member's language, but keeps one chosen here and not yet sent", async () => {
    insurer.items = insurer.items.map((item) => (item.id === 'item-2' ? { ...item, preferredLanguage: 'vi' } : item));
    await engine().syncNow();
    expect((await database.memberPrefs.get('member-2'))?.language).toBe('vi');
    expect((await database.memberPrefs.get('member-1'))?.language).toBe('ja');

    const { setMemberLanguage } = await import('../db/member-changes');
    server.use(http.post('/api/v1/sync/push', () => HttpResponse.error()));
    await setMemberLanguage(database, 'member-2', 'ur');
    insurer.items = insurer.items.map((item) => (item.id === 'item-2' ? { ...item, version: 50 } : item));
    const { pullChanges } = await import('./pull');
    await pullChanges(database, createApiClient({ getToken: async () => MOCK_TOKEN }));
    expect((await database.memberPrefs.get('member-2'))?.language).toBe('ur');
  });
});
