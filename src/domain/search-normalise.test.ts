import { describe, expect, it } from 'vitest';
import {
  buildSearchKey,
  KANJI_VARIANTS,
  matchesQuery,
  matchesTerms,
  normaliseForSearch,
  prepareQuery,
} from './search-normalise';

describe('normaliseForSearch', () => {
  it.each([
    ['ひらがな', 'ヒラガナ'],
    ['ｶﾀｶﾅ', 'カタカナ'],
    ['ｶﾞｷﾞﾊﾟ', 'ガギパ'],
    ['ＡＢＣ１２３', 'abc123'],
    ['Maria Santos Oliveira', 'mariasantosoliveira'],
    ['髙橋\u3000一郎', '高橋一郎'],
    ['グエン・ヴァン・アン', 'グエンヴアンアン'],
    ['ｸﾞｴﾝ･ｳﾞｧﾝ･ｱﾝ', 'グエンヴアンアン'],
    ['Jean-Luc', 'jeanluc'],
    ['12-345-01', '1234501'],
    ['キョウコ', 'キヨウコ'],
    ['きょうこ', 'キヨウコ'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });

  it('keeps the long vowel mark inside kana words', () => {
    expect(normaliseForSearch('マリー')).toBe('マリー');
    expect(normaliseForSearch('ﾏﾘｰ')).toBe('マリー');
    expect(normaliseForSearch('まりー')).toBe('マリー');
  });

  it('keeps voiced and unvoiced kana apart', () => {
    expect(normaliseForSearch('バ')).not.toBe(normaliseForSearch('ハ'));
    expect(normaliseForSearch('パ')).not.toBe(normaliseForSearch('バ'));
  });

  it.each([
    ['髙橋', '高橋'],
    ['山﨑', '山崎'],
    ['山嵜', '山崎'],
    ['\u{20BB7}野', '吉野'],
    ['齋藤', '斉藤'],
    ['齊藤', '斉藤'],
    ['斎藤', '斉藤'],
    ['渡邊', '渡辺'],
    ['渡邉', '渡辺'],
    ['濵田', '浜田'],
    ['澤田', '沢田'],
    ['櫻井', '桜井'],
    ['冨田', '富田'],
  ])('folds the variant %s to %s', (variant, canonical) => {
    expect(normaliseForSearch(variant)).toBe(normaliseForSearch(canonical));
    expect(normaliseForSearch(variant)).toBe(canonical);
  });

  it('maps every variant in the table to a character that is not itself a variant', () => {
    for (const canonical of Object.values(KANJI_VARIANTS)) expect(KANJI_VARIANTS[canonical]).toBeUndefined();
  });
});

describe('matching', () => {
  const key = buildSearchKey(['髙橋 一郎', 'タカハシ イチロウ', '5115', '554', '00', '100000001']);

  it.each([
    ['高橋', true],
    ['髙橋', true],
    ['たかはし', true],
    ['ﾀｶﾊｼ', true],
    ['高橋 いちろう', true],
    ['いちろう　髙橋', true],
    ['１０００００００１', true],
    ['554', true],
    ['高橋 花子', false],
    ['佐藤', false],
  ])('%j matches: %s', (query, expected) => {
    expect(matchesQuery(key, query)).toBe(expected);
  });

  it('matches 吉野 against 𠮷野 and the other way round', () => {
    expect(matchesQuery(buildSearchKey(['\u{20BB7}野 太郎']), '吉野')).toBe(true);
    expect(matchesQuery(buildSearchKey(['吉野 太郎']), '\u{20BB7}野')).toBe(true);
  });

  it('matches 高橋 against 髙橋 in either direction', () => {
    expect(matchesQuery(buildSearchKey(['高橋 一郎']), '髙橋')).toBe(true);
    expect(matchesQuery(buildSearchKey(['髙橋 一郎']), '高橋')).toBe(true);
  });

  it('does not match a term across two fields', () => {
    const k = buildSearchKey(['山田', '太郎']);
    expect(matchesQuery(k, '山田太郎')).toBe(false);
    expect(matchesQuery(k, '山田 太郎')).toBe(true);
  });

  it('an empty or blank query matches everything', () => {
    expect(matchesQuery(key, '')).toBe(true);
    expect(matchesQuery(key, ' \u3000 ')).toBe(true);
    expect(prepareQuery(' \u3000 ')).toEqual([]);
  });

  it('a query of separators only (「—」, 「・」) matches no row instead of every row', () => {
    const oldCard = buildSearchKey(['山田 太郎', 'ヤマダ タロウ', '', '1202-34-01', '12023401']);
    expect(matchesQuery(oldCard, '—')).toBe(false);
    expect(matchesQuery(oldCard, ' ・ ')).toBe(false);
    expect(matchesQuery(oldCard, '1202—34')).toBe(true);
  });

  it('skips missing fields when building a key', () => {
    expect(buildSearchKey(['山田', null, undefined, '', 'ヤマダ'])).toBe('山田\nヤマダ');
  });

  it('filters a 10,000-row list with precomputed keys', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) =>
      buildSearchKey([i === 4321 ? '髙橋 一郎' : `佐藤 ${i}`, 'サトウ', String(i).padStart(6, '0')]),
    );
    const terms = prepareQuery('たかはし 高橋');
    expect(keys.filter((k) => matchesTerms(k, terms))).toHaveLength(0);
    const hits = keys.filter((k) => matchesTerms(k, prepareQuery('高橋')));
    expect(hits).toEqual([keys[4321]]);
  });
});
