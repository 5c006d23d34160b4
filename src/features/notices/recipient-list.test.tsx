import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n';
import type { Recipient } from '../../domain/notices/recipients';
import { RecipientList } from './recipient-list';
import { useRecipientSelection } from './use-recipient-selection';

beforeAll(() => initI18n('ja'));

const MEMBERS = 10_000;
const recipients: Recipient[] = Array.from({ length: MEMBERS }, (_, i) => ({
  memberId: `m${i}`,
  name: `対象 ${i}`,
  kana: `タイショウ ${String(i).padStart(5, '0')}`,
  returnBy: '2026-12-01',
  expiresOn: null,
  toCollect: 1,
}));

function Harness({ onLanguage }: { onLanguage: (recipient: Recipient, language: string) => void }) {
  const { selected, selectedShown, toggle, selectAll } = useRecipientSelection(recipients);
  const [languages] = useState(() => new Map([['m1', 'vi']]));
  return (
    <>
      <button type="button" onClick={selectAll}>
        select all
      </button>
      <p data-testid="count">{selectedShown.length}</p>
      <RecipientList
        recipients={recipients}
        selected={selected}
        openId={null}
        languageOf={(memberId) => languages.get(memberId) ?? 'ja'}
        lastDeliveryOf={() => undefined}
        onToggle={toggle}
        onOpen={() => {}}
        onLanguage={onLanguage}
      />
    </>
  );
}

describe('RecipientList with 10,000 members', () => {
  // jsdom lays nothing out: give every row the height a tablet gives it.
  const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 72 });
  });
  afterAll(() => {
    if (offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
  });

  it('renders only the rows on screen and no language list until one is asked for', () => {
    const { container } = render(<Harness onLanguage={() => {}} />);
    const rows = container.querySelectorAll('li.recipient');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(container.querySelectorAll('select, option')).toHaveLength(0);
    expect(screen.getByRole('button', { name: '対象 1 さんのお知らせの言語：Tiếng Việt（ベトナム語）' })).toBeVisible();
  });

  it('selects everyone the filter shows without rendering them', () => {
    const { container } = render(<Harness onLanguage={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'select all' }));
    expect(screen.getByTestId('count')).toHaveTextContent(String(MEMBERS));
    const boxes = [...container.querySelectorAll<HTMLInputElement>('li.recipient input[type="checkbox"]')];
    expect(boxes.length).toBeLessThan(40);
    expect(boxes.every((box) => box.checked)).toBe(true);
    fireEvent.click(boxes[0] as HTMLInputElement);
    expect(screen.getByTestId('count')).toHaveTextContent(String(MEMBERS - 1));
  });

  it('opens one language list for the member asked, saves the choice and gives the focus back', () => {
    const onLanguage = vi.fn();
    const { container } = render(<Harness onLanguage={onLanguage} />);
    fireEvent.click(screen.getByRole('button', { name: /^対象 2 さんのお知らせの言語/ }));
    expect(container.querySelectorAll('select')).toHaveLength(1);
    const list = screen.getByRole('combobox', { name: '対象 2 さんのお知らせの言語' });
    expect(list).toHaveFocus();
    act(() => {
      fireEvent.change(list, { target: { value: 'ur' } });
    });
    expect(onLanguage).toHaveBeenCalledWith(expect.objectContaining({ memberId: 'm2' }), 'ur');
    expect(container.querySelectorAll('select')).toHaveLength(0);
    expect(screen.getByRole('button', { name: /^対象 2 さんのお知らせの言語/ })).toHaveFocus();

    fireEvent.click(screen.getByRole('button', { name: /^対象 3 さんのお知らせの言語/ }));
    fireEvent.keyDown(screen.getByRole('combobox', { name: '対象 3 さんのお知らせの言語' }), { key: 'Escape' });
    expect(container.querySelectorAll('select')).toHaveLength(0);
    expect(onLanguage).toHaveBeenCalledTimes(1);
  });
});
