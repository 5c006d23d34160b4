import { decode, Parser } from 'saxen';
import { unzipParts } from './xlsx-unzip';

/**
 * The quick way through a plain workbook (docs/decisions/031-xlsx-fast-path.md): the workbook's
 * small parts (sheet names, shared strings, number formats) read with saxen, the SAX parser that
 * read-excel-file itself uses; the sheet's cells, 99 % of the work, picked out of `<sheetData>` by
 * one regular expression per cell. It reads only what an import needs, and gives the same text per
 * cell as read-excel-file (read-xlsx.ts): strings trimmed, numbers as JavaScript prints them, a number
 * with a date format as YYYY-MM-DD.
 *
 * It answers `null` for anything outside the plain shape it knows (a cell it cannot account for, a
 * rich-text inline string, a date-typed cell, an unknown shared string or style, a namespace prefix,
 * a day in the 1900 leap-year bug): read-excel-file then reads the whole workbook, as before. So this
 * never decides what a workbook means on its own; it only skips the general parser's cost where the
 * answer is plain.
 */
export type FastSheet = { sheets: string[]; sheet: string; rows: string[][] };

export async function readPlainWorkbook(bytes: Uint8Array, sheetName?: string): Promise<FastSheet | null> {
  // One pass over the ZIP (its entries carry data descriptors, so fflate finds each by scanning):
  // the workbook's XML parts and every sheet, pictures and the like left packed.
  const parts = await unzipParts(
    bytes,
    (name) => (name.startsWith('xl/') && name.endsWith('.xml')) || name === 'xl/_rels/workbook.xml.rels',
  );
  const workbookXml = text(parts.get('xl/workbook.xml'));
  const relsXml = text(parts.get('xl/_rels/workbook.xml.rels'));
  if (workbookXml === null || relsXml === null) return null;
  const workbook = readWorkbook(workbookXml, relsXml);
  const chosen = sheetName === undefined ? workbook.sheets[0] : workbook.sheets.find((s) => s.name === sheetName);
  if (!chosen) return null;
  const sheetXml = text(parts.get(chosen.path));
  if (sheetXml === null) return null;
  const sharedXml = text(parts.get(workbook.sharedStrings));
  const stylesXml = text(parts.get(workbook.styles));
  const shared = sharedXml === null ? [] : readSharedStrings(sharedXml);
  const dateStyles = stylesXml === null ? [] : readDateStyles(stylesXml);
  const rows = readCells(sheetXml, shared, dateStyles, workbook.epoch1904);
  if (!rows) return null;
  return { sheets: workbook.sheets.map((s) => s.name), sheet: chosen.name, rows };
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : null);

