import { describe, expect, it } from 'vitest';
import { formatNoticeDate } from './dates';
import { heldExpiryOf, recipientsFrom, returnByOf } from './recipients';
import { fillTemplate, noticeAsText, placeholdersOf, renderNotice } from './render';
import type { NoticeLocale, NoticeValues } from './types';

const ja: NoticeLocale = {
  language: { name: '日本語', englishName: 'Japanese', dir: 'ltr' },
  common: {
    greeting: '{{name}} 様',
    contact: 'ご不明な点は {{officeContact}} までお問い合わせください。',
    insurerLine: '{{insurerName}} の多言語対応窓口：{{insurerPhone}}',
    returnTo: '返却先：{{returnTo}}',
  },
  place: {
    floor: '{{floor}}階',
    reception: '受付',
    hrDesk: '人事・総務の窓口',
    mailbox: '回収箱',
    security: '守衛室',
    hours: '受付時間 {{from}}〜{{to}}',
    extension: '内線{{extension}}',
    phone: '電話 {{phone}}',
    separator: ' ',
  },
  notices: { return_got_myna: { title: '返却してください', body: ['{{returnBy}}までに返却してください。', '以上'] } },
};
const values: NoticeValues = {
  name: '<b>髙橋</b>',
  returnBy: '2025-12-02',
  expiresOn: null,
  returnTo: '総務課',
  officeContact: '総務課 内線123',
  insurerName: 'デモ健康保険組合',
  insurerPhone: '0570-012-345',
};

