import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../domain/notices/render';
import { loadNoticeLocale } from './load-notices';
import { NoticeBlock } from './notice-block';
import { publicNoticeUrl, QrCode } from './qr-code';

const values = {
  name: '<img src=x onerror=alert(1)>',
  returnBy: '2026-12-01',
  expiresOn: null,
  returnTo: '総務課',
  officeContact: '総務課 内線123',
  insurerName: 'みなと健保',
  insurerPhone: '0570-012-345',
};

describe('NoticeBlock', () => {
  it('renders a name as text, never as markup', async () => {
    const ja = await loadNoticeLocale('ja');
    const { container } = render(<NoticeBlock notice={renderNotice(ja, 'ja', 'return_got_myna', values)} />);
    expect(screen.getByText('<img src=x onerror=alert(1)> 様')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  it('marks language and direction on the block: Urdu right to left, easy Japanese as Japanese', async () => {
    const ur = await loadNoticeLocale('ur');
    const easy = await loadNoticeLocale('ja-easy');
    const { container } = render(
      <>
        <NoticeBlock notice={renderNotice(ur, 'ur', 'register_myna', values)} />
        <NoticeBlock notice={renderNotice(easy, 'ja-easy', 'register_myna', null)} />
      </>,
    );
    const [urdu, japanese] = [...container.querySelectorAll('article')];
    expect(urdu).toHaveAttribute('lang', 'ur');
    expect(urdu).toHaveAttribute('dir', 'rtl');
    expect(japanese).toHaveAttribute('lang', 'ja');
    expect(japanese).toHaveAttribute('dir', 'ltr');
  });

  it('loads every language of the contract as its own module', async () => {
    await expect(loadNoticeLocale('xx')).rejects.toThrow('no notices in xx');
  });
});

describe('QrCode', () => {
  it('encodes only the public page address, drawn as one SVG path', () => {
    const url = publicNoticeUrl('https://example.test', 'pt-BR', 'return_got_myna');
    expect(url).toBe('https://example.test/n/pt-BR/return_got_myna');
    const { container } = render(<QrCode value={url} label="QR" />);
    const svg = screen.getByRole('img', { name: 'QR' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(container.querySelectorAll('path')).toHaveLength(1);
    expect(container.querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
  });
});
