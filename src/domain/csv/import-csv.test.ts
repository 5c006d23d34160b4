import { describe, expect, it } from 'vitest';
import { CSV_ERROR_CODES, CSV_FILE_ERROR_CODES, CSV_ROW_ERROR_CODES } from './errors';
import { toExcelCsvBytes } from './export';
import { fixture } from './fixtures.test-helper';
import { parseRecallCsv } from './import-csv';
import { oldCardKey, rowKey } from './row-key';

const today = '2025-12-15';
const encode = (text: string) => new TextEncoder().encode(text);
const HEADER =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限';

describe('parseRecallCsv with the fixtures', () => {
  it.each([
    ['recall-utf8.csv', 'utf-8'],
    ['recall-utf8-bom.csv', 'utf-8-bom'],
    ['recall-sjis.csv', 'shift_jis'],
  ])('imports %s (%s) with every tricky name intact', (file, encoding) => {
    const result = parseRecallCsv(fixture(file), { today });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.encoding).toBe(encoding);
    expect(result.rows).toHaveLength(9);
    expect(result.toAdd).toHaveLength(9);
    const names = result.rows.map((r) => r.person.name);
    expect(names).toContain('髙橋 一郎');
    expect(names).toContain('山﨑 花子');
    expect(names).toContain('齋藤 健');
    expect(names).toContain('渡邊 美咲');
    expect(names).toContain('グエン・ヴァン・アン');
    expect(names).toContain('Maria Santos Oliveira');
    expect(names).toContain('<img src=x onerror=alert(1)>');
    expect(names).toContain(encoding === 'shift_jis' ? '吉野 太郎' : '\u{20BB7}野 太郎');

    const hanako = result.rows.find((r) => r.issueNo === '100000002');
    expect(hanako).toMatchObject({
      relation: 'dependant',
      reason: 'lost_eligibility',
      lossDate: '2025-12-01',
      dueDate: '2025-12-05',
      issuedOn: '2024-12-02',
      person: { kana: 'ヤマサキ ハナコ', branch: '01', insuredName: '髙橋 一郎', birthDate: '1980-04-01' },
    });
    expect(result.rows.find((r) => r.issueNo === '100000003')?.person.kana).toBe('ヨシノ タロウ');
    expect(result.rows.find((r) => r.issueNo === '100000005')).toMatchObject({
      documentKind: 'old_card',
      reason: 'old_card',
      issuedOn: '2018-04-01',
    });
  });

  it('recognises a re-import of the same list and adds nothing twice', () => {
    const first = parseRecallCsv(fixture('recall-utf8.csv'), { today });
    if (!first.ok) throw new Error('first import failed');
    const held = new Set(first.toAdd.map((r) => r.issueNo));
    // The same list saved again as Shift_JIS by Excel: same 発行No., so nothing new.
    const again = parseRecallCsv(fixture('recall-sjis.csv'), { today, existingIssueNos: held });
    expect(again.ok && again.toAdd).toEqual([]);
    expect(again.ok && again.alreadyPresent.length).toBe(9);
  });

  it('asks for a column mapping when required columns are missing', () => {
    const result = parseRecallCsv(fixture('recall-missing-columns.csv'));
    expect(result).toMatchObject({
      ok: false,
      error: 'missing_columns',
      encoding: 'utf-8',
      headers: ['発行No.', '氏名', 'フリガナ', '回収理由'],
      suggestedMapping: { issueNo: 0, name: 1, kana: 2, reason: 3 },
      missingColumns: ['symbol', 'number', 'branch', 'birthDate', 'sex', 'issuedOn'],
    });
  });

  it('sets the rows with errors aside, with every reason, and keeps the ready ones', () => {
    const result = parseRecallCsv(fixture('recall-row-errors.csv'), { today });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.rowErrorCount).toBe(3);
    expect(result.rowErrors.map((e) => [e.row, e.line, e.column, e.code, e.value])).toEqual([
      [2, 3, '生年月日', 'invalid_date', '2025-02-30'],
      [3, 4, '枝番', 'invalid_branch', '123'],
      [4, 5, '回収理由', 'unknown_reason', '引っ越し'],
    ]);
    expect(result.setAside.map((r) => [r.line, r.errors.map((e) => e.code)])).toEqual([
      [3, ['invalid_date']],
      [4, ['invalid_branch']],
      [5, ['unknown_reason']],
    ]);
    expect(result.setAside[2]?.cells).toContain('引っ越し');
    expect(result.toAdd.map((r) => r.line)).not.toContain(3);
    expect(result.unknownValues).toEqual([{ field: 'reason', key: '引っ越し', value: '引っ越し', count: 1 }]);
  });

  it('refuses a PNG as not_csv', () => {
    expect(parseRecallCsv(fixture('not-csv.png'))).toEqual({ ok: false, error: 'not_csv' });
  });

  it('refuses a file that is neither UTF-8 nor Shift_JIS', () => {
    expect(parseRecallCsv(fixture('invalid-encoding.csv'))).toEqual({ ok: false, error: 'wrong_encoding' });
  });
});

