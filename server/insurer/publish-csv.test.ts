import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishResponse } from '../../src/api/insurer-schemas';
import type { Problem } from '../../src/api/schemas';
import { freshApp, type TestApp } from '../testing/fresh-app';
import { staffClient } from './staff-api';

let t: TestApp;
let staff: ReturnType<typeof staffClient>;
let token: string;
beforeEach(async () => {
  t = await freshApp();
  staff = staffClient(t.app);
  token = await staff.signIn('minato');
  await enrol('CSV-A', '01-イロハ', '12345');
  await enrol('CSV-B', '02-ニホ', '777');
});
afterEach(async () => {
  await t.db.close();
});

async function enrol(code: string, officeSymbol: string, officeNumber: string) {
  const res = await staff.call('POST', '/offices', token, {
    code,
    officeSymbol,
    officeNumber,
    name: `${code} 株式会社`,
    address: '東京都港区芝公園1-1-1',
  });
  expect(res.status).toBe(201);
}

const query = `?period=2026-11&title=${encodeURIComponent('2026年11月分 回収対象者一覧')}`;
const postCsv = (body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = {}, q = query) =>
  t.app.request(`/api/v1/insurer/publish${q}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Authorization: `Bearer ${token}`, ...headers },
    body,
  });

const HEADER =
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const GOOD_A = 'CSV-A,U-0001,1001,501,00,山田 一郎,やまだ いちろう,1980/4/1,男,本人,,資格喪失,2026/11/16,2025/12/2,';
const GOOD_A2 =
  'CSV-A,U-0002,1001,501,01,山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,S57.3.5,女,家族,山田 一郎,被扶養者削除,2026/11/16,2025/12/2,';
const GOOD_B =
  'CSV-B,U-0003,2002,88,00,佐藤 三郎,サトウ サブロウ,1975-01-20,1,本人,,マイナ保険証取得,,2025/12/2,2026/12/15';

async function items(officeCode: string) {
  const found = await t.db.query<{ issue_no: string; reason: string; due_date: unknown; kana: string }>(
    `select i.issue_no, i.reason, i.due_date::text as due_date, m.kana from recall_items i
       join offices o on o.id = i.office_id join members m on m.id = i.member_id
      where o.code = $1 order by i.issue_no`,
    [officeCode],
  );
  return found.rows;
}

describe('publish a CSV', () => {
  it('publishes one list per office named in the file, mapping values as the tablet’s import does; the same file again publishes once', async () => {
    const body = csv(GOOD_A, GOOD_A2, GOOD_B);
    const first = await postCsv(body);
    expect(first.status, await first.clone().text()).toBe(201);
    const answer = (await first.json()) as PublishResponse;
    expect(answer.offices.map((o) => [o.officeCode, o.items, o.published])).toEqual([
      ['CSV-A', 2, true],
      ['CSV-B', 1, true],
    ]);
    // 被扶養者削除 → lost_eligibility (labels.ts), hiragana and half-width フリガナ → katakana.
    expect(await items('CSV-A')).toEqual([
      { issue_no: 'U-0001', reason: 'lost_eligibility', due_date: '2026-11-20', kana: 'ヤマダ イチロウ' },
      { issue_no: 'U-0002', reason: 'lost_eligibility', due_date: '2026-11-20', kana: 'ヤマダ ハナコ' },
    ]);
    expect((await items('CSV-B'))[0]).toMatchObject({ reason: 'got_myna', due_date: '2026-12-15' });

    const again = await postCsv(body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as PublishResponse).offices.every((o) => !o.published)).toBe(true);
    expect(await items('CSV-A')).toHaveLength(2);
  });

  it('reads Excel’s Shift_JIS (CP932) file and offices named by 事業所整理記号・事業所番号', async () => {
    const bytes = new Uint8Array(
      readFileSync(new URL('../../tests/fixtures/csv/insurer-publish-sjis.csv', import.meta.url)),
    );
    expect(bytes.includes(0xef)).toBe(false); // really not UTF-8 with a BOM
    const res = await postCsv(bytes, { 'Content-Type': 'text/csv' });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as PublishResponse).offices.map((o) => [o.officeCode, o.items])).toEqual([
      ['CSV-A', 2],
      ['CSV-B', 1],
    ]);
    const names = await t.db.query<{ name: string }>(
      `select m.name from members m join offices o on o.id = m.office_id where o.code = 'CSV-B'`,
    );
    expect(names.rows[0]?.name).toBe('﨑山 三郎');
  });

  it('answers every bad row with its row, line and code, and publishes nothing for any office', async () => {
    const body = csv(
      GOOD_A,
      'CSV-A,U-0002,1001,502,00,山田 二郎,ヤマダ ジロウ,1980-13-45,男,本人,,資格喪失,2026/11/16,2025/12/2,',
      GOOD_B,
      'CSV-B,U-0004,2002,89,00,佐藤 四郎,サトウ シロウ,1975-01-20,男,本人,,引っ越し,,2025/12/2,2026/12/15',
      'DEMO-2,U-0005,2002,90,00,佐藤 五郎,サトウ ゴロウ,1975-01-20,男,本人,,資格喪失,2026/11/16,2025/12/2,',
      ',U-0006,2002,91,00,佐藤 六郎,サトウ ロクロウ,1975-01-20,男,本人,,資格喪失,2026/11/16,2025/12/2,',
    );
    const res = await postCsv(body);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('rows_invalid');
    expect(problem.errors?.map((e) => [e.path, e.line, e.code])).toEqual([
      ['rows.2.birthDate', 3, 'invalid_date'],
      ['rows.4.reason', 5, 'unknown_reason'],
      // DEMO-2 is another insurer's office: named like an unknown one.
      ['rows.5.officeCode', 6, 'unknown_office'],
      ['rows.6.officeCode', 7, 'required'],
    ]);
    expect(await items('CSV-A')).toEqual([]);
    expect(await items('CSV-B')).toEqual([]);
  });

  it('refuses a file without the columns every row needs, a file that is no CSV, and a missing title', async () => {
    const noOffice = await postCsv(`${HEADER.replace('事業所コード,', '')}\r\n${GOOD_A.replace('CSV-A,', '')}\r\n`);
    expect(noOffice.status).toBe(422);
    const missing = (await noOffice.json()) as Problem;
    expect(missing.code).toBe('missing_columns');
    expect(missing.detail).toContain('事業所コード');

    const png = await postCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    expect(png.status).toBe(422);
    expect(((await png.json()) as Problem).errors?.[0]).toMatchObject({ path: 'file', code: 'not_csv' });

    const noTitle = await postCsv(csv(GOOD_A), {}, '?period=2026-11');
    expect(noTitle.status).toBe(400);
    expect(await items('CSV-A')).toEqual([]);
  });

  it('checks one 発行No. per office across the file’s rows, and one member’s data on every row', async () => {
    const res = await postCsv(
      csv(GOOD_A, GOOD_A.replace('山田 一郎,やまだ', '山田 一朗,やまだ').replace('U-0001', 'U-0009'), GOOD_A),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.map((e) => [e.path, e.code])).toEqual([['rows.3.issueNo', 'duplicate_issue_no_in_file']]);
    const person = await postCsv(
      csv(GOOD_A, GOOD_A.replace('山田 一郎,やまだ', '山田 一朗,やまだ').replace('U-0001', 'U-0009')),
    );
    expect(person.status).toBe(422);
    expect(((await person.json()) as Problem).errors?.map((e) => [e.path, e.line, e.code])).toEqual([
      ['rows.2.name', 3, 'member_differs'],
    ]);
  });
  it('publishes the OpenAPI document’s own CSV example', async () => {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { example: string }> } } }>;
    };
    const example = doc.paths['/insurer/publish']?.post.requestBody.content['text/csv']?.example as string;
    expect(example).toContain('事業所コード');
    const res = await postCsv(example);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(((await res.json()) as PublishResponse).offices.map((o) => [o.officeCode, o.items])).toEqual([
      ['DEMO-1', 2],
    ]);
  });
});