/** Every element of `xml` with its attributes, entities decoded (saxen). */
function eachElement(xml: string, onOpen: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new Parser();
  parser.on('openTag', (name, getAttributes) => {
    const attributes = getAttributes();
    for (const key of Object.keys(attributes)) attributes[key] = decode(attributes[key] as string);
    onOpen(name, attributes);
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.parse(xml);
}

type Workbook = {
  sheets: { name: string; path: string }[];
  epoch1904: boolean;
  sharedStrings: string;
  styles: string;
};

function readWorkbook(workbookXml: string, relsXml: string): Workbook {
  const targets = new Map<string, { type: string; path: string }>();
  eachElement(relsXml, (name, attributes) => {
    if (name !== 'Relationship' || !attributes.Id || !attributes.Target) return;
    const target = attributes.Target;
    targets.set(attributes.Id, {
      type: attributes.Type ?? '',
      path: target.startsWith('/') ? target.slice(1) : `xl/${target}`,
    });
  });
  const byType = (suffix: string, fallback: string) =>
    [...targets.values()].find((target) => target.type.endsWith(suffix))?.path ?? fallback;
  const workbook: Workbook = {
    sheets: [],
    epoch1904: false,
    sharedStrings: byType('/sharedStrings', 'xl/sharedStrings.xml'),
    styles: byType('/styles', 'xl/styles.xml'),
  };
  eachElement(workbookXml, (name, attributes) => {
    if (name === 'workbookPr') workbook.epoch1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    if (name !== 'sheet') return;
    const target = targets.get(attributes['r:id'] ?? '');
    if (attributes.name && target) workbook.sheets.push({ name: attributes.name, path: target.path });
  });
  return workbook;
}

/** sharedStrings.xml: each `<si>`'s text, rich-text runs joined, phonetic runs (`<rPh>`, furigana) left out. */
function readSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  const parser = new Parser();
  parser.on('openTag', (name, _attributes, _decode, selfClosing) => {
    if (name === 'si') current = '';
    else if (name === 'rPh') phonetic += selfClosing ? 0 : 1;
    else if (name === 't' && !selfClosing) inText = true;
  });
  parser.on('closeTag', (name, _decode, selfClosing) => {
    if (name === 'si') {
      strings.push(unescapeXlsx(current ?? ''));
      current = null;
    } else if (name === 'rPh' && !selfClosing) phonetic -= 1;
    else if (name === 't') inText = false;
  });
  parser.on('text', (value, decodeEntities) => {
    if (current !== null && inText && phonetic === 0) current += decodeEntities(value);
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.parse(xml);
  return strings;
}

/**
 * styles.xml: for each cell style (`<cellXfs>` entry), whether its number format is a date's. As in
 * read-excel-file's parseStyles: a style without a format of its own takes its base style's
 * (`xfId`, when not 0) by id only, and a custom format (id 100 and up) counts by its code.
 */
function readDateStyles(xml: string): boolean[] {
  const codes = new Map<number, string>();
  const baseFormats: (number | undefined)[] = [];
  const formats: (number | undefined)[] = [];
  let list: 'base' | 'cell' | null = null;
  const parser = new Parser();
  const formatOf = (attributes: Record<string, string>) =>
    attributes.numFmtId === undefined || attributes.numFmtId === '' ? undefined : Number(attributes.numFmtId);
  parser.on('openTag', (name, getAttributes, _decode, selfClosing) => {
    if (name === 'cellStyleXfs') list = selfClosing ? null : 'base';
    else if (name === 'cellXfs') list = selfClosing ? null : 'cell';
    else if (name === 'numFmt') {
      const attributes = getAttributes();
      codes.set(Number(attributes.numFmtId), decode(attributes.formatCode ?? ''));
    } else if (name === 'xf' && list === 'base') baseFormats.push(formatOf(getAttributes()));
    else if (name === 'xf' && list === 'cell') {
      const attributes = getAttributes();
      const own = formatOf(attributes);
      const base = Number(attributes.xfId ?? 0);
      formats.push(own ?? (base ? baseFormats[base] : undefined));
    }
  });
  parser.on('closeTag', (name) => {
    if (name === 'cellStyleXfs' || name === 'cellXfs') list = null;
  });
  parser.on('error', (error) => {
    throw error;
  });
  parser.parse(xml);
  return formats.map(
    (id) => id !== undefined && (BUILT_IN_DATE_FORMATS.has(id) || (id >= 100 && isDateFormatCode(codes.get(id)))),
  );
}

// read-excel-file's own rules (modules/xlsx/isDateFormatStyle.js and isDateFormat.js, MIT), so a
// cell is a date here exactly when it is one there: the built-in date formats (14–22, 45–47, and
// the East Asian locales' 27–36 and 50–58, Thai 71–81), and a custom format made only of date tokens.
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56,
  57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
]);
const DATE_TOKENS = new Set([
  's',
  'ss',
  'm',
  'mm',
  'h',
  'hh',
  'am',
  'pm',
  'a',
  'p',
  'd',
  'dd',
  'ddd',
  'dddd',
  'aaa',
  'aaaa',
  'aaaaa',
  'mmm',
  'mmmm',
  'mmmmm',
  'y',
  'yy',
  'yyyy',
  'e',
  'ee',
  'eeee',
]);

function isDateFormatCode(code: string | undefined): boolean {
  if (!code) return false;
  const template = code.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ');
  return template.split(';').some((part) => {
    const tokens = part
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/)
      .filter(Boolean);
    return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
  });
}

/** `_xHHHH_`: characters XML 1.0 cannot hold, as .xlsx escapes them (ECMA-376 Part 1, §22.9.2.19). */
function unescapeXlsx(value: string): string {
  if (!value.includes('_x')) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * One `<c>` as Excel and LibreOffice write it: `r` first, `s` and `t` next when there (in any other
 * order, or beside other attributes, they are found among the rest), and either
 * nothing, a value (after a formula, if any), or an inline string of one plain `<t>`.
 */
const CELL =
  /<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?((?: [A-Za-z:]+="[^"]*")*) ?(?:\/>|>(?:(?:<f(?: [^>]*)?\/>|<f(?: [^>]*)?>[^<]*<\/f>)?(?:<v>([^<]*)<\/v>|<v\/>)?|<is><t(?: [^>]*)?>([^<]*)<\/t><\/is>)<\/c>)/g;
/** Every element named c, whatever it holds: each must be one the pattern above took. */
const ANY_CELL = /<c[\s>/]/g;

/** An attribute's value in a `<c>`'s attribute text (which the pattern above has checked is well formed). */
function attribute(text: string, name: string): string | undefined {
  const at = text.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 3;
  return text.slice(start, text.indexOf('"', start));
}
const DAY_MS = 86_400_000;
/** Days from the 1900 system's day 0 to 1970-01-01 (read-excel-file's parseExcelTimestamp). */
const UNIX_EPOCH_SERIAL = 25_569;

function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i++) column = column * 26 + letters.charCodeAt(i) - 64;
  return column;
}

