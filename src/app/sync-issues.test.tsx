import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../db/db';
import { initI18n } from './i18n';
import { ISSUE_PAGE, SyncIssuesPanel } from './sync-issues';

beforeAll(() => initI18n('ja'));

const ISSUES = 10_000;
const entries: OutboxEntry[] = Array.from({ length: ISSUES }, (_, i) => ({
  seq: i + 1,
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  itemId: `item-${i}`,
  mutation: {
    type: 'item.returned',
    id: `m${i}`,
    at: '2026-11-02T01:00:00.000Z',
  } as unknown as OutboxEntry['mutation'],
  status: 'rejected',
  attempts: 1,
  reason: 'item_not_found',
}));

describe('SyncIssuesPanel with 10,000 refused changes', () => {
  it('shows them a page at a time', () => {
    const { container } = render(<SyncIssuesPanel entries={entries} onClose={() => {}} />);
    expect(container.querySelectorAll('.sync-issues li')).toHaveLength(ISSUE_PAGE);
    fireEvent.click(screen.getByText(`次の ${ISSUE_PAGE} 件を表示（残り ${ISSUES - ISSUE_PAGE} 件）`));
    expect(container.querySelectorAll('.sync-issues li')).toHaveLength(ISSUE_PAGE * 2);
    // A hundred rows each reading its item from IndexedDB: slow in jsdom on a busy machine.
  }, 30_000);

  it('offers no more when all are shown', () => {
    const { container } = render(<SyncIssuesPanel entries={entries.slice(0, 3)} onClose={() => {}} />);
    expect(container.querySelectorAll('.sync-issues li')).toHaveLength(3);
    expect(screen.queryByText(/次の/)).toBeNull();
  });
});
