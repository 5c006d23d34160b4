import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unlocked } from '../../tests/fixtures/unlocked';
import { type ApiClient, ApiError, NetworkError } from '../api/client';
import type { Mutation, MutationResult } from '../api/schemas';
import { RecallDb, setMeta } from '../db/db';
import { appendOutbox } from '../db/outbox';
import { SERVER_ERROR_TRIES } from './push';
import { createSyncEngine } from './sync-engine';
import { startSyncTriggers } from './sync-triggers';

/**
 * Issue 18: one mutation the server fails on (500 whenever it is in a batch) never holds the outbox.
 * With the real sync engine, triggers and backoff on fake timers, any number of mutations, any
 * poisoned one, and outages (503, no network) injected at any request: every other mutation is
 * applied exactly as sent, and the poisoned one is set aside (server_error) for the clerk.
 */
afterEach(() => {
  vi.useRealTimers();
});

const SESSION = {
  token: 'x'.repeat(32),
  expiresAt: '2099-01-01T00:00:00.000Z',
  office: { id: 'office-1', code: 'DEMO-1', name: '本社' },
  insurer: { name: '組合', number: '06135784', phone: '0' },
};

function mutation(i: number): Mutation {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    id,
    type: 'item.returned',
    at: new Date(Date.UTC(2026, 10, 20, 1, 0, i)).toISOString(),
    payload: { itemId: `item-${i}`, returnedAt: '2026-11-20T01:00:00.000Z', method: 'hand' },
  };
}

/** A window the triggers can listen on: always online, never visible again. */
function fakeWindow(): Window {
  const events = { addEventListener: () => {}, removeEventListener: () => {} };
  return {
    ...events,
    navigator: { onLine: true },
    document: { ...events, visibilityState: 'hidden' },
  } as unknown as Window;
}

describe('one poisoned mutation', () => {
  it('never blocks the others, whatever outages come in between', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        // Per request: 0 = answered, 1 = 503, 2 = no network. Afterwards every request is answered.
        fc.array(fc.constantFrom(0, 0, 1, 2), { maxLength: 20 }),
        async (count, poisonSeed, outages) => {
          vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
          const database = unlocked(new RecallDb(`poison-${crypto.randomUUID()}`));
          try {
            await setMeta('session', SESSION, database);
            const sent = Array.from({ length: count }, (_, i) => mutation(i));
            const poison = sent[poisonSeed % count] as Mutation;
            for (const m of sent) await appendOutbox(database, m);

            const applied = new Map<string, number>();
            let request = 0;
            const api = {
              pull: async () => ({ lists: [], items: [], cursor: '0', hasMore: false }),
              push: async (_device: string, batch: Mutation[]) => {
                const outage = outages[request++] ?? 0;
                if (outage === 1) throw new ApiError(503, 'unavailable');
                if (outage === 2) throw new NetworkError(new Error('offline'));
                if (batch.some((m) => m.id === poison.id)) throw new ApiError(500, 'internal_error');
                const results: MutationResult[] = batch.map((m) => {
                  const seen = applied.has(m.id);
                  applied.set(m.id, (applied.get(m.id) ?? 0) + 1);
                  return { id: m.id, status: seen ? 'duplicate' : 'applied' };
                });
                return { results };
              },
            } as unknown as ApiClient;
            const stop = startSyncTriggers(createSyncEngine(database, api), database, fakeWindow());
            // An hour of virtual time: the backoff (2 s doubling to 5 min) retries well within it.
            for (let step = 0; step < 120; step++) {
              await vi.advanceTimersByTimeAsync(30_000);
              if ((await database.outbox.where('status').equals('pending').count()) === 0) break;
            }
            stop();

            const left = await database.outbox.toArray();
            expect(left.map((e) => [e.id, e.status, e.reason])).toEqual([[poison.id, 'rejected', 'server_error']]);
            expect(left[0]?.serverErrors).toBe(SERVER_ERROR_TRIES - 1);
            expect([...applied.keys()].sort()).toEqual(sent.filter((m) => m !== poison).map((m) => m.id));
          } finally {
            vi.useRealTimers();
            await database.delete();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
