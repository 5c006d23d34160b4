import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { readWithLibrary, readXlsxRecords } from './read-xlsx';
import { readPlainWorkbook } from './xlsx-fast';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook as a spreadsheet program zips it: the parts read-excel-file and xlsx-fast.ts read. */
function workbook(sheets: Record<string, string>, options: { shared?: string[]; date1904?: boolean } = {}) {
  const names = Object.keys(sheets);
  const files: Record<string, Uint8Array> = {
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN} xmlns:r="${REL}"><workbookPr date1904="${options.date1904 ? '1' : '0'}"/><sheets>${names
        .map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>${names
        .map((_, i) => `<Relationship Id="rId${i + 3}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}</Relationships>`,
    ),
    // Styles: 0 General, 1 a built-in date (14), 2 a custom date (yyyy\-mm\-dd), 3 a custom number.
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${MAIN}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="#,##0&quot;円&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0"/><xf numFmtId="164" xfId="0"/><xf numFmtId="165" xfId="0"/></cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst ${MAIN}>${(options.shared ?? []).join('')}</sst>`,
    ),
  };
  names.forEach((name, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN}><dimension ref="A1"/><sheetData>${sheets[name]}</sheetData></worksheet>`,
    );
  });
  const zipped = zipSync(files);
  return zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer;
}

const SHARED = [
  '<si><t>発行No.</t></si>',
  // Excel keeps furigana as phonetic runs: not part of the text.
  '<si><r><t>髙橋</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 一郎</t></r><rPh sb="0" eb="2"><t>タカハシ</t></rPh></si>',
  '<si><t xml:space="preserve">  ﾔﾏﾀﾞ &amp; 﨑_x000D_  </t></si>',
  '<si><t>昭和50年4月1日</t></si>',
];

const sheetOfEveryKind = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>氏名 &lt;全角&gt;</t></is></c></row>',
  '<row r="2"><c r="A2" s="3"><v>1234567</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>45962</v></c>',
  '<c r="D2" s="2"><v>27485.75</v></c><c r="F2" t="b"><v>1</v></c><c r="G2" t="str"><f>A2&amp;""</f><v>1234567</v></c></row>',
  // Row 3 has no cells; row 4 an error, an empty string and a value left of a gap.
  '<row r="4"><c r="A4" t="e"><v>#DIV/0!</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" t="s"><v>3</v></c><c r="E4"/></row>',
].join('');

describe('readPlainWorkbook (the quick way)', () => {
  it('reads the LibreOffice fixture itself, to the same records as read-excel-file', async () => {
    const bytes = readFileSync(new URL('../../../tests/fixtures/import/twin.xlsx', import.meta.url));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const plain = await readPlainWorkbook(new Uint8Array(buffer));
    expect(plain).not.toBeNull();
    const library = await readWithLibrary(buffer);
    expect(plain?.rows).toEqual(library.records.map((record) => record.fields));
    expect(plain?.sheets).toEqual(library.sheets);
  });

  it('inflates with fflate where the browser cannot inflate raw DEFLATE itself', async () => {
    const buffer = workbook({ 一覧: sheetOfEveryKind }, { shared: SHARED });
    const native = await readPlainWorkbook(new Uint8Array(buffer));
    vi.stubGlobal(
      'DecompressionStream',
      class {
        constructor() {
          throw new TypeError('deflate-raw is not supported');
        }
      },
    );
    try {
      expect(await readPlainWorkbook(new Uint8Array(buffer))).toEqual(native);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(native?.rows[1]?.[1]).toBe('髙橋 一郎');
  });

  it('gives every kind of cell the text read-excel-file gives it', async () => {
    const buffer = workbook({ 一覧: sheetOfEveryKind }, { shared: SHARED });
    const plain = await readPlainWorkbook(new Uint8Array(buffer));
    expect(plain?.rows).toEqual([
      ['発行No.', '氏名 <全角>', '', '', '', '', ''],
      ['1234567', '髙橋 一郎', '2025-11-01', '1975-04-01', '', 'true', '1234567'],
      ['', '', '', '', '', '', ''],
      ['', 'ﾔﾏﾀﾞ & 﨑', '昭和50年4月1日', '', '', '', ''],
    ]);
    const library = await readWithLibrary(buffer);
    expect(plain?.rows).toEqual(library.records.map((record) => record.fields));
  });

  it('counts dates from 1904 in a workbook of the 1904 system', async () => {
    const buffer = workbook({ s: '<row r="1"><c r="A1" s="1"><v>44500</v></c></row>' }, { date1904: true });
    expect((await readPlainWorkbook(new Uint8Array(buffer)))?.rows).toEqual([['2025-11-01']]);
    expect((await readWithLibrary(buffer)).records[0]?.fields).toEqual(['2025-11-01']);
  });

  it('reads the sheet the clerk picked', async () => {
    const buffer = workbook({
      first: '<row r="1"><c r="A1" t="inlineStr"><is><t>一</t></is></c></row>',
      second: '<row r="1"><c r="A1" t="inlineStr"><is><t>二</t></is></c></row>',
    });
    expect(await readPlainWorkbook(new Uint8Array(buffer), 'second')).toEqual({
      sheets: ['first', 'second'],
      sheet: 'second',
      rows: [['二']],
    });
  });

  it('leaves to read-excel-file what it does not know, which then reads it', async () => {
    const rich = workbook({
      s: '<row r="1"><c r="A1" t="inlineStr"><is><r><t>山</t></r><r><t>田</t></r></is></c><c r="B1"><v>1</v></c></row>',
    });
    const unknownString = workbook({ s: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }, { shared: SHARED });
    const outOfOrder = workbook({ s: '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>' });
    const leapBug = workbook({ s: '<row r="1"><c r="A1" s="1"><v>59</v></c></row>' });
    for (const buffer of [rich, unknownString, outOfOrder, leapBug]) {
      expect(await readPlainWorkbook(new Uint8Array(buffer))).toBeNull();
    }
    // The rich inline string, read by the library all the same.
    expect((await readXlsxRecords(rich)).records[0]?.fields).toEqual(['山田', '1']);
    // A cell read-excel-file itself refuses stays refused.
    await expect(readXlsxRecords(unknownString)).rejects.toMatchObject({ code: 'not_xlsx' });
  });
});
