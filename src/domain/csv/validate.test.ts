import { describe, expect, it } from 'vitest';
import { suggestMapping } from './columns';
import type { CsvRecord } from './parse';
import { validateRows } from './validate';

const HEADERS =
  '発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,書類,回収理由,資格喪失日,交付年月日,有効期限,期限'.split(
    ',',
  );
const { mapping } = suggestMapping(HEADERS);

type Cells = Partial<Record<(typeof HEADERS)[number], string>>;
const GOOD: Cells = {
  '発行No.': '100000001',
  記号: '5115',
  番号: '554',
  枝番: '00',
  氏名: '髙橋 一郎',
  フリガナ: 'タカハシ イチロウ',
  生年月日: '1980-04-01',
  性別: '男',
  回収理由: 'マイナ保険証取得',
  交付年月日: '2025-12-01',
};

function record(cells: Cells, line = 2): CsvRecord {
  return { fields: HEADERS.map((h) => cells[h] ?? ''), line };
}
function validate(...rows: Cells[]) {
  return validateRows(
    rows.map((cells, i) => record({ ...GOOD, ...cells }, i + 2)),
    HEADERS,
    mapping,
    { today: '2025-12-15' },
  );
}
function errorsOf(cells: Cells) {
  return validate(cells).errors.map((e) => [e.field, e.code]);
}

