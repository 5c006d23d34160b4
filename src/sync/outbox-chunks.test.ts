import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unlocked } from '../../tests/fixtures/unlocked';
import { type ApiClient, ApiError, NetworkError } from '../api/client';
import type { Mutation, MutationResult } from '../api/schemas';
import { RecallDb } from '../db/db';
import { appendOutbox } from '../db/outbox';
import { pushOutbox, SERVER_ERROR_TRIES } from './push';

/**
 * The outbox is read in chunks and sent in batches while the answers of the batch before are still
 * being written, the next chunk read ahead by key (docs/decisions/027, 036). With any outbox length,
 * batch and chunk size (so every chunk boundary is crossed), refused mutations, entries an earlier
 * round set aside anywhere in the outbox, a change made while the push goes on, a mutation the server
 * fails on, and outages at any request: nothing is lost, nothing is applied or counted twice, a
 * refused mutation never holds the others back, and the server first sees the mutations in the order
 * they were made.
 */
function mutation(i: number): Mutation {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'item.returned',
    at: new Date(Date.UTC(2026, 10, 20, 1, 0, i)).toISOString(),
    payload: { itemId: `item-${i % 7}`, returnedAt: '2026-11-20T01:00:00.000Z', method: 'hand' },
  };
}

describe('outbox push in chunks', () => {
  it('loses nothing, applies and counts nothing twice, and keeps the order, across chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        // Which mutations the server refuses (by index modulo the count) and which one it fails on.
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.option(fc.nat(), { nil: undefined }),
        // Per request: 0 = answered, 1 = 503, 2 = no network.
        fc.array(fc.constantFrom(0, 0, 0, 1, 2), { maxLength: 30 }),
        // Entries a round before already set aside (refused), anywhere in the outbox: reads skip them.
        fc.array(fc.nat(), { maxLength: 5 }),
        // The request during which the clerk makes one more change (it goes to the end of the outbox).
        fc.option(fc.nat({ max: 30 }), { nil: undefined }),
        async (count, batch, chunks, refusedSeeds, poisonSeed, outages, setAsideSeeds, changeAt) => {
          const database = unlocked(new RecallDb(`chunks-${crypto.randomUUID()}`));
          try {
            const sent = Array.from({ length: count }, (_, i) => mutation(i));
            for (const m of sent) await appendOutbox(database, m);
            const refused = new Set(refusedSeeds.map((seed) => (sent[seed % count] as Mutation).id));
            const poison = poisonSeed === undefined ? undefined : (sent[poisonSeed % count] as Mutation).id;
            const setAside = new Set(
              setAsideSeeds
                .map((seed) => (sent[seed % count] as Mutation).id)
                .filter((id) => !refused.has(id) && id !== poison),
            );
            for (const id of setAside) {
              await database.outbox.where('id').equals(id).modify({ status: 'rejected', reason: 'item_withdrawn' });
            }
            const later = mutation(count);
            let changed = false;

            const received = new Map<string, number>();
            const firstSeen: string[] = [];
            let request = 0;
            // Per mutation id, the request numbers it was in (answered or not).
            const attempts = new Map<string, number[]>();
            const api = {
              push: async (_device: string, ms: Mutation[]) => {
                if (request === changeAt) {
                  await appendOutbox(database, later);
                  changed = true;
                }
                const outage = outages[request++] ?? 0;
                if (outage === 1) throw new ApiError(503, 'unavailable');
                if (outage === 2) throw new NetworkError(new Error('offline'));
                for (const m of ms) attempts.set(m.id, [...(attempts.get(m.id) ?? []), request]);
                if (ms.some((m) => m.id === poison)) throw new ApiError(500, 'internal_error');
                const results: MutationResult[] = ms.map((m) => {
                  const times = received.get(m.id) ?? 0;
                  received.set(m.id, times + 1);
                  if (times === 0) firstSeen.push(m.id);
                  if (refused.has(m.id)) return { id: m.id, status: 'rejected', reason: 'item_withdrawn' };
                  return { id: m.id, status: times === 0 ? 'applied' : 'duplicate' };
                });
                return { results };
              },
            } as unknown as ApiClient;

            let applied = 0;
            for (let round = 0; round < 200; round++) {
              try {
                applied += (await pushOutbox(database, api, 'device', { batch, chunk: batch * chunks })).applied;
              } catch {
                // An outage: the round ends and the next one sends again.
              }
              if ((await database.outbox.where('status').equals('pending').count()) === 0) break;
            }

            const made = changed ? [...sent, later] : sent;
            // Never sent: the ones set aside before.
            for (const id of setAside) expect(received.has(id), id).toBe(false);
            const expectedApplied = made
              .filter((m) => !refused.has(m.id) && m.id !== poison && !setAside.has(m.id))
              .map((m) => m.id);
            // Counted at most once each, however often an outage made the device send them again (a
            // round cut short by an outage returns no summary); exactly once without outages.
            expect(applied).toBeLessThanOrEqual(expectedApplied.length);
            if (outages.every((o) => o === 0)) expect(applied).toBe(expectedApplied.length);
            // Applied by the server: each once, none of them lost.
            expect(firstSeen.filter((id) => !refused.has(id))).toEqual(expectedApplied);
            // What the server saw first is the outbox order (the poisoned one is never answered).
            expect(firstSeen).toEqual(made.map((m) => m.id).filter((id) => id !== poison && !setAside.has(id)));
            // Left in the outbox: exactly the refused ones and the poisoned one, set aside with a reason.
            const left = await database.outbox.orderBy('seq').toArray();
            expect(left.map((e) => [e.id, e.status, e.reason])).toEqual(
              sent
                .filter((m) => refused.has(m.id) || m.id === poison || setAside.has(m.id))
                .map((m) => [m.id, 'rejected', m.id === poison ? 'server_error' : 'item_withdrawn']),
            );
            if (poison) {
              expect(left.find((e) => e.id === poison)?.serverErrors).toBe(SERVER_ERROR_TRIES - 1);
              // The one left unanswered is tried again before the outbox moves on: each try takes at most
              // a batch of the mutations after it along, never more.
              const at = sent.findIndex((m) => m.id === poison);
              const lastTry = Math.max(...(attempts.get(poison) ?? []));
              for (const m of sent.slice(at + SERVER_ERROR_TRIES * batch)) {
                expect(Math.min(...(attempts.get(m.id) ?? [])), m.id).toBeGreaterThan(lastTry);
              }
            }
          } finally {
            await database.delete();
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
