import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createMemoryRouter } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockInsurer } from '../../mocks/fixtures';
import { createHandlers, MOCK_CREDENTIALS, type MockInsurer } from '../../mocks/handlers';
import { db } from '../db/db';
import { forgetToken } from '../db/session-token';
import { createVault } from '../db/vault';
import { App } from './app';
import { initI18n } from './i18n';
import { createRouter } from './router';

// jsdom has no origin-relative fetch; the app calls /api/v1/... on its own origin.
const server = setupServer();
let insurer: MockInsurer;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  await initI18n('ja');
});
beforeEach(async () => {
  insurer = mockInsurer();
  server.resetHandlers(...createHandlers(insurer));
  db.dataKey.clear();
  await db.delete();
  await db.open();
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const renderApp = (path: string) =>
  render(<App router={createRouter((routes) => createMemoryRouter(routes, { initialEntries: [path] }))} />);

async function signIn(accessCode: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('事業所コード'), MOCK_CREDENTIALS.officeCode);
  await user.type(screen.getByLabelText('アクセスコード'), accessCode);
  await user.click(screen.getByRole('button', { name: 'サインイン' }));
  return user;
}

async function setPasscode(user: ReturnType<typeof userEvent.setup>, passcode = '246810') {
  await user.type(await screen.findByLabelText('パスコード（6〜32けたの数字）'), passcode);
  await user.type(screen.getByLabelText('確認のため、もう一度入力'), passcode);
  await user.click(screen.getByRole('button', { name: 'パスコードを設定する' }));
}

describe('the app against the insurer contract (MSW)', () => {
  it('sends a signed-out clerk to sign in, and says plainly when the codes are wrong', async () => {
    renderApp('/');
    await signIn('wrong-code');
    expect(await screen.findByRole('alert')).toHaveTextContent('事業所コードまたはアクセスコードが正しくありません。');
    expect(await db.meta.get('session')).toBeUndefined();
  });

  it('says plainly when sign-in is paused after too many wrong codes (429 sign_in_locked)', async () => {
    server.use(
      http.post('/api/v1/auth/sign-in', () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Too many failed sign-ins', status: 429, code: 'sign_in_locked' },
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '900' } },
        ),
      ),
    );
    renderApp('/sign-in');
    await signIn(MOCK_CREDENTIALS.accessCode);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'まちがったコードの入力が続いたため、この事業所のサインインを一時的に止めています。',
    );
    expect(await db.meta.get('session')).toBeUndefined();
  });

  it('signs in, pulls the lists, ticks an item and pushes the tick exactly once', async () => {
    renderApp('/sign-in');
    const user = await signIn(MOCK_CREDENTIALS.accessCode);
    // Nothing personal is pulled before the passcode is set.
    expect(await screen.findByRole('heading', { name: 'パスコードを決めてください' })).toBeInTheDocument();
    expect(await db.items.count()).toBe(0);
    await user.type(screen.getByLabelText('パスコード（6〜32けたの数字）'), '12345');
    await user.type(screen.getByLabelText('確認のため、もう一度入力'), '12345');
    await user.click(screen.getByRole('button', { name: 'パスコードを設定する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('6〜32けたの数字');
    await user.clear(screen.getByLabelText('パスコード（6〜32けたの数字）'));
    await user.clear(screen.getByLabelText('確認のため、もう一度入力'));
    await setPasscode(user);

    const link = await screen.findByRole('link', { name: /2026年11月分 回収対象者リスト/ });
    expect(within(link).getByTestId('count-to_collect')).toHaveTextContent('3');
    expect(within(link).getByTestId('count-returned')).toHaveTextContent('0');

    await user.click(link);
    await user.click(await screen.findByRole('button', { name: '髙橋 一郎 さんの資格確認書を回収済にする' }));
    await waitFor(() =>
      expect(screen.getByTestId('list-progress')).toHaveTextContent('未回収 2 ・ 回収済 1 ・ 回収不能 0'),
    );
    expect(await screen.findByText('髙橋 一郎 さんを回収済にしました。')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '今すぐ同期' }));
    await waitFor(() => expect(screen.getByTestId('pending-count')).toHaveTextContent('未送信の変更はありません'));
    const pushed = insurer.pushes.flat();
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ type: 'item.returned', payload: { itemId: 'item-1', method: 'hand' } });
    expect(insurer.items.find((item) => item.id === 'item-1')?.status).toBe('returned');
  });

  it('a reload between sign-in and passcode asks in plain words to sign in again, and then everything works', async () => {
    const before = renderApp('/sign-in');
    await signIn(MOCK_CREDENTIALS.accessCode);
    expect(await screen.findByRole('heading', { name: 'パスコードを決めてください' })).toBeInTheDocument();
    // A reloaded page starts with nothing in memory: the full token is gone, the push token cannot read.
    before.unmount();
    forgetToken(db);
    renderApp('/');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'パスコードを決める前に画面が読み込み直されたため、サインインが途中で終わりました。もう一度サインインしてください。',
    );
    const user = await signIn(MOCK_CREDENTIALS.accessCode);
    await setPasscode(user);
    const link = await screen.findByRole('link', { name: /2026年11月分 回収対象者リスト/ });
    expect(within(link).getByTestId('count-to_collect')).toHaveTextContent('3');
  });

  it('undo from the toast reopens the item as a later change', async () => {
    await db.meta.put({
      key: 'session',
      value: {
        token: 'mock-token',
        expiresAt: '2099-01-01T00:00:00.000Z',
        office: { id: 'office-1', code: 'DEMO-1', name: '本社工場' },
        insurer: { name: 'みなと連合健康保険組合', number: '06135784', phone: '0120-000-000', kind: 'kumiai' },
      },
    });
    await createVault(db, '246810');
    renderApp('/lists/list-2026-11');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '山﨑 花子 さんの資格確認書を回収済にする' }));
    await user.click(await screen.findByRole('button', { name: '元に戻す' }));
    expect(await screen.findByText('山﨑 花子 さんの回収を取り消しました。')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('list-progress')).toHaveTextContent('未回収 3 ・ 回収済 0'));
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((entry) => [entry.mutation.type, entry.itemId])).toEqual([
      ['item.returned', 'item-2'],
      ['item.reopened', 'item-2'],
    ]);
  });
});
