/**
 * Right-to-left notices (Urdu) carry left-to-right islands: phone numbers, dates in digits, Latin
 * names, and Japanese terms such as (資格確認書) or a company name. Left in the RTL flow, the Unicode
 * bidi algorithm reorders them across line breaks (0570-012-345 shown as 「-0570」「345-012」) and
 * mirrors one bracket of a pair but not the other (issue 21). Each island is isolated (<bdi dir="ltr">)
 * and kept on one line when short; brackets go inside the island only as a matched pair, so the
 * pair is never split between the two directions.
 */
export type BidiRun = { text: string; kind: 'text' | 'number' | 'latin' | 'japanese' };

const JA = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}ー々〆〇';
// Inside a Japanese term: more Japanese, digits, middle dots, and single spaces between words
// (株式会社さくら製作所 横浜物流センター).
const JA_BODY = `[${JA}][${JA}0-9０-９・･ー]*(?:[ 　][${JA}0-9０-９][${JA}0-9０-９・･ー]*)*`;
const JAPANESE = `\\(${JA_BODY}\\)|（${JA_BODY}）|「${JA_BODY}」|『${JA_BODY}』|【${JA_BODY}】|${JA_BODY}`;
// A phone number, date or amount: digits with the separators they are written with, ending on a digit.
const NUMBER = '\\+?[0-9０-９](?:[0-9０-９\\-‐－–./:]*[0-9０-９])?';
const LATIN = "[A-Za-z][A-Za-z0-9&.'\\-]*(?: [A-Za-z0-9][A-Za-z0-9&.'\\-]*)*";
const ISLAND = new RegExp(`(${JAPANESE})|(${NUMBER})|(${LATIN})`, 'gu');

export function bidiRuns(text: string): BidiRun[] {
  const runs: BidiRun[] = [];
  let last = 0;
  for (const match of text.matchAll(ISLAND)) {
    const at = match.index ?? 0;
    if (at > last) runs.push({ text: text.slice(last, at), kind: 'text' });
    runs.push({ text: match[0], kind: match[1] ? 'japanese' : match[2] ? 'number' : 'latin' });
    last = at + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), kind: 'text' });
  return runs;
}

/** Islands up to this many characters never break across lines; a longer one may, still isolated. */
export const KEEP_WHOLE_UP_TO = 24;