describe('parseRecallCsv', () => {
  const good = (no: number) =>
    `${no},5115,${no},00,山田 ${no},ヤマダ,1980-01-01,男,本人,,,マイナ保険証取得,,2025-12-01,,`;

  it('imports with an explicit mapping for other headers', () => {
    const text =
      'No,Kigo,Bango,Eda,Shimei,Kana,Birth,Sex,Why,Issued,Memo\n7,1,2,0,山田 太郎,やまだ たろう,1980-01-01,M,喪失,2025-11-01,x\n';
    const missing = parseRecallCsv(encode(text), { today });
    expect(missing).toMatchObject({ ok: false, error: 'missing_columns' });
    const mapping = {
      issueNo: 0,
      symbol: 1,
      number: 2,
      branch: 3,
      name: 4,
      kana: 5,
      birthDate: 6,
      sex: 7,
      reason: 8,
      issuedOn: 9,
    };
    // 喪失 needs a loss date; map 10 columns, and the row error says so.
    expect(parseRecallCsv(encode(text), { today, mapping })).toMatchObject({
      ok: true,
      toAdd: [],
      rowErrors: [{ row: 1, field: 'lossDate', code: 'required' }],
    });
    const fixed = text.replace('喪失', 'マイナ保険証');
    const result = parseRecallCsv(encode(fixed), { today, mapping });
    expect(result.ok && result.rows[0]).toMatchObject({
      issueNo: '7',
      person: { branch: '00', kana: 'ヤマダ タロウ', sex: 'male' },
      reason: 'got_myna',
      dueDate: '2026-01-01',
    });
  });

  it('refuses a mapping that points outside the file or twice at one column', () => {
    const text = `${HEADER}\n${good(1)}\n`;
    expect(parseRecallCsv(encode(text), { mapping: { issueNo: 99 } })).toMatchObject({ error: 'invalid_mapping' });
    expect(parseRecallCsv(encode(text), { mapping: { issueNo: 0, name: 0 } })).toMatchObject({
      error: 'invalid_mapping',
    });
  });

  it('reads quoted fields with commas, quotes and line breaks', () => {
    const text = `${HEADER}\r\n1,5115,1,00,"Santos, ""Maria""",サントス マリア,1988-08-08,女,本人,,,マイナ保険証取得,,2025-12-01,,\r\n${good(2)}\r\n`;
    const result = parseRecallCsv(encode(text), { today });
    expect(result.ok && result.rows.map((r) => r.person.name)).toEqual(['Santos, "Maria"', '山田 2']);
  });

  it('makes a line break in a name a space, with a warning at the line where the row starts', () => {
    const text = `${HEADER}\n${good(1)}\n2,5115,2,00,"山田\n太郎",ヤマダ,1980-01-01,男,本人,,,マイナ保険証取得,,2025-12-01,,\n${good(3)}\n`;
    const result = parseRecallCsv(encode(text), { today });
    expect(result).toMatchObject({
      ok: true,
      rowErrorCount: 0,
      warnings: [{ row: 2, line: 3, field: 'name', code: 'line_break_replaced', value: '山田[U+000A]太郎' }],
    });
    expect(result.ok && result.rows.map((r) => [r.line, r.person.name])).toEqual([
      [2, '山田 1'],
      [3, '山田 太郎'],
      [5, '山田 3'],
    ]);
  });

  it('imports the six good rows of a hostile eight and sets two aside (issue 17)', () => {
    const rows = [
      good(1),
      '2,5115,2,00,"佐藤\r\n花子",サトウ ハナコ,1980-01-01,女,本人,,,マイナ保険証取得,,2025-12-01,,',
      '3,5115,3,00,\u202e郎太田山,ヤマダ,1980-01-01,男,本人,,,マイナ保険証取得,,2025-12-01,,',
      good(4),
      '5,5115,5,00,鈴木\u0007,スズキ,1980-01-01,男,本人,,,マイナ保険証取得,,2025-12-01,,',
      good(6),
      '7,5115,7,00,田中,タナカ,1980-13-01,男,本人,,,マイナ保険証取得,,2025-12-01,,',
      good(8),
    ];
    const result = parseRecallCsv(encode(`${HEADER}\r\n${rows.join('\r\n')}\r\n`), { today });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.toAdd.map((r) => r.issueNo)).toEqual(['1', '2', '3', '4', '6', '8']);
    expect(result.toAdd[1]?.person.name).toBe('佐藤 花子');
    expect(result.toAdd[2]?.person.name).toBe('郎太田山');
    expect(result.warnings.map((w) => [w.line, w.code])).toEqual([
      [3, 'line_break_replaced'],
      [5, 'bidi_removed'],
    ]);
    expect(result.setAside.map((r) => [r.line, r.errors.map((e) => e.code)])).toEqual([
      [7, ['control_characters']],
      [9, ['invalid_date']],
    ]);
  });

  it("maps an insurer's own wordings: the seeds' by default, others by the clerk's answer", () => {
    const row = (no: number, reason: string, relation = '本人', sex = '男') =>
      `${no},5115,${no},00,山田,ヤマダ,1980-01-01,${sex},${relation},山田,,${reason},2025-11-30,2025-12-01,,`;
    const text = [
      HEADER,
      row(1, '被扶養者削除', '家族'),
      row(2, '新しい資格確認書の交付'),
      row(3, '健康保険証（令和７年１２月１日以前喪失）'),
      row(4, '任継移行'),
      row(5, '任継移行', '本人', 'おとこ'),
    ].join('\n');
    const first = parseRecallCsv(encode(text), { today });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.toAdd.map((r) => [r.issueNo, r.reason, r.relation])).toEqual([
      ['1', 'lost_eligibility', 'dependant'],
      ['2', 'superseded', 'self'],
      ['3', 'old_card', 'self'],
    ]);
    expect(first.unknownValues).toEqual([
      { field: 'reason', key: '任継移行', value: '任継移行', count: 2 },
      { field: 'sex', key: 'おとこ', value: 'おとこ', count: 1 },
    ]);
    const valueMapping = { reason: { 任継移行: 'lost_eligibility' }, sex: { おとこ: 'male' } };
    const second = parseRecallCsv(encode(text), { today, valueMapping });
    expect(second.ok && second.setAside).toEqual([]);
    expect(second.ok && second.toAdd.map((r) => r.reason)).toEqual([
      'lost_eligibility',
      'superseded',
      'old_card',
      'lost_eligibility',
      'lost_eligibility',
    ]);
  });

  it('imports a generated 10,000-row list', () => {
    const text = `${HEADER}\n${Array.from({ length: 10_000 }, (_, i) => good(i + 1)).join('\n')}\n`;
    const result = parseRecallCsv(encode(text), { today, existingIssueNos: new Set(['5', '10000']) });
    expect(result.ok && result.rows.length).toBe(10_000);
    expect(result.ok && result.toAdd.length).toBe(9_998);
    expect(result.ok && result.alreadyPresent.map((r) => r.issueNo)).toEqual(['5', '10000']);
  });

  it('refuses more than 20,000 rows', () => {
    const text = `${HEADER}\n${`${good(1)}\n`.repeat(20_001)}`;
    expect(parseRecallCsv(encode(text))).toEqual({
      ok: false,
      error: 'too_many_rows',
      encoding: 'utf-8',
      source: { kind: 'csv', encoding: 'utf-8' },
    });
  });

  it('sets every bad row aside, however many', () => {
    const bad = '1,5115,1,00,山田,ヤマダ,nope,男,本人,,,マイナ保険証取得,,2025-12-01,,';
    const text = `${HEADER}\n${Array.from({ length: 1500 }, (_, i) => bad.replace(/^1,/, `${i + 1},`)).join('\n')}\n`;
    const result = parseRecallCsv(encode(text), { today });
    expect(result).toMatchObject({ ok: true, rowErrorCount: 1500, toAdd: [] });
    expect(result.ok && result.setAside.length).toBe(1500);
  });

  it('needs at least one data row', () => {
    expect(parseRecallCsv(encode(`${HEADER}\n,,,\n`))).toMatchObject({ ok: false, error: 'no_data_rows' });
    expect(parseRecallCsv(encode('\n\n'))).toMatchObject({ ok: false, error: 'empty_file' });
  });

  it('reports an unterminated quote with its line', () => {
    expect(parseRecallCsv(encode(`${HEADER}\n${good(1)}\n"2,broken\n`))).toEqual({
      ok: false,
      error: 'unterminated_quote',
      line: 3,
      encoding: 'utf-8',
      source: { kind: 'csv', encoding: 'utf-8' },
    });
  });

  it('reads back its own Excel export', () => {
    const bytes = toExcelCsvBytes([HEADER.split(','), good(1).split(','), good(2).split(',')]);
    const result = parseRecallCsv(bytes, { today });
    expect(result.ok && result.encoding).toBe('utf-8-bom');
    expect(result.ok && result.rows.map((r) => r.issueNo)).toEqual(['1', '2']);
  });
});