/**
 * The sheet's rows, each cell as text, shaped as read-excel-file shapes them: a row per sheet row
 * from the first to the last one with a value, every row as wide as the widest, '' for an empty cell.
 * Null when the sheet is not of the plain shape (see above).
 */
function readCells(xml: string, shared: string[], dateStyles: boolean[], epoch1904: boolean): string[][] | null {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return null;
  const end = xml.indexOf('</sheetData>', start);
  const data = end < 0 ? xml.slice(start) : xml.slice(start, end);
  const rows: string[][] = [];
  let width = 0;
  let found = 0;
  let lastRow = 0;
  let lastColumn = 0;
  const dates = new Map<number, string | null>();
  CELL.lastIndex = 0;
  for (let match = CELL.exec(data); match !== null; match = CELL.exec(data)) {
    found++;
    const [, letters = '', digits = '', styleFirst, typeFirst, rest = '', v, inline] = match;
    const row = Number(digits);
    const column = columnNumber(letters);
    // Cells in order, as the format demands; read-excel-file refuses others, so it decides.
    if (row < lastRow || (row === lastRow && column <= lastColumn)) return null;
    lastRow = row;
    lastColumn = column;
    const type = typeFirst ?? (rest ? attribute(rest, 't') : undefined) ?? 'n';
    const styleText = styleFirst ?? (rest ? attribute(rest, 's') : undefined);
    const style = styleText === undefined ? -1 : Number(styleText);
    const value = cellValue(type, style, v, inline, shared, dateStyles, epoch1904, dates);
    if (value === null) return null;
    if (value === '') continue;
    let cells = rows[row - 1];
    if (!cells) {
      cells = [];
      rows[row - 1] = cells;
    }
    while (cells.length < column - 1) cells.push('');
    cells.push(value);
    if (column > width) width = column;
  }
  // A cell the pattern did not take (another attribute order, a rich inline string, a prefix): not plain.
  if (found !== (data.match(ANY_CELL)?.length ?? 0)) return null;
  const sheet: string[][] = Array.from(rows, (cells) => cells ?? []);
  for (const cells of sheet) while (cells.length < width) cells.push('');
  return sheet;
}

/** A cell's text; '' when empty; null when read-excel-file should decide (see readPlainWorkbook). */
function cellValue(
  type: string,
  style: number,
  v: string | undefined,
  inline: string | undefined,
  shared: string[],
  dateStyles: boolean[],
  epoch1904: boolean,
  dates: Map<number, string | null>,
): string | null {
  switch (type) {
    case 's': {
      const string = v ? shared[Number(v)] : undefined;
      return string === undefined ? null : string.trim();
    }
    case 'str':
      return v === undefined ? '' : unescapeXlsx(decode(v)).trim();
    case 'inlineStr':
      return inline === undefined ? null : unescapeXlsx(decode(inline)).trim();
    case 'b':
      return v === '1' ? 'true' : v === '0' ? 'false' : null;
    case 'e':
      return '';
    case 'n': {
      if (!v) return '';
      const number = Number(v);
      if (Number.isNaN(number)) return null;
      // No `s`: a number. An `s` read-excel-file would not find: it decides.
      if (style < 0) return String(number);
      const isDate = dateStyles[style];
      if (isDate === undefined) return null;
      if (!isDate) return String(number);
      // A list's dates repeat: each serial is turned into text once.
      let date = dates.get(number);
      if (date === undefined) {
        date = serialDate(number, epoch1904);
        dates.set(number, date);
      }
      return date;
    }
    default:
      return null;
  }
}

function serialDate(serial: number, epoch1904: boolean): string | null {
  const days = epoch1904 ? serial + 1_462 : serial;
  // Up to 1900-02-28 the 1900 system's leap-year bug shifts days: read-excel-file decides those.
  if (days < 61) return null;
  const date = new Date(Math.floor((days - UNIX_EPOCH_SERIAL) * DAY_MS));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}
