import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../app/i18n';
import { ProblemGroups, SourceLine, ValueMappingStep } from './import-preview';

describe('import preview', () => {
  beforeAll(() => initI18n('ja'));

  it('says the encoding in words', async () => {
    render(<SourceLine source={{ kind: 'csv', encoding: 'shift_jis' }} />);
    expect(
      await screen.findByText('ファイルの形式：CSV（Shift_JIS、Windows の Excel で保存した CSV）'),
    ).toBeInTheDocument();
  });

  it('groups problems and names the accepted values of a coded column', async () => {
    render(
      <ProblemGroups
        kind="problems"
        groups={[
          {
            code: 'unknown_reason',
            field: 'reason',
            column: '回収理由',
            count: 12,
            examples: [{ line: 6, value: '任意継続へ移行' }],
          },
        ]}
      />,
    );
    expect(await screen.findByText(/回収理由：回収理由が分かりません。（12 行）/)).toHaveTextContent(
      '使える値：マイナ保険証取得・資格喪失・新しい資格確認書・旧保険証・資格なし',
    );
    expect(screen.getByText('6 行目：「任意継続へ移行」')).toBeInTheDocument();
    expect(screen.getByText('ほか 11 行（CSV に全部あります）')).toBeInTheDocument();
  });

  it('hands back only the wordings the clerk mapped', async () => {
    const onApply = vi.fn();
    render(
      <ValueMappingStep
        unknown={[
          { field: 'reason', key: '任意継続へ移行', value: '任意継続へ移行', count: 2 },
          { field: 'sex', key: 'おとこ', value: 'おとこ', count: 1 },
        ]}
        onApply={onApply}
      />,
    );
    await userEvent.selectOptions(
      await screen.findByLabelText('「任意継続へ移行」（回収理由・2 行）'),
      'lost_eligibility',
    );
    await userEvent.click(screen.getByRole('button', { name: 'この対応を覚えて確認し直す' }));
    expect(onApply).toHaveBeenCalledWith({ reason: { 任意継続へ移行: 'lost_eligibility' } });
  });
});
