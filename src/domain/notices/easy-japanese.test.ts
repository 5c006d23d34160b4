import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatNoticeDate } from './dates';
import { GENERIC_WORDING } from './generic';
import { localeStrings } from './glossary';
import { kanjiWithoutReading, rubyAsPlainText, rubyBase, rubySegments } from './ruby';
import type { NoticeLocale } from './types';

const easy = JSON.parse(
  readFileSync(new URL('../../../locales/notices/ja-easy.json', import.meta.url), 'utf8'),
) as NoticeLocale;

const MAX = 40;
/** Sentences as a member reads them: readings out, dates in, other placeholders as a short name. */
function longSentences(text: string): string[] {
  const date = formatNoticeDate('2025-12-02', 'ja-easy');
  const filled = rubyBase(text)
    .replace(/\{\{(returnBy|expiresOn)\}\}/g, date)
    .replace(/\{\{\w+\}\}/g, '○○');
  return filled
    .split(/(?<=。)/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => [...sentence].length > MAX);
}

describe('やさしい日本語', () => {
  it('gives a reading (<ruby>) for every kanji above 小学2年', () => {
    for (const [path, text] of localeStrings(easy)) expect(kanjiWithoutReading(text), path).toEqual([]);
    for (const text of Object.values(GENERIC_WORDING['ja-easy'] ?? {})) expect(kanjiWithoutReading(text)).toEqual([]);
    expect(kanjiWithoutReading('セブン銀行の 役所')).toEqual(['銀', '役', '所']);
    expect(kanjiWithoutReading('セブン{銀行|ぎんこう}の 会社')).toEqual([]);
  });

  it(`keeps every sentence at ${MAX} characters or fewer`, () => {
    for (const [path, text] of localeStrings(easy)) expect(longSentences(text), path).toEqual([]);
    expect(longSentences(`${'あいうえおかきくけこ'.repeat(4)}さ。みじかい。`)).toHaveLength(1);
  });

  it('never calls the certificate paper (協会けんぽ issues a plastic card, seed 002)', () => {
    for (const [path, text] of localeStrings(easy)) {
      if (/資格確認書/.test(text)) expect(text, path).not.toMatch(/紙/);
    }
  });

  it('readings become <ruby> runs, or brackets in plain text', () => {
    expect(rubySegments('{病院|びょういん}で 見せて')).toEqual([
      { text: '病院', reading: 'びょういん' },
      { text: 'で 見せて' },
    ]);
    expect(rubySegments('{{returnBy}}まで')).toEqual([{ text: '{{returnBy}}まで' }]);
    expect(rubyAsPlainText('{病院|びょういん}で')).toBe('病院（びょういん）で');
    expect(rubyBase('{病院|びょういん}で')).toBe('病院で');
  });
});
