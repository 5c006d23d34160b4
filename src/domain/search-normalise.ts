import { foldSmallKana, hiraganaToKatakana } from './kana';

/**
 * Search-as-you-type over names (kanji and kana), 記号・番号・枝番 and 発行No.
 *
 * Keys are normalised once when the list loads (`buildSearchKey`); each keystroke only normalises the
 * short query and runs `String.prototype.includes` over the precomputed keys, which keeps a
 * 10,000-row list responsive on a tablet.
 */

/**
 * Old / variant kanji (異体字) folded to one canonical form, so a clerk typing 高橋 finds 髙橋 and the
 * other way round. Each line is one family; the value is the form we fold to (the common 常用 form where
 * there is one). Extend this table when clerks report a miss; the fold applies to keys and queries
 * alike, so any canonical choice works as long as it is the same for the whole family.
 */
export const KANJI_VARIANTS: Readonly<Record<string, string>> = {
  髙: '高',
  﨑: '崎', // U+FA11, a compatibility ideograph that NFKC leaves alone
  嵜: '崎',
  '\u{20BB7}': '吉', // 𠮷 (つちよし), outside the BMP: a surrogate pair in JS strings
  齋: '斉',
  齊: '斉',
  斎: '斉',
  邊: '辺',
  邉: '辺',
  濵: '浜',
  濱: '浜',
  澤: '沢',
  櫻: '桜',
  國: '国',
  廣: '広',
  德: '徳',
  眞: '真',
  龍: '竜',
  藝: '芸',
  惠: '恵',
  榮: '栄',
  實: '実',
  壽: '寿',
  瀨: '瀬',
  冨: '富',
  槇: '槙',
  桒: '桑',
  嶋: '島',
  嶌: '島',
};

// Separators inside foreign and compound names that people type inconsistently (グエン・ヴァン or
// グエンヴァン, Jean-Luc or Jean Luc). The long vowel mark ー (U+30FC) is deliberately NOT here: in
// マリー it is part of the word, and dropping it would let マリ and マリー collide both ways.
// ･ (U+FF65) needs no entry because NFKC turns it into ・ first.
const SEPARATORS = /[\s・·\-‐‑‒–—―−゠=＝]/gu;

// Only characters that can be variants need the per-code-point walk; most names skip it.
const VARIANT_PATTERN = new RegExp(`[${Object.keys(KANJI_VARIANTS).join('')}]`, 'gu');

export function normaliseForSearch(text: string): string {
  // NFKC: full-width Latin/digits → ASCII, half-width ｶﾀｶﾅ (and ｶﾞ) → full-width カタカナ, U+3000 → space.
  const nfkc = text.normalize('NFKC');
  const katakana = foldSmallKana(hiraganaToKatakana(nfkc.toLowerCase()));
  return katakana.replace(SEPARATORS, '').replace(VARIANT_PATTERN, (c) => KANJI_VARIANTS[c] ?? c);
}

/**
 * Between fields. Whitespace never survives `normaliseForSearch`, so a query term can never contain
 * it and cannot match across two fields (e.g. the end of a name and the start of a number).
 */
export const SEARCH_KEY_SEPARATOR = '\n';

export function buildSearchKey(fields: readonly (string | null | undefined)[]): string {
  return fields
    .filter((f): f is string => typeof f === 'string' && f !== '')
    .map(normaliseForSearch)
    .join(SEARCH_KEY_SEPARATOR);
}

/** Query → normalised terms; call once per keystroke, then `matchesTerms` per row. */
export function prepareQuery(query: string): string[] {
  return (
    query
      .split(/\s+/u)
      .filter((chunk) => chunk !== '')
      // A term of separators only (「—」, 「・」) stays as typed: keys never hold separators, so it matches
      // nothing, where folding it away would have matched every row (issue 21: the 「—」 shown for an old
      // card without a 発行No. must not find them all).
      .map((chunk) => normaliseForSearch(chunk) || chunk.normalize('NFKC'))
  );
}

/** Every term must occur in the key (AND). No terms matches everything, like an empty search box. */
export function matchesTerms(key: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!key.includes(term)) return false;
  return true;
}

export function matchesQuery(key: string, query: string): boolean {
  return matchesTerms(key, prepareQuery(query));
}
