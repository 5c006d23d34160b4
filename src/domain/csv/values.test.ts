import { describe, expect, it } from 'vitest';
import { excelSerialToIso } from './excel-serial';
import { acceptedLabels, cleanValueMapping, mergeValueMappings, valueKey } from './values';

describe('value mapping', () => {
  it('names the accepted values by their documented spelling', () => {
    expect(acceptedLabels('reason')).toEqual([
      'マイナ保険証取得',
      '資格喪失',
      '新しい資格確認書',
      '旧保険証',
      '資格なし',
      '氏名変更',
    ]);
    expect(acceptedLabels('sex')).toEqual(['男', '女']);
  });

  it('folds a wording the way headers are folded', () => {
    expect(valueKey(' 健康保険証（令和７年１２月１日以前喪失） ')).toBe(valueKey('健康保険証(令和7年12月1日以前喪失)'));
  });

  it('keeps only answers naming a value of the app, and a later answer wins', () => {
    expect(cleanValueMapping({ reason: { a: 'got_myna', b: 'nope', '': 'old_card' }, x: { y: 'z' } })).toEqual({
      reason: { a: 'got_myna' },
    });
    expect(cleanValueMapping('junk')).toEqual({});
    expect(
      mergeValueMappings({ reason: { a: 'got_myna' } }, { reason: { a: 'old_card' }, sex: { o: 'male' } }),
    ).toEqual({
      reason: { a: 'old_card' },
      sex: { o: 'male' },
    });
  });
});

describe('excelSerialToIso', () => {
  it.each([
    ['45962', '2025-11-01'],
    ['45962.0', '2025-11-01'],
    ['61', '1900-03-01'],
    ['60', null],
    ['20251101', null],
    ['45962.5', null],
    ['abc', null],
  ])('%s → %s', (cell, iso) => {
    expect(excelSerialToIso(cell)).toBe(iso);
  });
});
