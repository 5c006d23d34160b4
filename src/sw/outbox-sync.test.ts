import { describe, expect, it } from 'vitest';
import type { SyncEngine, SyncResult } from '../sync/sync-engine';
import { handleOutboxSync, type SyncEventLike } from './outbox-sync';

function fakeEvent(tag: string, lastChance = false) {
  const waited: Promise<unknown>[] = [];
  const event = { tag, lastChance, waitUntil: (promise: Promise<unknown>) => waited.push(promise) };
  return { event: event as unknown as SyncEventLike, waited };
}
const engineAnswering = (result: SyncResult) => async () => ({ syncNow: async () => result }) as SyncEngine;

describe('service worker outbox sync', () => {
  it('ignores sync events of other tags', () => {
    const { event, waited } = fakeEvent('something-else');
    handleOutboxSync(event, 'recall-outbox', engineAnswering({ ok: true, pushed: 0, pulled: 0 }));
    expect(waited).toHaveLength(0);
  });

  it('resolves when the push succeeded', async () => {
    const { event, waited } = fakeEvent('recall-outbox');
    handleOutboxSync(event, 'recall-outbox', engineAnswering({ ok: true, pushed: 3, pulled: 0 }));
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBeUndefined();
  });

  it('rejects on a retryable failure so the browser tries again later', async () => {
    const { event, waited } = fakeEvent('recall-outbox');
    handleOutboxSync(event, 'recall-outbox', engineAnswering({ ok: false, error: 'network_error', retryable: true }));
    await expect(waited[0]).rejects.toThrow('network_error');
  });

  it('does not ask again for a failure that retrying cannot fix, nor on the last chance', async () => {
    const signedOut = fakeEvent('recall-outbox');
    handleOutboxSync(
      signedOut.event,
      'recall-outbox',
      engineAnswering({ ok: false, error: 'signed_out', retryable: false }),
    );
    await expect(signedOut.waited[0]).resolves.toBeUndefined();
    const last = fakeEvent('recall-outbox', true);
    handleOutboxSync(
      last.event,
      'recall-outbox',
      engineAnswering({ ok: false, error: 'network_error', retryable: true }),
    );
    await expect(last.waited[0]).resolves.toBeUndefined();
  });
});
