import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../app/i18n';
import { InsurerConsolePage } from './insurer-console-page';

const server = setupServer();
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  await initI18n('ja');
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const problem = (status: number, code: string, errors?: { path: string; message: string }[]) =>
  HttpResponse.json(
    { type: 'about:blank', title: code, status, code, ...(errors ? { errors } : {}) },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

function signedInHandlers(publishBodies: string[]) {
  return [
    http.post('*/api/v1/insurer/auth/sign-in', () =>
      HttpResponse.json({
        token: 'staff-token-0123456789',
        expiresAt: '2026-12-23T09:00:00.000Z',
        insurer: { id: 'ins-minato', name: 'みなと連合健康保険組合', number: '06130001', kind: 'kumiai' },
        login: 'minato-staff',
      }),
    ),
    http.get('*/api/v1/insurer/offices', () => HttpResponse.json({ offices: [] })),
    http.post('*/api/v1/insurer/publish', async ({ request }) => {
      publishBodies.push(await request.text());
      return problem(422, 'rows_invalid', [{ path: 'rows.1.birthDate', message: 'Invalid ISO date' }]);
    }),
  ];
}

async function signIn() {
  const user = userEvent.setup();
  render(<InsurerConsolePage />);
  await user.type(screen.getByLabelText('ログインID'), 'minato-staff');
  await user.type(screen.getByLabelText('パスワード'), 'staff-pass-1{Enter}');
  return user;
}

describe('insurer console', () => {
  it('says plainly when the login or password is wrong', async () => {
    server.use(http.post('*/api/v1/insurer/auth/sign-in', () => problem(401, 'invalid_credentials')));
    await signIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('ログインIDかパスワードが違います。');
  });

  it('sends the JSON as typed and lists each bad row by its path', async () => {
    const bodies: string[] = [];
    server.use(...signedInHandlers(bodies));
    const user = await signIn();
    expect(await screen.findByText('みなと連合健康保険組合（minato-staff）でサインイン中')).toBeInTheDocument();
    const json = '{"period":"2026-11","title":"x","rows":[]}';
    await user.click(screen.getByLabelText('内容（JSON）'));
    await user.paste(json);
    await user.click(screen.getByRole('button', { name: '公開する' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('誤りのある行があります。何も公開していません。');
    expect(alert).toHaveTextContent('rows.1.birthDate');
    expect(bodies).toEqual([json]);
  });
});
