import type { PlaceWords, ReturnPlace } from './return-place';

/** One language's notice templates, as in locales/notices/<code>.json. */
export type NoticeLocale = {
  language: { name: string; englishName: string; dir: 'ltr' | 'rtl' };
  common: { greeting: string; contact: string; insurerLine: string; returnTo: string };
  /** Words around the structured return place and contact (return-place.ts). */
  place: PlaceWords;
  notices: Record<string, { title: string; body: string[] }>;
};

/** What personalises a notice. Never 記号・番号 (health insurance law art. 194-2), never an address. */
export type NoticeValues = {
  name: string;
  /** The name in Latin letters, shown beside a Japanese name in other languages' notices. */
  nameReading?: string;
  /** The name in kana (as on the recall list), for やさしい日本語's <ruby>. */
  nameKana?: string;
  /** Calendar date YYYY-MM-DD, formatted for the notice's language. */
  returnBy: string | null;
  expiresOn: string | null;
  returnTo: string;
  officeContact: string;
  insurerName: string;
  insurerPhone: string;
  /** Romanised reading of the insurer's name, shown beside it in non-Japanese notices. */
  insurerReading?: string;
  /** Its reading in kana, for やさしい日本語. */
  insurerKana?: string;
  /**
   * The structured return place and contact; when set it replaces `returnTo` and `officeContact`,
   * which are Japanese free text the clerk typed before (kept for offices that have not filled it in).
   */
  place?: ReturnPlace | null;
};

/** A notice filled in for one person (or generically, for the public page), ready to show as text. */
export type RenderedNotice = {
  language: string;
  dir: 'ltr' | 'rtl';
  title: string;
  greeting: string | null;
  paragraphs: string[];
  /** Lines after the body: where to return, whom to ask, the insurer's multilingual line. */
  footer: string[];
};
