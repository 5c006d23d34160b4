import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n';
import { EMPTY_OFFICE_PROFILE, type UncollectableForm } from '../../domain/reports/official-forms';
import { UncollectableSheet } from './official-sheets';

beforeAll(() => initI18n('ja'));

const form: UncollectableForm = {
  key: 'kyokai_certificate|h1',
  form: 'kyokai_certificate',
  householdId: 'h1',
  insured: { symbol: '12', number: '345', name: '山田 太郎', birthDate: '1980-05-05' },
  persons: [
    {
      itemId: 'c',
      relation: 'dependant',
      name: '山田 次郎',
      kana: 'ヤマダ ジロウ',
      birthDate: '2010-01-02',
      sex: 'male',
      branch: '01',
      issueNo: '5790133513',
      issuedOn: '2025-11-15',
      expiresOn: '2029-12-01',
      lossDate: '2026-04-01',
      lost: true,
      reason: '滅失（火災）',
    },
  ],
};
const context = {
  office: { ...EMPTY_OFFICE_PROFILE, name: '本社' },
  insurerName: '協会けんぽ 神奈川支部',
  submittedOn: '2026-04-10',
};

function renderSheet(contact: Parameters<typeof UncollectableSheet>[0]['contact'], elderly = new Set<string>()) {
  const onContact = vi.fn(async () => {});
  const onElderly = vi.fn();
  render(
    <UncollectableSheet
      form={form}
      context={context}
      elderly={elderly}
      onElderly={onElderly}
      contact={contact}
      onContact={onContact}
    />,
  );
  return { onContact, onElderly };
}

const fieldValue = (label: string) => screen.getByRole('rowheader', { name: label }).nextElementSibling?.textContent;

describe('UncollectableSheet', () => {
  it('prints the person in 和暦 with 滅失 as the reason, 高齢受給者証 無 by default, and no 印 box', () => {
    const { onElderly } = renderSheet(null);
    expect(screen.getByRole('heading', { name: '健康保険資格確認書回収不能届' })).toBeTruthy();
    expect(fieldValue('資格喪失年月日')).toBe('令和8年4月1日');
    expect(fieldValue('有効期限')).toBe('令和11年12月1日');
    expect(fieldValue('回収できない理由')).toBe('滅失（火災）');
    expect(fieldValue('高齢受給者証')?.startsWith('無')).toBe(true);
    expect(screen.queryByText('印')).toBeNull();
    fireEvent.click(screen.getByLabelText('山田 次郎 の高齢受給者証あり'));
    expect(onElderly).toHaveBeenCalledWith('c', true);
  });

  it('never shows the address of a household under DV protection, nor offers to type it', () => {
    renderSheet({ address: '横浜市中区1-1', phone: '090-0000-0000', dvProtected: true });
    expect(fieldValue('被保険者住所')).toBe('（記載しません）');
    expect(fieldValue('被保険者電話番号')).toBe('090-0000-0000');
    expect(screen.queryByText(/横浜市中区/)).toBeNull();
    expect(screen.queryByLabelText('被保険者の住所')).toBeNull();
  });

  it('prints the address typed for any other household and saves what the clerk types', async () => {
    const { onContact } = renderSheet({ address: '横浜市中区1-1', phone: '', dvProtected: false });
    expect(fieldValue('被保険者住所')).toBe('横浜市中区1-1');
    fireEvent.change(screen.getByLabelText('被保険者の電話番号'), { target: { value: '045-1' } });
    fireEvent.click(screen.getByRole('button', { name: '山田 太郎 さんの連絡先を保存' }));
    expect(onContact).toHaveBeenCalledWith('h1', { address: '横浜市中区1-1', phone: '045-1', dvProtected: false });
    expect(await screen.findByText('連絡先を保存しました。')).toBeTruthy();
  });
});
