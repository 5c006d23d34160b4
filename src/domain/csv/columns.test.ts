import { describe, expect, it } from 'vitest';
import { FIELD_HEADERS, IMPORT_FIELDS, isValidMapping, normaliseHeader, suggestMapping } from './columns';

const DOCUMENTED =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限'.split(
    ',',
  );

describe('suggestMapping', () => {
  it('maps every documented header to its field in order', () => {
    const { mapping, missing, unknownColumns } = suggestMapping(DOCUMENTED);
    expect(missing).toEqual([]);
    expect(unknownColumns).toEqual([]);
    IMPORT_FIELDS.forEach((field, index) => {
      expect(mapping[field]).toBe(index);
    });
  });

  it.each([
    ['発行No.', 'issueNo'],
    ['発行ＮＯ', 'issueNo'],
    ['発行 No', 'issueNo'],
    ['発行№', 'issueNo'],
    ['発行番号', 'issueNo'],
    ['ISSUE NO', 'issueNo'],
    ['カナ氏名', 'kana'],
    ['氏名（カナ）', 'kana'],
    ['ﾌﾘｶﾞﾅ', 'kana'],
    ['本人・家族', 'relation'],
    [' 枝 番 ', 'branch'],
    ['Date of Birth', 'birthDate'],
    ['被保険者氏名', 'insuredName'],
  ])('%j → %s', (header, field) => {
    expect(suggestMapping([header]).mapping).toEqual({ [field]: 0 });
  });

  it('matches headers exactly after folding, never by substring', () => {
    const { mapping, unknownColumns } = suggestMapping(['被保険者番号', '番号', '氏名', '被保険者氏名']);
    expect(mapping).toEqual({ number: 1, name: 2, insuredName: 3 });
    expect(unknownColumns).toEqual([0]);
  });

  it('lists the missing required columns and the unknown ones', () => {
    const result = suggestMapping(['発行No.', '氏名', 'メモ', 'フリガナ', '回収理由']);
    expect(result.missing).toEqual(['symbol', 'number', 'branch', 'birthDate', 'sex', 'issuedOn']);
    expect(result.unknownColumns).toEqual([2]);
  });

  it('keeps the first of two columns with the same meaning', () => {
    expect(suggestMapping(['氏名', '名前']).mapping).toEqual({ name: 0 });
  });

  it('has no alias claimed by two fields', () => {
    const all = IMPORT_FIELDS.flatMap((f) => FIELD_HEADERS[f].map(normaliseHeader));
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('isValidMapping', () => {
  it('accepts distinct columns in range', () => {
    expect(isValidMapping({ issueNo: 0, name: 2 }, 3)).toBe(true);
  });

  it.each([
    [{ issueNo: 3 }],
    [{ issueNo: -1 }],
    [{ issueNo: 0.5 }],
    [{ issueNo: 1, name: 1 }],
    [{ nickname: 0 } as never],
  ])('refuses %j for 3 columns', (mapping) => {
    expect(isValidMapping(mapping, 3)).toBe(false);
  });
});
