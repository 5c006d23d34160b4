import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { NOTICE_LANGUAGE_INFO } from '../../src/domain/notices/languages';

/**
 * No missing glyphs (tofu) in any notice language, in Chromium with the Noto fonts CI installs.
 *
 * 1. Every character of the language's locale file is drawn on a canvas with the font stack the
 *    notice block actually gets (computed style), and its bitmap compared with the .notdef bitmap
 *    of that stack, obtained by drawing code points no font has (plane-15 private use). Equal
 *    bitmaps = tofu. Controls: other unassigned code points draw the same (the reference is
 *    .notdef, not a glyph); an assigned character no installed font covers (U+18B00) is caught;
 *    a Latin letter is not (the comparison can tell them apart).
 * 2. The DevTools protocol says which platform fonts rendered the notice's text: the script's Noto
 *    font must be among them (so the text is not drawn by a fallback that happens to have boxes).
 * 3. A screenshot per language is attached to the report.
 */

// The font that must draw each script (fonts-noto-core, fonts-noto-cjk).
const EXPECTED_FONT: Record<string, RegExp | null> = {
  Japanese: /Noto Sans CJK JP/,
  Han: /Noto Sans CJK SC/,
  Hangul: /Noto Sans CJK KR/,
  Thai: /Noto Sans Thai/,
  Devanagari: /Noto Sans Devanagari/,
  Myanmar: /Noto Sans Myanmar/,
  Khmer: /Noto Sans Khmer/,
  Sinhala: /Noto Sans Sinhala/,
  Bengali: /Noto Sans Bengali/,
  Arabic: /Noto Nastaliq Urdu/,
  Latin: null,
  Cyrillic: null,
};

function localeCharacters(code: string): string[] {
  const locale = JSON.parse(readFileSync(new URL(`../../locales/notices/${code}.json`, import.meta.url), 'utf8'));
  const text = JSON.stringify(locale).replace(/\{\{\w+\}\}/g, '');
  // Spaces and invisible format characters (ZWJ, ZWNJ in Sinhala, Bengali, Urdu) draw nothing by design.
  return [...new Set([...JSON.parse(JSON.stringify(text))])].filter((ch) => !/[\s\p{Cf}"\\]/u.test(ch));
}

async function findTofu(page: Page, selector: string, characters: string[]) {
  return page.locator(selector).evaluate((element, chars) => {
    const family = getComputedStyle(element).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 96;
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    const draw = (ch: string) => {
      ctx.clearRect(0, 0, 96, 96);
      ctx.font = `48px ${family}`;
      ctx.textBaseline = 'top';
      ctx.fillStyle = '#000';
      ctx.fillText(ch, 24, 16);
      const data = ctx.getImageData(0, 0, 96, 96).data;
      let bits = '';
      for (let i = 3; i < data.length; i += 4) bits += (data[i] as number) > 127 ? '1' : '0';
      return `${Math.round(ctx.measureText(ch).width * 10)}:${bits}`;
    };
    const notdef = draw('\u{F0000}');
    const tofu = chars.filter((ch) => draw(ch) === notdef);
    return {
      family,
      notdefIsStable: draw('\u{F0FF0}') === notdef && draw('\u{10FFFD}') === notdef,
      latinIsNotTofu: draw('A') !== notdef,
      // U+18B00 (Khitan Small Script) is assigned but no installed font has it: it must be caught.
      missingIsCaught: draw('\u{18B00}') === notdef,
      notdefInked: notdef.includes('1'),
      tofu,
    };
  }, characters);
}

async function platformFonts(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  const fonts = new Map<string, number>();
  for (const nodeId of nodeIds) {
    const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    for (const font of used) fonts.set(font.familyName, (fonts.get(font.familyName) ?? 0) + font.glyphCount);
  }
  await cdp.detach();
  return fonts;
}

for (const info of NOTICE_LANGUAGE_INFO) {
  test(`no missing glyphs: ${info.englishName} (${info.code}, ${info.script})`, async ({ page }, testInfo) => {
    await page.goto(`/n/${info.code}/register_myna`);
    const block = `article[data-notice-language="${info.code}"]`;
    await expect(page.locator(block).getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => document.fonts.ready);

    const characters = localeCharacters(info.code);
    const result = await findTofu(page, block, characters);
    expect(result.notdefInked, 'the .notdef reference draws a box').toBe(true);
    expect(result.notdefIsStable, 'unassigned code points all draw .notdef').toBe(true);
    expect(result.latinIsNotTofu, 'a real glyph differs from .notdef').toBe(true);
    expect(result.missingIsCaught, 'a character without a font is caught').toBe(true);
    expect(result.tofu, `characters drawn as tofu with ${result.family}`).toEqual([]);

    const fonts = await platformFonts(page, `${block} h1, ${block} p`);
    const expected = EXPECTED_FONT[info.script];
    if (expected)
      expect(
        [...fonts.keys()].some((name) => expected.test(name)),
        [...fonts.keys()].join(', '),
      ).toBe(true);

    await testInfo.attach(`${info.code}.png`, {
      body: await page.locator(block).screenshot(),
      contentType: 'image/png',
    });
    await testInfo.attach(`${info.code}-fonts.json`, {
      body: JSON.stringify({ characters: characters.length, family: result.family, fonts: Object.fromEntries(fonts) }),
      contentType: 'application/json',
    });
  });
}
