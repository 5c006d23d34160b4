/**
 * Readings for やさしい日本語. The locale writes a reading as `{漢字|かんじ}`; the notice shows it as
 * <ruby>, and plain text (share sheet, clipboard, image) as 漢字（かんじ）.
 */
const RUBY = /\{([^{}|]+)\|([^{}|]+)\}/g;

export type RubySegment = { text: string; reading?: string };

/** The text cut into plain runs and runs with a reading, in order. */
export function rubySegments(text: string): RubySegment[] {
  const out: RubySegment[] = [];
  let last = 0;
  for (const match of text.matchAll(RUBY)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: match[1] as string, reading: match[2] as string });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** The text without readings (what the eye reads as the sentence). */
export function rubyBase(text: string): string {
  return text.replace(RUBY, '$1');
}

/** The text with each reading in brackets after its word, for plain-text channels. */
export function rubyAsPlainText(text: string): string {
  return text.replace(RUBY, '$1（$2）');
}

/**
 * The kanji taught in grades 1 and 2 of elementary school (文部科学省「学年別漢字配当表」, 小学校学習
 * 指導要領 2017, in force from 2020: 80 + 160 characters). やさしい日本語 gives a reading for every other
 * kanji (issue 16).
 */
export const GRADE_1_KANJI =
  '一右雨円王音下火花貝学気九休玉金空月犬見五口校左三山子四糸字耳七車手十出女小上森人水正生青夕石赤千川先早草足村大男竹中虫町天田土二日入年白八百文木本名目立力林六';
export const GRADE_2_KANJI =
  '引羽雲園遠何科夏家歌画回会海絵外角楽活間丸岩顔汽記帰弓牛魚京強教近兄形計元言原戸古午後語工公広交光考行高黄合谷国黒今才細作算止市矢姉思紙寺自時室社弱首秋週春書少場色食心新親図数西声星晴切雪船線前組走多太体台地池知茶昼長鳥朝直通弟店点電刀冬当東答頭同道読内南肉馬売買麦半番父風分聞米歩母方北毎妹万明鳴毛門夜野友用曜来里理話';
const EASY = new Set([...GRADE_1_KANJI, ...GRADE_2_KANJI]);

/** Kanji above grade 2 that stand outside a `{…|reading}` run. */
export function kanjiWithoutReading(text: string): string[] {
  const outside = text.replace(RUBY, '');
  return [...outside].filter((ch) => /\p{Script=Han}/u.test(ch) && !EASY.has(ch));
}
