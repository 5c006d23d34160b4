import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, setMeta } from '../db/db';
import { initI18n } from './i18n';
import { StatusBar } from './status-bar';

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
