import { render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { initI18n } from '../../app/i18n';
import { db, type LocalReport } from '../../db/db';
import { ReportHistory } from './report-history';

beforeAll(() => initI18n('ja'));

const report = (id: string, status: LocalReport['status'], itemId: string, createdAt: string): LocalReport => ({
  id,
  form: 'return_notice',
  status,
  scope: { kind: 'list', listId: 'list-1' },
  scopeLabel: 'リスト',
  itemIds: [itemId],
  counts: { certificate: 1, old_card: 0 },
  total: 1,
  localOnly: false,
  office: { code: 'DEMO-1', name: '本社' },
  insurer: { name: 'みなと健保', number: '06130018' },
  createdAt,
  createdOn: createdAt.slice(0, 10),
  rows: [],
});
const mark = (reportId: string, envelopeReceivedAt?: string) => ({
  inReport: {
    reportId,
    form: 'return_notice' as const,
    createdAt: '2026-11-02T01:00:00.000Z',
    ...(envelopeReceivedAt ? { envelopeReceivedAt } : {}),
  },
});

beforeEach(async () => {
  unlocked(db);
  await db.items.bulkPut([
    sampleItem('sent', mark('r-sent')),
    sampleItem('arrived', mark('r-arrived', '2026-11-10T01:00:00.000Z')),
    // A mark with an envelope on an item whose report this tablet still has as waiting to send.
    sampleItem('queued', mark('r-queued', '2026-11-10T01:00:00.000Z')),
  ]);
  await db.reports.bulkPut([
    report('r-sent', 'received', 'sent', '2026-11-03T01:00:00.000Z'),
    report('r-arrived', 'received', 'arrived', '2026-11-02T01:00:00.000Z'),
    report('r-queued', 'submitted', 'queued', '2026-11-01T01:00:00.000Z'),
  ]);
});
afterEach(async () => {
  await db.reports.clear();
  await db.items.clear();
});

const statusesOf = (id: string) => {
  const row = document.querySelector(`li[data-report-id="${id}"]`) as HTMLElement;
  return within(row)
    .getAllByText(/./, { selector: '.report-status' })
    .map((el) => el.textContent);
};

describe('report status words (issue 15, item 6)', () => {
  it('says “sent to the insurer’s system” for a stored report, and “envelope received” only after it', async () => {
    render(
      <MemoryRouter>
        <ReportHistory />
      </MemoryRouter>,
    );
    await waitFor(() => expect(statusesOf('r-arrived')).toEqual(['保険者のシステムへ送信済み', '封筒を受領']));
    expect(statusesOf('r-sent')).toEqual(['保険者のシステムへ送信済み']);
    // Never the second without the first.
    expect(statusesOf('r-queued')).toEqual(['送信待ち']);
    expect(screen.queryByText('保険者が受領')).toBeNull();
  });
});
