import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, setMeta } from '../db/db';
import { initI18n } from './i18n';
import { NARROW_STATUS_BAR, StatusBar } from './status-bar';

beforeAll(() => initI18n('ja'));
afterEach(() => db.meta.clear());

const renderBar = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <StatusBar />
    </QueryClientProvider>,
  );

describe('the status bar', () => {
  it('says online while the browser does and the last round reached the insurer', async () => {
    await setMeta('lastSyncError', null);
    renderBar();
    expect(await screen.findByText('オンライン')).toBeInTheDocument();
  });

  it('says offline when the last round could not reach the network, whatever navigator.onLine says', async () => {
    expect(navigator.onLine).toBe(true);
    await setMeta('lastSyncError', 'network_error');
    renderBar();
    expect(await screen.findByText('オフライン（変更はこの端末に保存されます）')).toBeInTheDocument();
  });

  it('still says online when the insurer answered with a refusal', async () => {
    await setMeta('lastSyncError', 'unauthorized');
    renderBar();
    expect(await screen.findByText('オンライン')).toBeInTheDocument();
  });
});

describe('the status bar offline', () => {
  it('says offline in words, with no red failure, when the last round could not reach the network', async () => {
    await setMeta('lastSyncError', 'network_error');
    renderBar();
    expect(await screen.findByText('オフライン（変更はこの端末に保存されます）')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/同期できませんでした/)).toBeNull();
  });

  it('still shows a refusal from the insurer as a failure', async () => {
    await setMeta('lastSyncError', 'unauthorized');
    renderBar();
    expect(await screen.findByRole('alert')).toHaveTextContent('同期できませんでした');
  });
});

describe('the status bar at tablet widths', () => {
  const realMatchMedia = window.matchMedia;
  beforeEach(() => {
    // A 1024 px tablet, and a browser that may still ask for notifications: two actions to fold.
    window.matchMedia = ((query: string) => ({
      matches: query === NARROW_STATUS_BAR,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    })) as unknown as typeof window.matchMedia;
    vi.stubGlobal('Notification', { permission: 'default', requestPermission: async () => 'granted' });
  });
  afterEach(() => {
    window.matchMedia = realMatchMedia;
    vi.unstubAllGlobals();
  });

  it('folds its actions behind one button that opens, and closes with Escape, focus back on it', async () => {
    await setMeta('lastSyncError', null);
    const user = userEvent.setup();
    renderBar();
    const toggle = await screen.findByRole('button', { name: '同期・通知' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: '今すぐ同期' })).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: '今すぐ同期' })).toBeVisible();
    expect(screen.getByRole('button', { name: '新しいリストを通知で知らせる' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });
});
