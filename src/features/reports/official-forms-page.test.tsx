import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../../tests/fixtures/sample-item';
import { unlocked } from '../../../tests/fixtures/unlocked';
import { initI18n } from '../../app/i18n';
import { db, type LocalItem, type LocalReport, setMeta } from '../../db/db';
import { OfficialFormsPage } from './official-forms-page';

beforeAll(() => initI18n('ja'));

const person = (name: string, number: string) => ({
  person: { ...sampleItem('x').person, name, insuredName: name, number },
  householdId: `h-${number}`,
  memberId: `m-${number}`,
});
const returned = (id: string, name: string, number: string, extra: Partial<LocalItem> = {}): LocalItem => ({
  ...sampleItem(id, { status: 'returned', returnedAt: '2026-11-05T01:00:00.000Z', returnMethod: 'hand' }),
  ...person(name, number),
  ...extra,
});

beforeEach(async () => {
  unlocked(db);
  await setMeta('session', {
    pushToken: 'p',
    expiresAt: '2099-01-01T00:00:00.000Z',
    office: { id: 'office-1', code: 'DEMO-1', name: '本社' },
    insurer: { name: 'みなと健保', number: '06130018', phone: '0120', kind: 'kumiai' },
  });
  await db.lists.put({
    id: 'list-1',
    title: '2026年11月 回収対象者リスト',
    period: '2026-11',
    receivedAt: '2026-11-01T00:00:00.000Z',
    source: 'insurer',
  });
  await db.items.bulkPut([
    returned('new', '新井 未報告', '101'),
    // The insurer holds it in a live report already (the mark came with a pull).
    returned('held', '堀 報告済', '102', {
      inReport: { reportId: 'r-old', form: 'return_notice', createdAt: '2026-11-06T00:00:00.000Z' },
    }),
    // Sent from this tablet; the mark has not come back yet.
    returned('queued', '久保 送信待ち', '103'),
    // In a draft only: not reported yet.
    returned('draft', '佐野 下書き', '104'),
  ]);
  const report = (id: string, status: LocalReport['status'], itemId: string) =>
    ({
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
      createdAt: '2026-11-06T00:00:00.000Z',
      createdOn: '2026-11-06',
      rows: [],
    }) as LocalReport;
  await db.reports.bulkPut([report('r-queued', 'submitted', 'queued'), report('r-draft', 'draft', 'draft')]);
});
afterEach(async () => {
  await db.reports.clear();
  await db.items.clear();
  await db.lists.clear();
  await db.meta.clear();
});

const names = () => [...document.querySelectorAll('.official-form')].map((sheet) => sheet.textContent ?? '').join('|');

describe('提出書類: printed lists never repeat what was reported (issue 15)', () => {
  it('prints only unreported items by default; the clerk may ask for all', async () => {
    render(
      <MemoryRouter>
        <OfficialFormsPage />
      </MemoryRouter>,
    );
    const only = await screen.findByRole('checkbox', { name: 'まだ報告していないものだけ印刷する' });
    expect(only).toBeChecked();
    await waitFor(() => expect(names()).toContain('新井 未報告'));
    expect(names()).toContain('佐野 下書き');
    expect(names()).not.toContain('堀 報告済');
    expect(names()).not.toContain('久保 送信待ち');

    fireEvent.click(only);
    await waitFor(() => expect(names()).toContain('堀 報告済'));
    expect(names()).toContain('久保 送信待ち');
    expect(names()).toContain('新井 未報告');
  });

  it('prints nothing when everything was reported, and says so in the count', async () => {
    await db.items.bulkDelete(['new', 'draft']);
    render(
      <MemoryRouter>
        <OfficialFormsPage />
      </MemoryRouter>,
    );
    expect(await screen.findByText('印刷する書類：0 枚')).toBeTruthy();
    expect(screen.getByRole('button', { name: '印刷・PDFに保存' })).toBeDisabled();
  });
});
