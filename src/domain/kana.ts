/**
 * Kana helpers shared by search and the CSV importer. Insurer lists mix hiragana, katakana and
 * half-width katakana for the same フリガナ, so both sides fold to full-width katakana.
 */

// Hiragana ぁ (U+3041) .. ゖ (U+3096) and the iteration marks ゝゞ sit exactly 0x60 below their katakana.
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;

export function hiraganaToKatakana(text: string): string {
  return text.replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Small kana folded to their full-size form. Legacy insurer systems (and bank-style half-width kana)
 * often cannot write small kana, so キョウコ arrives as キヨウコ; folding both sides lets them match.
 * Voiced marks are kept: バ and ハ stay different (a different name).
 */
const SMALL_KANA: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};
const SMALL_KANA_PATTERN = /[ァィゥェォッャュョヮヵヶ]/g;

export function foldSmallKana(katakana: string): string {
  return katakana.replace(SMALL_KANA_PATTERN, (c) => SMALL_KANA[c] ?? c);
}
