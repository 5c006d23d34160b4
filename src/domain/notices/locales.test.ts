import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICE_KEYS, NOTICE_LANGUAGES } from '../../api/schemas';
import { GENERIC_WORDING } from './generic';
import { NOTICE_KEY_LIST } from './keys';
import { NOTICE_LANGUAGE_INFO, type NoticeScript, noticeLanguageInfo } from './languages';
import { placeholdersOf } from './render';
import type { NoticeLocale } from './types';

// The translations' own checks (docs/translations.md): every locale against the Japanese source.
const dir = new URL('../../../locales/notices/', import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
const locales = new Map<string, NoticeLocale>(
  files.map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(name, dir), 'utf8'))]),
);
const ja = locales.get('ja') as NoticeLocale;
const others = [...locales.keys()].filter((code) => code !== 'ja');

/** Every translatable string of a locale with a stable path, e.g. notices.register_myna.body.2. */
function strings(locale: NoticeLocale): [string, string][] {
  const out: [string, string][] = Object.entries(locale.common).map(([key, text]) => [`common.${key}`, text]);
  for (const [key, notice] of Object.entries(locale.notices)) {
    out.push([`notices.${key}.title`, notice.title]);
    notice.body.forEach((text, index) => {
      out.push([`notices.${key}.body.${index}`, text]);
    });
  }
  return out;
}

const SCRIPT_RE: Record<NoticeScript, RegExp> = {
  Japanese: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]/u,
  Latin: /\p{Script=Latin}/u,
  Han: /\p{Script=Han}/u,
  Hangul: /\p{Script=Hangul}/u,
  Thai: /\p{Script=Thai}/u,
  Devanagari: /\p{Script=Devanagari}/u,
  Myanmar: /\p{Script=Myanmar}/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Khmer: /\p{Script=Khmer}/u,
  Sinhala: /\p{Script=Sinhala}/u,
  Bengali: /\p{Script=Bengali}/u,
  Arabic: /\p{Script=Arabic}/u,
};
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Latin-letter proper names kept as printed in every language (translation notes). */
const PROPER_NAMES = /Seven Bank|ATM|My Number/g;

/**
 * Text that must be in the locale's own script: placeholders and the Japanese system terms the
 * translators keep in brackets at first mention, e.g. "(資格確認書)", are taken out.
 */
function ownText(text: string): string {
  return text
    .replace(/\{\{\w+\}\}/g, ' ')
    .replace(PROPER_NAMES, ' ')
    .replace(/[(（][^()（）]*[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}][^()（）]*[)）]/gu, ' ');
}

const letters = (text: string) => [...text].filter((ch) => /\p{L}/u.test(ch));

// English function words; a translated sentence in another Latin-script language has almost none.
const ENGLISH = new Set(
  'the your you please and with have has this that will for are is it of to by when if card return can not be or at'.split(
    ' ',
  ),
);

describe('notice locales', () => {
  it('exist for exactly the contract languages, with the names the UI shows before loading them', () => {
    expect([...locales.keys()].sort()).toEqual([...NOTICE_LANGUAGES].sort());
    expect(NOTICE_LANGUAGE_INFO.map((info) => info.code).sort()).toEqual([...NOTICE_LANGUAGES].sort());
    expect(Object.keys(GENERIC_WORDING).sort()).toEqual([...NOTICE_LANGUAGES].sort());
    for (const [code, locale] of locales) {
      const info = noticeLanguageInfo(code);
      expect({ code, ...locale.language }).toEqual({
        code,
        name: info?.name,
        englishName: info?.englishName,
        dir: info?.dir,
      });
    }
  });

  it('Japanese has every notice key of the contract', () => {
    expect([...NOTICE_KEY_LIST]).toEqual([...NOTICE_KEYS]);
    expect(Object.keys(ja.notices).sort()).toEqual([...NOTICE_KEYS].sort());
  });

  describe.each(others)('%s', (code) => {
    const locale = locales.get(code) as NoticeLocale;
    const info = noticeLanguageInfo(code);
    const own = strings(locale);

    it('has every key, and no other', () => {
      expect(Object.keys(locale).sort()).toEqual(Object.keys(ja).sort());
      expect(Object.keys(locale.common).sort()).toEqual(Object.keys(ja.common).sort());
      expect(Object.keys(locale.notices).sort()).toEqual(Object.keys(ja.notices).sort());
      for (const [key, notice] of Object.entries(locale.notices)) {
        expect(Object.keys(notice).sort(), key).toEqual(['body', 'title']);
        expect(notice.title.trim(), key).not.toBe('');
        for (const paragraph of notice.body) expect(paragraph.trim(), key).not.toBe('');
      }
    });

    it('has the same paragraph count and the same placeholders as the Japanese source', () => {
      for (const [key, notice] of Object.entries(ja.notices)) {
        expect(locale.notices[key]?.body.length, key).toBe(notice.body.length);
      }
      const source = new Map(strings(ja));
      for (const [path, text] of own) {
        expect(placeholdersOf(text), path).toEqual(placeholdersOf(source.get(path) ?? ''));
      }
    });

    it('is written in its own script, with Japanese only in the bracketed system terms', () => {
      const script = SCRIPT_RE[info?.script ?? 'Latin'];
      for (const [path, text] of own) {
        const rest = ownText(text);
        if (info?.script === 'Japanese') continue;
        // Chinese shares the Han script with Japanese; kana must still not be left over.
        expect(rest, `${path}: Japanese left outside brackets`).not.toMatch(info?.script === 'Han' ? KANA : JAPANESE);
        const all = letters(rest);
        if (all.length < 8) continue;
        const inScript = all.filter((ch) => script.test(ch)).length / all.length;
        // Latin proper names such as "ATM" or "Seven Bank" are fine; a whole English sentence is not.
        expect(inScript, `${path}: ${info?.script} share`).toBeGreaterThan(0.85);
      }
    });

    it('leaves no sentence in English (nor copied from the English or Japanese locale)', () => {
      const english = new Map(strings(locales.get('en') as NoticeLocale));
      const source = new Map(strings(ja));
      for (const [path, text] of own) {
        expect(text, `${path} copied from ja`).not.toBe(source.get(path));
        if (code === 'en') continue;
        if (letters(ownText(text)).length > 12) expect(text, `${path} copied from en`).not.toBe(english.get(path));
        for (const sentence of ownText(text).split(/[.!?。]\s*/)) {
          const words = sentence.toLowerCase().match(/\p{Script=Latin}+/gu) ?? [];
          if (words.length < 5) continue;
          const share = words.filter((word) => ENGLISH.has(word)).length / words.length;
          expect(share, `${path}: looks English: "${sentence}"`).toBeLessThan(0.25);
        }
      }
    });

    it('writes right to left exactly when the language does', () => {
      expect(locale.language.dir).toBe(code === 'ur' ? 'rtl' : 'ltr');
    });
  });

  it('the easy-Japanese version is a rewrite, not the source copied', () => {
    const easy = locales.get('ja-easy') as NoticeLocale;
    for (const [key, notice] of Object.entries(easy.notices)) {
      expect(
        notice.body.some((text, index) => text !== ja.notices[key]?.body[index]),
        key,
      ).toBe(true);
      for (const text of notice.body) expect(ownText(text)).not.toMatch(/\p{Script=Latin}{3,}/u);
    }
  });
});
