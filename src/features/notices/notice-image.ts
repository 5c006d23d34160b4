import { noticeLanguageInfo } from '../../domain/notices/languages';
import { rubyAsPlainText } from '../../domain/notices/ruby';
import type { RenderedNotice } from '../../domain/notices/types';

// Same stacks as notices.css: the script's Noto font first, then CJK for the bracketed Japanese terms.
const CJK = '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans"';
const STACKS: Record<string, string> = {
  Japanese: CJK,
  Han: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC"',
  Hangul: '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo"',
  Thai: '"Noto Sans Thai", Thonburi',
  Devanagari: '"Noto Sans Devanagari", "Kohinoor Devanagari"',
  Myanmar: '"Noto Sans Myanmar", Padauk, "Myanmar Sangam MN"',
  Khmer: '"Noto Sans Khmer", "Khmer Sangam MN"',
  Sinhala: '"Noto Sans Sinhala", "Sinhala Sangam MN"',
  Bengali: '"Noto Sans Bengali", "Kohinoor Bangla"',
  Arabic: '"Noto Nastaliq Urdu", "Noto Sans Arabic", "Geeza Pro"',
};

export function fontStack(language: string): string {
  const script = noticeLanguageInfo(language)?.script ?? 'Latin';
  return [STACKS[script], 'system-ui', 'sans-serif', CJK].filter(Boolean).join(', ');
}

/** Breaks text into lines that fit, at word boundaries (Thai, Khmer, Burmese have no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, locale: string): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const lines: string[] = [];
  let line = '';
  for (const { segment } of segmenter.segment(text)) {
    const next = line + segment;
    if (ctx.measureText(next).width <= maxWidth || line === '') {
      line = next;
      continue;
    }
    lines.push(line.trimEnd());
    line = segment.trimStart();
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The notice as a PNG, for share targets that take a picture but no text (or keep the layout).
 * Drawn on a canvas with the same fonts as the page; right to left for Urdu.
 */
export async function noticeImage(notice: RenderedNotice): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const info = noticeLanguageInfo(notice.language);
  const locale = info?.htmlLang ?? notice.language;
  const width = 1080;
  const padding = 64;
  const maxWidth = width - padding * 2;
  const stack = fontStack(notice.language);
  const tall = info?.script === 'Arabic' ? 2.1 : 1.7;
  const blocks: { font: string; size: number; text: string; gap: number }[] = [
    { font: `700 44px ${stack}`, size: 44, text: rubyAsPlainText(notice.title), gap: 32 },
    ...(notice.greeting
      ? [{ font: `400 34px ${stack}`, size: 34, text: rubyAsPlainText(notice.greeting), gap: 20 }]
      : []),
    ...notice.paragraphs.map((text) => ({ font: `400 34px ${stack}`, size: 34, text: rubyAsPlainText(text), gap: 20 })),
    ...notice.footer.map((text) => ({ font: `400 30px ${stack}`, size: 30, text: rubyAsPlainText(text), gap: 12 })),
  ];
  const laid = blocks.map((block) => {
    ctx.font = block.font;
    return { ...block, lines: wrap(ctx, block.text, maxWidth, locale) };
  });
  const height = padding * 2 + laid.reduce((sum, block) => sum + block.lines.length * block.size * tall + block.gap, 0);
  canvas.width = width;
  canvas.height = Math.ceil(height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, canvas.height);
  ctx.fillStyle = '#1b1f24';
  ctx.direction = notice.dir;
  ctx.textAlign = 'start';
  ctx.textBaseline = 'top';
  if ('lang' in ctx) (ctx as { lang: string }).lang = locale;
  const x = notice.dir === 'rtl' ? width - padding : padding;
  let y = padding;
  for (const block of laid) {
    ctx.font = block.font;
    for (const line of block.lines) {
      ctx.fillText(line, x, y + block.size * ((tall - 1) / 2));
      y += block.size * tall;
    }
    y += block.gap;
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
