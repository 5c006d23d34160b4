import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { bigReport } from '../../../tests/fixtures/big-report';
import { initI18n } from '../../app/i18n';
import { PRINT_CHUNK, ReportSheet, SHEET_PAGE } from './report-sheet';

beforeAll(() => initI18n('ja'));

const ROWS = 2_000;
const report = bigReport(ROWS);

const bodyRows = (container: HTMLElement) => container.querySelectorAll('.sheet-rows tbody tr');
// On screen: the rows rendered ahead for print are hidden (sheets.css).
const screenRows = (container: HTMLElement) => container.querySelectorAll('.sheet-rows tbody tr:not(.print-ahead)');

describe('ReportSheet with thousands of rows', () => {
  it('shows a page of rows on screen, more on request', () => {
    const { container } = render(<ReportSheet report={report} clerk={{ name: '山田', phone: '03' }} />);
    expect(screenRows(container)).toHaveLength(SHEET_PAGE);
    fireEvent.click(screen.getByText(`次の ${SHEET_PAGE} 行を表示（全 ${ROWS} 行。印刷にはすべて載ります）`));
    expect(screenRows(container)).toHaveLength(SHEET_PAGE * 2);
  }, 30_000);

  it('has every row on the page by the time the browser prints', () => {
    const { container } = render(<ReportSheet report={report} clerk={{ name: '山田', phone: '03' }} />);
    act(() => {
      window.dispatchEvent(new Event('beforeprint'));
    });
    // Committed inside the event, before print layout: no wait.
    expect(bodyRows(container)).toHaveLength(ROWS);
    expect(bodyRows(container)[ROWS - 1]).toHaveAttribute('data-item-id', `i${ROWS - 1}`);
  }, 30_000);

  it('renders the rows not shown ahead, hidden, a chunk at a time, until the print has them all', async () => {
    const { container } = render(<ReportSheet report={report} clerk={{ name: '山田', phone: '03' }} />);
    expect(bodyRows(container)).toHaveLength(SHEET_PAGE);
    // One chunk per idle period (no requestIdleCallback in jsdom: a timer), never all at once.
    await waitFor(() => expect(bodyRows(container).length).toBeGreaterThan(SHEET_PAGE));
    expect(bodyRows(container).length).toBeLessThanOrEqual(SHEET_PAGE + PRINT_CHUNK);
    await waitFor(() => expect(bodyRows(container)).toHaveLength(ROWS), { timeout: 20_000 });
    expect(screenRows(container)).toHaveLength(SHEET_PAGE);
    expect(container.querySelectorAll('tr.print-ahead')).toHaveLength(ROWS - SHEET_PAGE);
    // In order, numbered on: the print reads them as one table.
    const last = bodyRows(container)[ROWS - 1];
    expect(last).toHaveAttribute('data-item-id', `i${ROWS - 1}`);
    expect(last?.querySelector('.no')).toHaveTextContent(String(ROWS));
  }, 30_000);
});