describe('error codes', () => {
  it('lists every code once', () => {
    expect(new Set(CSV_ERROR_CODES).size).toBe(CSV_ERROR_CODES.length);
    expect(CSV_ERROR_CODES).toHaveLength(CSV_FILE_ERROR_CODES.length + CSV_ROW_ERROR_CODES.length);
    expect(CSV_ERROR_CODES).toContain('duplicate_issue_no_in_file');
    expect(CSV_ERROR_CODES).toContain('not_csv');
  });
});

describe('old 健康保険証 without a 発行No. (seed 001: known by 記号・番号・枝番)', () => {
  const rows = [
    HEADER,
    ',5115,554,00,健保 太郎,ケンポ タロウ,1975-04-01,男,本人,,旧保険証,旧保険証,,2020-04-01,,',
    ',5115,554,01,健保 花子,ケンポ ハナコ,1978-05-05,女,家族,健保 太郎,旧保険証,旧保険証,,2020-04-01,,',
    // The same old card twice in one file.
    ',5115,554,01,健保 花子,ケンポ ハナコ,1978-05-05,女,家族,健保 太郎,旧保険証,旧保険証,,2020-04-01,,',
    // A 資格確認書 always has one: without it the row is set aside.
    ',5115,555,00,健保 次郎,ケンポ ジロウ,1976-04-01,男,本人,,資格確認書,マイナ保険証取得,,2024-12-02,2026-12-01,',
  ].join('\n');

  it('imports old cards without one, sets aside a certificate without one and an old card given twice', () => {
    const result = parseRecallCsv(encode(rows), { today });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.rows.map((r) => [r.issueNo, r.documentKind, r.person.branch])).toEqual([
      ['', 'old_card', '00'],
      ['', 'old_card', '01'],
    ]);
    expect(result.setAside.map((r) => [r.row, r.errors.map((e) => [e.field, e.code])])).toEqual([
      [3, [['issueNo', 'duplicate_issue_no_in_file']]],
      [4, [['issueNo', 'required']]],
    ]);
  });

  it('recognises a re-import of the same old cards by 記号・番号・枝番', () => {
    const first = parseRecallCsv(encode(rows), { today });
    if (!first.ok) throw new Error('not ok');
    const held = new Set(first.toAdd.map(rowKey));
    const again = parseRecallCsv(encode(rows), { today, existingIssueNos: held });
    if (!again.ok) throw new Error('not ok');
    expect(again.toAdd).toHaveLength(0);
    expect(again.alreadyPresent).toHaveLength(2);
    // Another member of the household is new.
    expect(held.has(oldCardKey('5115', '554', '02'))).toBe(false);
  });
});
