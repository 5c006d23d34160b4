import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTICE_LANGUAGES } from '../../api/schemas';
import { formatNoticeDate } from './dates';
import { japaneseLeft } from './japanese-left';
import { NOTICE_KEY_LIST } from './keys';
import { recipientsFrom } from './recipients';
import { expiryText, renderNotice } from './render';
import type { ReturnPlace } from './return-place';
import { kanaToRomaji } from './romaji';
import type { NoticeLocale, NoticeValues } from './types';

const read = (code: string) =>
  JSON.parse(readFileSync(new URL(`../../../locales/notices/${code}.json`, import.meta.url), 'utf8')) as NoticeLocale;

// A fixture member with two certificates on the recall lists: the older one (issued 2024-12-02,
// expires 2029-12-01) and the newer one handed over (issued 2025-11-01, expires 2026-12-01). Today
// is 2026-01-05: one item was due 2025-12-26 (overdue), the other 2026-01-20.
const today = '2026-01-05';
const person = { name: 'NGUYEN VAN AN', kana: 'グエン ヴァン アン' };
const [member] = recipientsFrom(
  [
    {
      memberId: 'm1',
      listId: 'L1',
      status: 'to_collect',
      dueDate: '2025-12-26',
      issuedOn: '2024-12-02',
      expiresOn: '2029-12-01',
      person,
    },
    {
      memberId: 'm1',
      listId: 'L1',
      status: 'to_collect',
      dueDate: '2026-01-20',
      issuedOn: '2025-11-01',
      expiresOn: '2026-12-01',
      person,
    },
  ],
  { onlyToCollect: true, today },
);
const place: ReturnPlace = {
  department: { name: '総務課', reading: 'Sōmu-ka', kana: 'そうむか' },
  floor: 2,
  room: 'reception',
  hours: { from: '09:00', to: '17:00' },
  person: { name: '山田', reading: 'Yamada', kana: 'やまだ' },
  extension: '123',
  phone: '03-1234-5678',
  note: { ja: '不在時は回収箱へ' },
};
const values: NoticeValues = {
  name: person.name,
  returnBy: member?.returnBy ?? null,
  expiresOn: member?.expiresOn ?? null,
  returnTo: '',
  officeContact: '',
  insurerName: 'みなと健康保険組合',
  insurerReading: 'Minato Kenkō Hoken Kumiai',
  insurerKana: 'みなとけんこうほけんくみあい',
  insurerPhone: '0570-012-345',
  place,
};

describe('a rendered notice for a member', () => {
  it('asks for the earliest open date, never a past one, and shows the expiry of the certificate handed over', () => {
    expect(member?.returnBy).toBe(today);
    expect(member?.expiresOn).toBe('2026-12-01');
  });

  it.each([...NOTICE_LANGUAGES])('%s: no Japanese the member may not read; their date; the right expiry', (code) => {
    const locale = read(code);
    for (const key of NOTICE_KEY_LIST) {
      const notice = renderNotice(locale, code, key, values);
      expect(japaneseLeft(notice), `${code} ${key}`).toEqual([]);
      const text = [notice.title, ...notice.paragraphs, ...notice.footer].join('\n');
      expect(text).not.toMatch(/\{\{/);
      if (locale.notices[key]?.body.some((p) => p.includes('{{returnBy}}')))
        expect(text, key).toContain(formatNoticeDate(today, code));
      if (locale.notices[key]?.body.some((p) => p.includes('{{expiresOn}}'))) {
        expect(text, key).toContain(expiryText('2026-12-01', code));
        if (code !== 'ja') expect(text, key).not.toContain(formatNoticeDate('2029-12-01', code));
      }
    }
    const certificate = renderNotice(locale, code, 'certificate_here', values);
    if (code !== 'ja' && code !== 'ja-easy') {
      expect(certificate.paragraphs.join(' ')).toContain(
        '(令和8年12月1日)'.replace(/[()]/g, code === 'zh-Hans' ? '' : '$&'),
      );
      expect(certificate.footer.join(' ')).toContain('総務課 (Sōmu-ka)');
      expect(certificate.footer.join(' ')).toContain('山田 (Yamada)');
      expect(certificate.footer.join(' ')).not.toContain('不在時');
    } else {
      expect(certificate.footer.join(' ')).toContain('総務課');
    }
  });

  it('isolates times, phone numbers and names in the right-to-left Urdu notice', () => {
    const notice = renderNotice(read('ur'), 'ur', 'return_got_myna', values);
    const footer = notice.footer.join('\n');
    expect(footer).toContain('\u206609:00–17:00\u2069');
    expect(footer).toContain('\u206603-1234-5678\u2069');
    expect(footer).toContain('\u2066総務課 (Sōmu-ka)\u2069');
    expect(notice.greeting).toContain('\u2068NGUYEN VAN AN\u2069');
    expect(renderNotice(read('en'), 'en', 'return_got_myna', values).footer.join('')).not.toMatch(/[\u2066-\u2069]/);
  });

  it('gives a Japanese member name its reading outside Japanese', () => {
    const named = { ...values, name: '佐藤 花子', nameReading: kanaToRomaji('サトウ ハナコ') };
    const notice = renderNotice(read('ne'), 'ne', 'return_got_myna', named);
    expect(notice.greeting).toContain('佐藤 花子 (Satou Hanako)');
    expect(japaneseLeft(notice)).toEqual([]);
    const easy = renderNotice(read('ja-easy'), 'ja-easy', 'return_got_myna', { ...named, nameKana: 'サトウ ハナコ' });
    expect(easy.greeting).toBe('{佐藤 花子|サトウ ハナコ} さん');
    expect(japaneseLeft(easy)).toEqual([]);
    expect(japaneseLeft(renderNotice(read('ne'), 'ne', 'return_got_myna', { ...named, nameReading: '' }))).toEqual([
      '佐藤',
      '花子',
    ]);
  });

  it('flags Japanese free text the member may not read (what the preview warns about)', () => {
    const vi = read('vi');
    const legacy = { ...values, place: null, returnTo: '総務課 2階受付', officeContact: '総務課 山田 内線123' };
    expect(japaneseLeft(renderNotice(vi, 'vi', 'return_got_myna', legacy))).toEqual([
      '総務課',
      '階受付',
      '山田',
      '内線',
    ]);
    const noReading = { ...values, place: { ...place, department: { name: '総務課', reading: '' } } };
    expect(japaneseLeft(renderNotice(vi, 'vi', 'return_got_myna', noReading))).toEqual(['総務課']);
    expect(japaneseLeft(renderNotice(read('ja'), 'ja', 'return_got_myna', legacy))).toEqual([]);
    // やさしい日本語: the office's own kanji need a reading too.
    expect(japaneseLeft(renderNotice(read('ja-easy'), 'ja-easy', 'return_got_myna', legacy))).toEqual(
      expect.arrayContaining(['総', '務', '課', '階']),
    );
  });
});
