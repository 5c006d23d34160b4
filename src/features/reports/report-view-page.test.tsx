import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { bigReport } from '../../../tests/fixtures/big-report';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { initI18n } from '../../app/i18n';
import { db } from '../../db/db';
import { SHEET_PAGE } from './report-sheet';
import { ReportViewPage } from './report-view-page';

beforeAll(() => initI18n('ja'));

const ROWS = 1_500;
const report = bigReport(ROWS);

beforeEach(async () => {
  unlocked(db);
  await db.reports.put(report);
});
afterEach(async () => {
  await db.reports.clear();
});

const rows = () => document.querySelectorAll('[data-testid="report-sheet"] .sheet-rows tbody tr');

describe('ReportViewPage of a report with thousands of rows', () => {
  it('prints from its button with every row rendered first, in chunks with progress, then window.print() once', async () => {
    let rowsAtPrint = -1;
    let progressSeen = false;
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      rowsAtPrint = rows().length;
    });
    const observer = new MutationObserver(() => {
      progressSeen ||= document.querySelector('.report-toolbar progress') !== null;
    });
    observer.observe(document.body, { childList: true, subtree: true });
    try {
      render(
        <MemoryRouter initialEntries={['/reports/r1']}>
          <Routes>
            <Route path="/reports/:reportId" element={<ReportViewPage />} />
          </Routes>
        </MemoryRouter>,
      );
      await waitFor(() => expect(rows().length).toBeGreaterThanOrEqual(SHEET_PAGE));
      expect(rows().length).toBeLessThan(ROWS);
      fireEvent.click(screen.getByRole('button', { name: '印刷・PDFに保存' }));
      await waitFor(() => expect(print).toHaveBeenCalledTimes(1), { timeout: 20_000 });
      expect(rowsAtPrint).toBe(ROWS);
      expect(progressSeen).toBe(true);
      // The rows rendered for print stay hidden on screen: a page of them is shown.
      expect(document.querySelectorAll('.sheet-rows tbody tr:not(.print-ahead)')).toHaveLength(SHEET_PAGE);
    } finally {
      observer.disconnect();
      print.mockRestore();
    }
  }, 30_000);
});
