import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n';
import { db, getMeta } from '../../db/db';
import { createVault, lockVault } from '../../db/vault';
import { HIDDEN_LOCK_MS, startAutoLock } from './auto-lock';
import { LockScreen } from './lock-screen';

describe('auto-lock', () => {
  let visibility: DocumentVisibilityState = 'visible';
  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  const setVisibility = (state: DocumentVisibilityState) => {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('locks after the idle time, and each touch or key starts the wait again', () => {
    const onLock = vi.fn();
    const stop = startAutoLock({ idleMs: 60_000, onLock });
    vi.advanceTimersByTime(40_000);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(40_000);
    expect(onLock).not.toHaveBeenCalled();
    window.dispatchEvent(new KeyboardEvent('keydown'));
    vi.advanceTimersByTime(59_000);
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    stop();
  });

  it('locks on return after more than a minute in the background, not after a short switch', () => {
    const onLock = vi.fn();
    const stop = startAutoLock({ idleMs: 10 * 60_000, onLock });
    setVisibility('hidden');
    vi.advanceTimersByTime(HIDDEN_LOCK_MS - 1_000);
    setVisibility('visible');
    expect(onLock).not.toHaveBeenCalled();
    setVisibility('hidden');
    vi.advanceTimersByTime(HIDDEN_LOCK_MS);
    expect(onLock).not.toHaveBeenCalled();
    setVisibility('visible');
    expect(onLock).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('lock screen', () => {
  beforeAll(() => initI18n('ja'));
  beforeEach(async () => {
    db.dataKey.clear();
    await db.delete();
    await db.open();
    await createVault(db, '246810');
    lockVault(db);
  });

  it('refuses a wrong passcode, shows the wait, and keeps the count for the next start', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <LockScreen />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('パスコード'), '111111');
    await user.click(screen.getByRole('button', { name: 'ロックを解除する' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('パスコードが違います。');
    expect(alert).toHaveTextContent(/あと \d 秒待ってから/);
    expect(screen.getByRole('button', { name: 'ロックを解除する' })).toBeDisabled();
    expect(db.dataKey.loaded).toBe(false);
    expect((await getMeta('unlockFailures'))?.count).toBe(1);
  });
});
