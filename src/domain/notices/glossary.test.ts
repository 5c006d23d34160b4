import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICE_LANGUAGES } from '../../api/schemas';
import { type Glossary, glossaryProblems } from './glossary';
import type { NoticeLocale } from './types';

const dir = new URL('../../../locales/notices/', import.meta.url);
const read = (code: string) => JSON.parse(readFileSync(new URL(`${code}.json`, dir), 'utf8')) as NoticeLocale;
const glossary = JSON.parse(
  readFileSync(new URL('../../../locales/termbase/notices.json', import.meta.url), 'utf8'),
) as Glossary;
const ja = read('ja');
const codes = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.replace(/\.json$/, ''));

describe('notice termbase', () => {
  it('has an entry with every concept agreed for every notice language', () => {
    expect(Object.keys(glossary.languages).sort()).toEqual([...NOTICE_LANGUAGES].sort());
    const core = ['certificate', 'myna', 'oldCard', 'checkIn', 'returnEnvelope', 'deadline'];
    for (const code of NOTICE_LANGUAGES)
      expect(Object.keys(glossary.languages[code]?.agreed ?? {}), code).toEqual(expect.arrayContaining(core));
  });

  it.each(codes)('%s uses the agreed terms and none of the forbidden ones', (code) => {
    expect(glossaryProblems(code, read(code), ja, glossary)).toEqual([]);
  });

  it('fails on a planted forbidden term and on a missing agreed one', () => {
    const tl = read('tl');
    const planted = structuredClone(tl);
    const body = planted.notices.certificate_here?.body as string[];
    body[2] = `${body[2]} kwalipikasyon`;
    expect(glossaryProblems('tl', planted, ja, glossary).join('\n')).toMatch(/kwalipikasyon/);

    const ru = structuredClone(read('ru'));
    const got = ru.notices.return_got_myna?.body as string[];
    got[1] = (got[1] as string).replace('не позднее {{returnBy}}', 'до {{returnBy}}');
    const problems = glossaryProblems('ru', ru, ja, glossary);
    expect(problems.some((p) => p.includes('forbidden /до'))).toBe(true);
    expect(problems.some((p) => p.includes('deadline should read'))).toBe(true);

    const ne = structuredClone(read('ne'));
    (ne.notices.return_got_myna?.body as string[])[2] = 'क्लिनिकमा माइ नम्बर स्वास्थ्य बीमा कार्डले दर्ता गराउनुहोस्।';
    expect(glossaryProblems('ne', ne, ja, glossary).join('\n')).toMatch(/checkIn|दर्ता/);
  });
});
