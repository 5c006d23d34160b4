import { describe, expect, it } from 'vitest';
import { bidiRuns } from './bidi-runs';

describe('bidiRuns', () => {
  it('keeps a phone number one island', () => {
    expect(bidiRuns('ہیلپ لائن: 0570-012-345')).toEqual([
      { text: 'ہیلپ لائن: ', kind: 'text' },
      { text: '0570-012-345', kind: 'number' },
    ]);
  });

  it('takes a bracketed Japanese term with both its brackets, and a company name with its space', () => {
    const runs = bidiRuns('اپنا اہلیت سرٹیفکیٹ (資格確認書) واپس کریں، 株式会社さくら製作所 横浜物流センター سے');
    expect(runs.filter((r) => r.kind !== 'text').map((r) => r.text)).toEqual([
      '(資格確認書)',
      '株式会社さくら製作所 横浜物流センター',
    ]);
  });

  it('leaves a bracket alone when its pair holds Urdu too: the pair stays in one direction', () => {
    const runs = bidiRuns('(مائی نمبر کارڈ، マイナ保険証)۔');
    expect(runs).toEqual([
      { text: '(مائی نمبر کارڈ، ', kind: 'text' },
      { text: 'マイナ保険証', kind: 'japanese' },
      { text: ')۔', kind: 'text' },
    ]);
  });

  it('loses no character', () => {
    const text = 'MBK 連合健康保険組合 کی کثیر لسانی ہیلپ لائن: 0570-012-345، 2026/12/01 تک';
    expect(
      bidiRuns(text)
        .map((r) => r.text)
        .join(''),
    ).toBe(text);
    expect(
      bidiRuns(text)
        .filter((r) => r.kind !== 'text')
        .map((r) => r.text),
    ).toEqual(['MBK', '連合健康保険組合', '0570-012-345', '2026/12/01']);
  });
});
