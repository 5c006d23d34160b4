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

const problem = (
  status: number,
  code: string,
  errors?: { path: string; message: string; line?: number; code?: string }[],
) =>
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
  it('sends a CSV file as it is with its month and name, and lists bad rows by line in Japanese', async () => {
    const sent: { type: string | null; query: string; bytes: number[] }[] = [];
    server.use(...signedInHandlers([]));
    server.use(
      http.post('*/api/v1/insurer/publish', async ({ request }) => {
        const url = new URL(request.url);
        sent.push({
          type: request.headers.get('content-type'),
          query: url.search,
          bytes: [...new Uint8Array(await request.arrayBuffer())],
        });
        return problem(422, 'rows_invalid', [
          { path: 'rows.2.birthDate', message: 'birthDate: invalid_date', line: 3, code: 'invalid_date' },
          { path: 'rows.5.officeCode', message: 'no enabled office', line: 6, code: 'unknown_office' },
        ]);
      }),
    );
    const user = await signIn();
    // Shift_JIS bytes (「記号」 is 8B 4C 8D 86): the console must not decode them.
    const bytes = new Uint8Array([0x8b, 0x4c, 0x8d, 0x86, 0x0d, 0x0a]);
    await user.upload(
      await screen.findByLabelText('JSON または CSV ファイル'),
      new File([bytes], 'list.csv', { type: 'text/csv' }),
    );
    // The file is read asynchronously (FileReader); the CSV fields replace the JSON box once it is.
    await screen.findByLabelText('対象月');
    expect(screen.queryByLabelText('内容（JSON）')).toBeNull();
    const button = screen.getByRole('button', { name: '公開する' });
    expect(button).toBeDisabled();
    await user.type(screen.getByLabelText('対象月'), '2026-11');
    await user.type(screen.getByLabelText('リストの名前'), '11月分');
    await user.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('3 行目 rows.2.birthDate: 日付として読み取れません。');
    expect(alert).toHaveTextContent('6 行目 rows.5.officeCode: この保険者の有効な事業所が見つかりません。');
    expect(sent).toEqual([
      { type: 'text/csv', query: `?period=2026-11&title=${encodeURIComponent('11月分')}`, bytes: [...bytes] },
    ]);
  });
});
