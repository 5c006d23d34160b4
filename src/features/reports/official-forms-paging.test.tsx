import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { initI18n } from '../../app/i18n';
import { db } from '../../db/db';
import { EMPTY_OFFICE_PROFILE, type ReturnNoticeForm } from '../../domain/reports/official-forms';
import { FORMS_PAGE, OfficialFormsPage } from './official-forms-page';
import { NOTICE_ROWS_PAGE, ReturnNoticeSheet } from './official-sheets';

beforeAll(() => initI18n('ja'));

// One 回収不能届 per 被保険者: a household each (no session, so the 健保組合 forms).
const HOUSEHOLDS = FORMS_PAGE * 2 + 5;

beforeEach(async () => {
  unlocked(db);
  await db.lists.put({ id: 'list-1', title: '11月分', period: '2026-11', receivedAt: '2026-11-20T00:00:00.000Z' });
  await db.items.bulkPut(
    Array.from({ length: HOUSEHOLDS }, (_, i) =>
      sampleItem(`u${i}`, {
        householdId: `h-${i}`,
        status: 'unreturnable',
        unreturnableKind: 'uncollectable',
        unreturnableReason: '連絡がとれない',
        statusChangedAt: '2026-11-21T00:00:00.000Z',
        person: { ...sampleItem('x').person, number: String(1000 + i), name: `対象 ${i}` },
      }),
    ),
  );
});
afterEach(async () => {
  await db.items.clear();
  await db.lists.clear();
});

const forms = () => screen.queryAllByTestId('official-form');

describe('OfficialFormsPage with many forms', () => {
  it('shows a page of forms on screen, more on request, and every form by the time the browser prints', async () => {
    render(
      <MemoryRouter>
        <OfficialFormsPage />
      </MemoryRouter>,
    );
    await waitFor(() => expect(forms()).toHaveLength(FORMS_PAGE));
    // The count is of every form, not of those on screen.
    expect(screen.getAllByRole('status').some((s) => s.textContent?.includes(String(HOUSEHOLDS)))).toBe(true);

    fireEvent.click(screen.getByText(`次の ${FORMS_PAGE} 件を表示（全 ${HOUSEHOLDS} 件。印刷にはすべて載ります）`));
    expect(forms()).toHaveLength(FORMS_PAGE * 2);

    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    // Committed inside the event, before print layout: no wait.
    expect(forms()).toHaveLength(HOUSEHOLDS);
    expect(screen.queryByText(/次の .* 件を表示/)).toBeNull();
  }, 30_000);

  it('prints from its button with every form made first, a few per task, then window.print() once', async () => {
    let formsAtPrint = -1;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      formsAtPrint = forms().length;
    });
    try {
      render(
        <MemoryRouter>
          <OfficialFormsPage />
        </MemoryRouter>,
      );
      await waitFor(() => expect(forms()).toHaveLength(FORMS_PAGE));
      fireEvent.click(screen.getByRole('button', { name: '印刷・PDFに保存' }));
      await waitFor(() => expect(print).toHaveBeenCalledTimes(1), { timeout: 15_000 });
      expect(formsAtPrint).toBe(HOUSEHOLDS);
    } finally {
      print.mockRestore();
    }
  }, 30_000);
});

describe('ReturnNoticeSheet of a list with thousands of returns', () => {
  const ROWS = NOTICE_ROWS_PAGE * 2 + 30;
  const notice: ReturnNoticeForm = {
    key: 'list-1',
    listId: 'list-1',
    listTitle: '11月分',
    period: '2026-11',
    rows: Array.from({ length: ROWS }, (_, i) => ({
      itemId: `r${i}`,
      relation: 'self',
      name: `対象 ${i}`,
      symbol: '12',
      number: String(i),
      branch: '00',
      documentKind: 'certificate',
      issueNo: '',
      returnedOn: '2026-11-21',
    })),
    counts: { certificate: ROWS, old_card: 0 },
  };
  const context = { office: { ...EMPTY_OFFICE_PROFILE, name: '本社' }, insurerName: '健保', submittedOn: '2026-12-01' };
  const rows = (container: HTMLElement) => container.querySelectorAll('.sheet-rows tbody tr');

  it('shows a page of rows, more on request, and every row by the time the browser prints', () => {
    const { container } = render(<ReturnNoticeSheet notice={notice} context={context} />);
    expect(rows(container)).toHaveLength(NOTICE_ROWS_PAGE);
    fireEvent.click(screen.getByText(`次の ${NOTICE_ROWS_PAGE} 行を表示（全 ${ROWS} 行。印刷にはすべて載ります）`));
    expect(rows(container)).toHaveLength(NOTICE_ROWS_PAGE * 2);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    expect(rows(container)).toHaveLength(ROWS);
    expect(screen.queryByText(/次の .* 行を表示/)).toBeNull();
  }, 30_000);
});
