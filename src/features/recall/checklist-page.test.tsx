import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { initI18n } from '../../app/i18n';
import { db } from '../../db/db';
import { ChecklistPage } from './checklist-page';

beforeAll(() => initI18n('ja'));

beforeEach(async () => {
  unlocked(db);
  await db.lists.put({ id: 'list-1', title: '11月分', period: '2026-11', receivedAt: '2026-11-20T00:00:00.000Z' });
  await db.items.bulkPut([
    sampleItem('a', { householdId: 'h-a' }),
    sampleItem('b', {
      householdId: 'h-b',
      memberId: 'm-b',
      person: { ...sampleItem('x').person, name: '山﨑 花子', kana: 'ヤマサキ ハナコ', number: '346' },
    }),
  ]);
});
afterEach(async () => {
  await db.outbox.clear();
  await db.items.clear();
  await db.lists.clear();
});

const renderList = () =>
  render(
    <MemoryRouter initialEntries={['/lists/list-1']}>
      <Routes>
        <Route path="/lists/:listId" element={<ChecklistPage />} />
      </Routes>
    </MemoryRouter>,
  );

describe('ChecklistPage (head, filters, rows and tick actions together)', () => {
  it('searches, ticks a document with the chosen method, and undoes it from the toast', async () => {
    renderList();
    expect(await screen.findByRole('heading', { name: '11月分' })).toBeInTheDocument();
    expect(screen.getByTestId('result-count')).toHaveTextContent('2 件を表示');

    // The search narrows the rows to one person.
    fireEvent.change(screen.getByLabelText('検索（氏名・フリガナ・記号番号・発行No.）'), {
      target: { value: 'やまさき' },
    });
    await waitFor(() => expect(screen.getByTestId('result-count')).toHaveTextContent('1 件を表示'));
    await waitFor(() => expect(screen.queryByText('髙橋 一郎')).toBeNull());

    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: '郵送' }));
    await user.click(screen.getByRole('button', { name: '山﨑 花子 さんの資格確認書を回収済にする' }));
    const toast = document.querySelector<HTMLElement>('.toast-region');
    if (!toast) throw new Error('no toast region');
    expect(await within(toast).findByText('山﨑 花子 さんを回収済にしました。')).toBeInTheDocument();
    await waitFor(async () => expect((await db.items.get('b'))?.status).toBe('returned'));
    expect((await db.items.get('b'))?.returnMethod).toBe('post');
    expect((await db.items.get('a'))?.status).toBe('to_collect');

    await user.click(within(toast).getByRole('button', { name: '元に戻す' }));
    await waitFor(async () => expect((await db.items.get('b'))?.status).toBe('to_collect'));
    expect(await within(toast).findByText('山﨑 花子 さんの回収を取り消しました。')).toBeInTheDocument();
  }, 30_000);
});