describe('validateRows', () => {
  it('turns a good row into a typed import row', () => {
    const { rows, errors } = validate({ 有効期限: '令和11年12月1日' });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 1,
        line: 2,
        issueNo: '100000001',
        person: {
          name: '髙橋 一郎',
          kana: 'タカハシ イチロウ',
          birthDate: '1980-04-01',
          sex: 'male',
          symbol: '5115',
          number: '554',
          branch: '00',
          insuredName: '髙橋 一郎',
        },
        relation: 'self',
        documentKind: 'certificate',
        reason: 'got_myna',
        lossDate: null,
        issuedOn: '2025-12-01',
        expiresOn: '2029-12-01',
        dueDate: '2026-01-01',
      },
    ]);
  });

  it('keeps names exactly as written, markup and 𠮷 included, after trimming', () => {
    const names = ['<img src=x onerror=alert(1)>', '\u{20BB7}野 太郎', '  渡邊 美咲\u3000', 'Maria Santos Oliveira'];
    const { rows } = validate(...names.map((name, i) => ({ 氏名: name, '発行No.': String(i + 1) })));
    expect(rows.map((r) => r.person.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      '\u{20BB7}野 太郎',
      '渡邊 美咲',
      'Maria Santos Oliveira',
    ]);
  });

  it('counts name length in characters, not UTF-16 units', () => {
    expect(errorsOf({ 氏名: '\u{20BB7}'.repeat(100) })).toEqual([]);
    expect(errorsOf({ 氏名: 'あ'.repeat(101) })).toEqual([['name', 'too_long']]);
  });

  it.each([['a\u0007b'], ['山田\u0085'], ['山田\u0000']])('refuses control characters in %j', (name) => {
    expect(errorsOf({ 氏名: name })).toEqual([['name', 'control_characters']]);
  });

  it.each([
    ['山田\n太郎', '山田 太郎', 'line_break_replaced'],
    ['山田\r\n\t太郎', '山田 太郎', 'line_break_replaced'],
    ['\u202e郎太田山', '郎太田山', 'bidi_removed'],
    ['\u2067山田\u2069 太郎', '山田 太郎', 'bidi_removed'],
  ])('imports %j as %j with a warning', (name, kept, warning) => {
    const result = validate({ 氏名: name });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.person.name).toBe(kept);
    expect(result.warnings?.map((w) => [w.field, w.code])).toEqual([['name', warning]]);
  });

  it('keeps a line break outside a name an error: a code with one is not a code', () => {
    expect(errorsOf({ 記号: '51\n15' })).toEqual([['symbol', 'control_characters']]);
  });

  it('shows control characters visibly in the error value', () => {
    expect(validate({ 氏名: 'a\u0007b' }).errors[0]?.value).toBe('a[U+0007]b');
  });

  it.each([
    ['たかはし いちろう', 'タカハシ イチロウ'],
    ['ﾀｶﾊｼ ｲﾁﾛｳ', 'タカハシ イチロウ'],
    ['タカハシ\u3000\u3000イチロウ', 'タカハシ イチロウ'],
    ['グエン・ヴァン・アン', 'グエン・ヴァン・アン'],
    ['マリー', 'マリー'],
  ])('normalises the kana %j to %j', (kana, expected) => {
    expect(validate({ フリガナ: kana }).rows[0]?.person.kana).toBe(expected);
  });

  it.each(['Takahashi', '高橋', 'タカハシ1'])('refuses %j as kana', (kana) => {
    expect(errorsOf({ フリガナ: kana })).toEqual([['kana', 'invalid_kana']]);
  });

  it.each([
    ['1', '01'],
    ['００', '00'],
    ['07', '07'],
  ])('pads the branch %j to %j', (branch, expected) => {
    expect(validate({ 枝番: branch, 被保険者氏名: '髙橋 一郎' }).rows[0]?.person.branch).toBe(expected);
  });

  it.each(['123', 'A1', '-1', '1.0'])('refuses the branch %j', (branch) => {
    expect(errorsOf({ 枝番: branch })).toEqual([['branch', 'invalid_branch']]);
  });

  it.each([
    ['1980/4/1', '1980-04-01'],
    ['19800401', '1980-04-01'],
    ['昭和55年4月1日', '1980-04-01'],
    ['S55.4.1', '1980-04-01'],
  ])('accepts the birth date %j', (text, iso) => {
    expect(validate({ 生年月日: text }).rows[0]?.person.birthDate).toBe(iso);
  });

  it('refuses impossible dates', () => {
    expect(errorsOf({ 生年月日: '1980-02-30', 交付年月日: '平成31年5月1日' })).toEqual([
      ['birthDate', 'invalid_date'],
      ['issuedOn', 'invalid_date'],
    ]);
  });

  it.each([
    ['マイナ保険証取得', 'got_myna'],
    ['新しい資格確認書', 'superseded'],
    ['旧保険証', 'old_card'],
    ['資格なし', 'not_enrolled'],
  ] as const)('reads the reason %s', (label, reason) => {
    expect(validate({ 回収理由: label }).rows[0]?.reason).toBe(reason);
  });

  it('refuses an unknown reason', () => {
    expect(validate({ 回収理由: '引っ越し' }).errors).toEqual([
      { row: 1, line: 2, column: '回収理由', field: 'reason', code: 'unknown_reason', value: '引っ越し' },
    ]);
  });

  it('dates a loss of eligibility by the 5-day rule (喪失日 is day 1, past 行政機関の休日) and needs the loss date', () => {
    expect(validate({ 回収理由: '資格喪失', 資格喪失日: '令和7年12月28日' }).rows[0]?.dueDate).toBe('2026-01-05');
    expect(errorsOf({ 回収理由: '資格喪失' })).toEqual([['lossDate', 'required']]);
    expect(validate({ 回収理由: '資格喪失', 期限: '2026-01-05' }).rows[0]?.dueDate).toBe('2026-01-05');
  });

  it('takes a given due date over the computed one', () => {
    expect(validate({ 期限: 'R8.1.10' }).rows[0]?.dueDate).toBe('2026-01-10');
  });

  it('derives 本人/家族 from 枝番 when the column is blank, and trusts it when given', () => {
    expect(validate({ 枝番: '00' }).rows[0]?.relation).toBe('self');
    expect(validate({ 枝番: '01', 被保険者氏名: '髙橋 一郎' }).rows[0]?.relation).toBe('dependant');
    // Seed 001's sample certificate: 本人 with 枝番 73.
    expect(validate({ 枝番: '73', 本人家族: '本人' }).rows[0]?.relation).toBe('self');
    expect(errorsOf({ 本人家族: '親戚' })).toEqual([['relation', 'invalid_relation']]);
  });

  it('fills 被保険者氏名 for 本人 and requires it for 家族', () => {
    expect(validate({}).rows[0]?.person.insuredName).toBe('髙橋 一郎');
    expect(errorsOf({ 枝番: '01', 氏名: '髙橋 花子' })).toEqual([['insuredName', 'required']]);
  });

  it('derives the document from the reason and reads it when given', () => {
    expect(validate({ 回収理由: '旧保険証' }).rows[0]?.documentKind).toBe('old_card');
    expect(validate({ 書類: '健康保険証', 回収理由: '資格喪失', 資格喪失日: '2025-11-01' }).rows[0]?.documentKind).toBe(
      'old_card',
    );
    expect(errorsOf({ 書類: 'マイナンバーカード' })).toEqual([['documentKind', 'invalid_document_kind']]);
  });

  it.each([
    ['女', 'female'],
    ['女性', 'female'],
    ['2', 'female'],
    ['Ｍ', 'male'],
  ])('reads the sex %j', (label, sex) => {
    expect(validate({ 性別: label }).rows[0]?.person.sex).toBe(sex);
  });

  it('normalises full-width issue numbers and refuses odd ones', () => {
    expect(validate({ '発行No.': '１００００１' }).rows[0]?.issueNo).toBe('100001');
    expect(errorsOf({ '発行No.': '100 001' })).toEqual([['issueNo', 'invalid_issue_no']]);
    expect(errorsOf({ '発行No.': '1'.repeat(21) })).toEqual([['issueNo', 'too_long']]);
  });

  it('reports a 発行No. repeated within the file on the later row', () => {
    const { errors } = validate({ '発行No.': '7' }, { '発行No.': '8' }, { '発行No.': '７' });
    expect(errors.map((e) => [e.row, e.code, e.value])).toEqual([[3, 'duplicate_issue_no_in_file', '7']]);
  });

  it('collects every error of every row, with the column header as written', () => {
    const { rows, errors } = validate(
      { 生年月日: '', 性別: '?' },
      { '発行No.': '3' },
      { 枝番: 'x', 回収理由: 'なし', '発行No.': '2' },
    );
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors.map((e) => [e.row, e.line, e.column, e.code])).toEqual([
      [1, 2, '生年月日', 'required'],
      [1, 2, '性別', 'invalid_sex'],
      [3, 4, '枝番', 'invalid_branch'],
      [3, 4, '回収理由', 'unknown_reason'],
    ]);
  });

  it('reports ragged rows and tolerates extra empty cells', () => {
    const short = { fields: ['1', '2'], line: 2 };
    const extraEmpty = record({ ...GOOD, '発行No.': '9' }, 3);
    extraEmpty.fields.push('', ' ');
    const extraFull = record({ ...GOOD, '発行No.': '10' }, 4);
    extraFull.fields.push('surplus');
    const { rows, errors } = validateRows([short, extraEmpty, extraFull], HEADERS, mapping, { today: '2025-12-15' });
    expect(rows.map((r) => r.issueNo)).toEqual(['9']);
    expect(errors.map((e) => [e.row, e.code, e.value])).toEqual([
      [1, 'wrong_column_count', '2/16'],
      [3, 'wrong_column_count', '17/16'],
    ]);
  });

  it('skips rows of empty cells but keeps numbering by position', () => {
    const { rows } = validateRows([record({}, 2), record({ ...GOOD }, 3)], HEADERS, mapping, { today: '2025-12-15' });
    expect(rows.map((r) => [r.row, r.line])).toEqual([[2, 3]]);
  });

  it('lists at most 50 unknown wordings per column, each with its row count', () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ 回収理由: `理由${i % 60}`, '発行No.': String(i + 1) }));
    const { unknownValues, rows: ready } = validate(...rows);
    expect(ready).toEqual([]);
    expect(unknownValues).toHaveLength(50);
    expect(unknownValues?.every((value) => value.field === 'reason' && value.count === 2)).toBe(true);
  });
});
