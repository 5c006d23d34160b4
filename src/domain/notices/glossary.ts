import { rubyBase } from './ruby';
import type { NoticeLocale } from './types';

/**
 * The notices' termbase (locales/termbase/notices.json, ADR 017): per language, how the few terms that
 * decide what a member does must be rendered, and renderings that mislead (資格 as a school
 * "qualification", checking in rendered as registering the card, deadlines that read "before, not
 * on", a home country's local office for the Japanese 市区町村 office).
 */
export type GlossaryConcept = { ja: string; scope: 'notice' | 'path'; note: string };
export type GlossaryLanguage = {
  /** concept → regular expression (case-insensitive) the rendering must match. */
  agreed: Record<string, string>;
  forbidden: { pattern: string; why: string; concept?: string }[];
};
export type Glossary = { concepts: Record<string, GlossaryConcept>; languages: Record<string, GlossaryLanguage> };

/** Every string of a locale with a stable path (notices.<key>.title, notices.<key>.body.<n>, common.<key>). */
export function localeStrings(locale: NoticeLocale): [string, string][] {
  return rawStrings(locale);
}

function rawStrings(locale: NoticeLocale): [string, string][] {
  const out: [string, string][] = Object.entries(locale.common).map(([key, text]) => [`common.${key}`, text]);
  for (const [key, notice] of Object.entries(locale.notices)) {
    out.push([`notices.${key}.title`, notice.title]);
    notice.body.forEach((text, index) => {
      out.push([`notices.${key}.body.${index}`, text]);
    });
  }
  return out;
}

const noticeOf = (path: string) => (path.startsWith('notices.') ? path.split('.')[1] : path);

/**
 * What breaks the termbase in `locale` (empty when it complies): an agreed term missing where the
 * Japanese source (`ja`) uses the concept, or a forbidden rendering present.
 */
export function glossaryProblems(code: string, locale: NoticeLocale, ja: NoticeLocale, glossary: Glossary): string[] {
  const entry = glossary.languages[code];
  if (!entry) return [`${code}: no termbase entry`];
  const problems: string[] = [];
  // Terms are checked on what the member reads: やさしい日本語's readings `{漢字|かんじ}` taken out.
  const plain = (l: NoticeLocale) => rawStrings(l).map(([path, text]): [string, string] => [path, rubyBase(text)]);
  const own = new Map(plain(locale));
  const source = plain(ja);
  const conceptPaths = (concept: string) => {
    const found = new RegExp(glossary.concepts[concept]?.ja ?? '(?!)', 'u');
    return source.filter(([, text]) => found.test(text)).map(([path]) => path);
  };
  for (const [concept, agreed] of Object.entries(entry.agreed)) {
    const meta = glossary.concepts[concept];
    if (!meta) {
      problems.push(`${code}: unknown concept ${concept}`);
      continue;
    }
    const term = new RegExp(agreed, 'iu');
    const paths = conceptPaths(concept);
    if (meta.scope === 'path') {
      for (const path of paths)
        if (!term.test(own.get(path) ?? '')) problems.push(`${code} ${path}: ${concept} should read /${agreed}/`);
    } else {
      for (const notice of new Set(paths.map(noticeOf))) {
        const text = [...own]
          .filter(([path]) => noticeOf(path) === notice)
          .map(([, t]) => t)
          .join('\n');
        if (!term.test(text)) problems.push(`${code} ${notice}: ${concept} should read /${agreed}/`);
      }
    }
  }
  for (const { pattern, why, concept } of entry.forbidden) {
    const bad = new RegExp(pattern, 'iu');
    const paths = concept ? conceptPaths(concept) : [...own.keys()];
    for (const path of paths) {
      const text = own.get(path) ?? '';
      if (bad.test(text)) problems.push(`${code} ${path}: forbidden /${pattern}/ (${why}): ${text}`);
    }
  }
  return problems;
}