describe('notice rendering', () => {
  it('fills placeholders as plain text and leaves unknown ones visible', () => {
    expect(fillTemplate('{{name}} 様 {{other}}', { name: '<b>x</b>' })).toBe('<b>x</b> 様 {{other}}');
    expect(placeholdersOf('{{b}} {{a}} {{b}}')).toEqual(['a', 'b']);
  });

  it('personalises: name, 和暦 return-by date, where to return, whom to ask, the insurer line', () => {
    const notice = renderNotice(ja, 'ja', 'return_got_myna', values);
    expect(notice.greeting).toBe('<b>髙橋</b> 様');
    expect(notice.paragraphs[0]).toBe('令和7年12月2日までに返却してください。');
    expect(notice.footer).toEqual([
      '返却先：総務課',
      'ご不明な点は 総務課 内線123 までお問い合わせください。',
      'デモ健康保険組合 の多言語対応窓口：0570-012-345',
    ]);
    expect(noticeAsText(notice)).toContain('返却してください\n\n<b>髙橋</b> 様\n\n令和7年12月2日');
  });

  it('leaves out the lines whose setting is empty', () => {
    const notice = renderNotice(ja, 'ja', 'return_got_myna', { ...values, returnTo: ' ', insurerPhone: '' });
    expect(notice.footer).toEqual(['ご不明な点は 総務課 内線123 までお問い合わせください。']);
  });

  it('is generic without values: no greeting, no office lines, generic date wording', () => {
    const notice = renderNotice(ja, 'ja', 'return_got_myna', null);
    expect(notice.greeting).toBeNull();
    expect(notice.footer).toEqual([]);
    expect(notice.paragraphs[0]).toBe('事業所から案内された期日までに返却してください。');
    expect(noticeAsText(notice)).not.toMatch(/\{\{/);
  });

  it('refuses an unknown notice', () => {
    expect(() => renderNotice(ja, 'ja', 'nope', null)).toThrow(RangeError);
  });
});

describe('notice dates', () => {
  it('writes each language its own way, never shifted by a time zone', () => {
    expect(formatNoticeDate('2025-12-02', 'ja')).toBe('令和7年12月2日');
    expect(formatNoticeDate('2025-12-02', 'ja-easy')).toBe('2025年12月2日');
    expect(formatNoticeDate('2025-12-02', 'en')).toBe('2 December 2025');
    expect(formatNoticeDate('2025-12-02', 'th')).toBe('2 ธันวาคม 2568 (ค.ศ. 2025)');
    expect(formatNoticeDate('2025-12-02', 'km')).toBe('ថ្ងៃទី២ ខែធ្នូ ឆ្នាំ២០២៥');
    expect(formatNoticeDate('2025-12-02', 'my')).toBe('၂၀၂၅ ခုနှစ်၊ ဒီဇင်ဘာလ ၂ ရက်');
    expect(formatNoticeDate('2025-12-02', 'vi')).toBe('ngày 2 tháng 12 năm 2025');
    expect(formatNoticeDate('2025-12-02', 'si')).toBe('2025 දෙසැම්බර් 2');
    expect(formatNoticeDate('2025-12-02', 'ne')).toBe('सन् २०२५ डिसेम्बर २');
    expect(formatNoticeDate('2025-12-02', 'bn')).toBe('২ ডিসেম্বর ২০২৫');
    expect(formatNoticeDate('2025-12-02', 'ur')).toBe('2 دسمبر 2025');
    expect(formatNoticeDate('2025-12-02', 'ru')).toBe('2 декабря 2025 года');
    expect(formatNoticeDate('2025-12-02', 'mn')).toBe('2025 оны 12 дугаар сарын 2');
    expect(formatNoticeDate('2026-04-01', 'mn')).toBe('2026 оны 4 дүгээр сарын 1');
    expect(formatNoticeDate('2026-01-01', 'fr')).toBe('1er janvier 2026');
    expect(formatNoticeDate('2025-12-02', 'ko')).toBe('2025년 12월 2일');
    expect(() => formatNoticeDate('2025-13-40', 'en')).toThrow(RangeError);
  });
});

describe('notice dates without the ICU data of a language', () => {
  it('still write Nepali, Burmese, Khmer, Sinhala and Mongolian dates (Debian Chromium falls back to Japanese)', () => {
    const Real = Intl.DateTimeFormat;
    const missing = /^(ne|my|km|si|mn)/;
    // As if the ICU data of these languages were missing.
    class Fallback extends Real {
      constructor(locale?: string | string[], options?: Intl.DateTimeFormatOptions) {
        super(missing.test(String(locale)) ? 'ja-JP' : locale, options);
      }
    }
    Intl.DateTimeFormat = Fallback as typeof Intl.DateTimeFormat;
    try {
      expect(formatNoticeDate('2025-12-02', 'ne')).toBe('सन् २०२५ डिसेम्बर २');
      expect(formatNoticeDate('2025-12-02', 'my')).toBe('၂၀၂၅ ခုနှစ်၊ ဒီဇင်ဘာလ ၂ ရက်');
      expect(formatNoticeDate('2025-12-02', 'km')).toBe('ថ្ងៃទី២ ខែធ្នូ ឆ្នាំ២០២៥');
      expect(formatNoticeDate('2025-12-02', 'si')).toBe('2025 දෙසැම්බර් 2');
      expect(formatNoticeDate('2025-12-02', 'mn')).toBe('2025 оны 12 дугаар сарын 2');
      expect(formatNoticeDate('2026-01-20', 'ne')).toBe('सन् २०२६ जनवरी २०');
      expect(new Intl.DateTimeFormat('ne', { dateStyle: 'long' }).resolvedOptions().locale).toBe('ja-JP');
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});

describe('recipients', () => {
  const item = (memberId: string, dueDate: string, status = 'to_collect', listId = 'L1') => ({
    memberId,
    listId,
    status,
    dueDate,
    expiresOn: null,
    person: { name: memberId.toUpperCase(), kana: memberId },
  });
  // The member's own date: 2 working days before the filing due date (member-return-by.ts), never past.
  it("are the distinct members, with the earliest open item's member date as return-by", () => {
    const items = [
      item('b', '2026-01-10'),
      item('a', '2026-01-05'),
      item('b', '2026-01-20'),
      item('c', '2026-01-01', 'returned'),
    ];
    const today = '2026-01-02';
    expect(recipientsFrom(items, { onlyToCollect: true, today })).toEqual([
      { memberId: 'a', name: 'A', kana: 'a', returnBy: '2026-01-05', expiresOn: null, toCollect: 1 },
      // Due Saturday 1/10: two working days before is Thursday 1/8.
      { memberId: 'b', name: 'B', kana: 'b', returnBy: '2026-01-08', expiresOn: null, toCollect: 2 },
    ]);
    expect(recipientsFrom(items, { onlyToCollect: false, today }).map((r) => r.memberId)).toEqual(['a', 'b', 'c']);
    expect(
      recipientsFrom([...items, item('d', '2026-01-01', 'to_collect', 'L2')], {
        listId: 'L2',
        onlyToCollect: true,
        today,
      }),
    ).toHaveLength(1);
  });

  it('never asks for a day already past, and an overdue item is not hidden by a later one', () => {
    const items = [item('a', '2026-01-20'), item('a', '2025-12-20'), item('a', '2025-12-01', 'returned')];
    expect(recipientsFrom(items, { onlyToCollect: false, today: '2026-01-05' })[0]?.returnBy).toBe('2026-01-05');
    // Due Saturday 12/20: two working days before is Thursday 12/18.
    expect(returnByOf(items, '2025-12-10')).toBe('2025-12-18');
    expect(returnByOf([item('a', '2025-11-01', 'returned')], '2025-12-10')).toBe('2025-12-10');
  });

  it('gives members who share a due date the same date, and each other due date its own', () => {
    // The date is worked out once per due date (recipientsFrom): a later member must not get an earlier one's.
    const items = [
      item('a', '2026-01-10'),
      item('b', '2026-01-20'),
      item('c', '2026-01-10'),
      item('d', '2026-01-20'),
      item('e', '2026-01-05'),
    ];
    const today = '2026-01-02';
    const byMember = new Map(
      recipientsFrom(items, { onlyToCollect: true, today }).map((r) => [r.memberId, r.returnBy]),
    );
    for (const { memberId, dueDate } of items)
      expect(byMember.get(memberId)).toBe(returnByOf([item(memberId, dueDate)], today));
    expect(byMember.get('a')).toBe('2026-01-08');
    expect(byMember.get('b')).toBe('2026-01-16');
    // Unsorted for lookups: the same members and dates, in the order met.
    expect(
      recipientsFrom([...items].reverse(), { onlyToCollect: true, today, sorted: false }).map((r) => r.memberId),
    ).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('asks as many working days ahead as the office sets', () => {
    const items = [item('a', '2026-12-14')];
    const returnBy = (leadDays: number) =>
      recipientsFrom(items, { onlyToCollect: true, today: '2026-12-07', leadDays })[0]?.returnBy;
    expect(returnBy(0)).toBe('2026-12-14');
    expect(returnBy(2)).toBe('2026-12-10');
    // Four working days before Monday 12/14 is Tuesday 12/8.
    expect(returnBy(4)).toBe('2026-12-08');
    // More than there is time for: the next working day, never the past.
    expect(returnBy(10)).toBe('2026-12-07');
  });

  it('shows the expiry of the certificate handed over (newest 交付年月日), not the latest expiry', () => {
    const own = [
      { ...item('a', '2026-01-20'), issuedOn: '2025-11-01', expiresOn: '2026-12-01' },
      { ...item('a', '2026-01-20'), issuedOn: '2024-12-02', expiresOn: '2029-12-01' },
    ];
    expect(heldExpiryOf(own)).toBe('2026-12-01');
    expect(recipientsFrom(own, { onlyToCollect: true, today: '2026-01-01' })[0]?.expiresOn).toBe('2026-12-01');
  });
});
