import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/domain/csv/parse';
import { type CsvPart, CsvSplitError, csvParts, planCsvFile } from './insurer-csv-parts';

const dir = mkdtempSync(join(tmpdir(), 'csv-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '事業所コード,発行No.,氏名,備考';
function file(name: string, lines: string[], encode: (text: string) => Uint8Array = (t) => Buffer.from(t)) {
  const path = join(dir, name);
  writeFileSync(path, encode(`${lines.join('\r\n')}\r\n`));
  return path;
}

async function partsOf(path: string, maxRows: number): Promise<CsvPart[]> {
  const plan = await planCsvFile(path, '2026-11', 't');
  const parts: CsvPart[] = [];
  for await (const part of csvParts(path, plan, maxRows)) parts.push(part);
  return parts;
}

describe('a large insurer CSV as parts of whole offices', () => {
  // Office A: 3 rows, one with a line break inside a quoted cell; B: 2 rows; C: 4 rows.
  const lines = [
    HEADER,
    'A,1,山田 一郎,',
    'A,2,"山田 ""花子""","改行',
    'ここまで"',
    'A,3,山田 次郎,',
    'B,4,佐藤 一郎,',
    'B,5,佐藤 二郎,',
    'C,6,鈴木 一郎,',
    'C,7,鈴木 二郎,',
    'C,8,鈴木 三郎,',
    'C,9,鈴木 四郎,',
  ];

  it('never splits an office, keeps the file’s text, and maps a part’s lines and rows back to the file’s', async () => {
    const path = file('sorted.csv', lines);
    expect(await planCsvFile(path, '2026-11', 't')).toMatchObject({ encoding: 'utf-8', rows: 9, offices: 3 });
    const parts = await partsOf(path, 5);
    // A+B = 5 rows fit; C (4) is the next part.
    expect(parts.map((p) => p.rows)).toEqual([5, 4]);
    const [first, second] = parts as [CsvPart, CsvPart];
    const records = parseCsv(first.body);
    expect(records[0]?.fields).toEqual(HEADER.split(','));
    expect(records[2]?.fields).toEqual(['A', '2', '山田 "花子"', '改行\nここまで']);
    // Part 2's line 2 is the file's line 8 (C,6); its data row 3 is the file's row 8.
    expect(parseCsv(second.body)[1]?.fields[1]).toBe('6');
    expect(second.fileLine(2)).toBe(8);
    expect(second.fileRow(3)).toBe(8);
    // In part 1, B,4 sits on line 5 (after the two-line record) as in the file.
    expect(first.fileLine(5)).toBe(5);
    expect(first.fileLine(4)).toBe(4);
  });

  it('an office larger than a part is a part of its own', async () => {
    const parts = await partsOf(file('big-office.csv', lines), 2);
    expect(parts.map((p) => p.rows)).toEqual([3, 2, 4]);
  });

  it('refuses, before sending anything, a file whose office’s rows are not together', async () => {
    const path = file('unsorted.csv', [HEADER, 'A,1,x,', 'B,2,y,', 'A,3,z,']);
    await expect(planCsvFile(path, '2026-11', 't')).rejects.toThrow(CsvSplitError);
    await expect(planCsvFile(path, '2026-11', 't')).rejects.toThrow(/line 4/);
  });

  it('reads a Shift_JIS file and sends it as UTF-8; the same file gives the same digest', async () => {
    const sjis = (text: string) => {
      // The few characters used here, as Shift_JIS bytes, from the platform's encoder via iconv-free round trip.
      const decoder = new TextDecoder('shift_jis');
      const map = new Map<string, number[]>();
      for (let hi = 0x81; hi <= 0x9f; hi++)
        for (let lo = 0x40; lo <= 0xfc; lo++) map.set(decoder.decode(new Uint8Array([hi, lo])), [hi, lo]);
      return new Uint8Array(
        [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (map.get(ch) ?? [0x3f]))),
      );
    };
    const path = file('sjis.csv', ['事業所コード,発行No.,氏名', 'A,1,山田', 'B,2,佐藤'], sjis);
    const plan = await planCsvFile(path, '2026-11', 't');
    expect(plan).toMatchObject({ encoding: 'shift_jis', rows: 2, offices: 2 });
    expect((await planCsvFile(path, '2026-11', 't')).digest).toBe(plan.digest);
    const [part] = await partsOf(path, 10);
    expect(parseCsv(part?.body ?? '').map((r) => r.fields)).toEqual([
      ['事業所コード', '発行No.', '氏名'],
      ['A', '1', '山田'],
      ['B', '2', '佐藤'],
    ]);
  });
});
