import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n';
import { renderNotice } from '../../domain/notices/render';
import { JapaneseLeftWarning } from './japanese-left-warning';
import { loadNoticeLocale } from './load-notices';
import { NoticeBlock } from './notice-block';
import { ReturnPlaceForm } from './return-place-form';
import { EMPTY_PLACE_SETTINGS, loadPlaceSettings, savePlaceSettings } from './settings';

beforeAll(async () => {
  await initI18n('ja');
});

const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('ReturnPlaceForm', () => {
  it('saves the parts: proper nouns with their readings, floor, kind of place, hours', () => {
    const onSave = vi.fn();
    render(<ReturnPlaceForm value={EMPTY_PLACE_SETTINGS} onSave={onSave} />);
    fill(/^部署名（/, '総務課');
    fill(/部署名の読み方/, 'Somu-ka');
    fill(/^階/, '2');
    fireEvent.change(screen.getByLabelText('場所の種類'), { target: { value: 'reception' } });
    fill(/受付時間（から）/, '09:00');
    fill(/受付時間（まで）/, '17:00');
    fireEvent.click(screen.getByRole('button', { name: '返却先・問い合わせ先を保存' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]?.[0].place).toMatchObject({
      department: { name: '総務課', reading: 'Somu-ka' },
      floor: 2,
      room: 'reception',
      hours: { from: '09:00', to: '17:00' },
    });
  });

  it('refuses bad input with a translated reason and saves nothing', () => {
    const onSave = vi.fn();
    render(<ReturnPlaceForm value={EMPTY_PLACE_SETTINGS} onSave={onSave} />);
    fill(/^階/, '0');
    fill(/部署名の読み方/, 'そうむか');
    fill(/受付時間（から）/, '17:00');
    fill(/受付時間（まで）/, '09:00');
    fireEvent.click(screen.getByRole('button', { name: '返却先・問い合わせ先を保存' }));
    expect(onSave).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('保存していません');
    expect(alert).toHaveTextContent('階は 1〜99');
    expect(alert).toHaveTextContent('ローマ字');
    expect(alert).toHaveTextContent('受付時間');
  });

  it('keeps the place per office on this tablet, and reads a damaged record as empty', () => {
    const settings = {
      ...EMPTY_PLACE_SETTINGS,
      place: { ...EMPTY_PLACE_SETTINGS.place, floor: 3, note: { vi: 'Ghi chú' } },
    };
    savePlaceSettings('office-1', settings);
    expect(loadPlaceSettings('office-1').place).toMatchObject({ floor: 3, note: { vi: 'Ghi chú' } });
    localStorage.setItem('notice-place:office-2', '{"place":{"floor":"x","room":"roof"}}');
    expect(loadPlaceSettings('office-2').place).toMatchObject({ floor: null, room: null });
  });
});

describe('the preview', () => {
  const values = {
    name: 'NGUYEN VAN AN',
    returnBy: '2026-01-10',
    expiresOn: '2026-12-01',
    returnTo: '総務課 2階受付',
    officeContact: '',
    insurerName: '',
    insurerPhone: '',
  };

  it('warns when a notice in another language still carries Japanese free text', async () => {
    const vi = await loadNoticeLocale('vi');
    render(<JapaneseLeftWarning notice={renderNotice(vi, 'vi', 'return_got_myna', values)} />);
    expect(screen.getByRole('status')).toHaveTextContent('総務課');
  });

  it('shows やさしい日本語 readings as <ruby>', async () => {
    const easy = await loadNoticeLocale('ja-easy');
    const { container } = render(<NoticeBlock notice={renderNotice(easy, 'ja-easy', 'certificate_here', null)} />);
    const ruby = container.querySelector('ruby');
    expect(ruby?.querySelector('rt')?.textContent).toBe('しかくかくにんしょ');
    expect(ruby?.firstChild?.textContent).toBe('資格確認書');
    expect(container.textContent).not.toMatch(/\{|\|/);
  });
});
