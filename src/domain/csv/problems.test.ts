import { describe, expect, it } from 'vitest';
import type { CsvRowError } from './errors';
import { groupProblems, setAsideCsv } from './problems';

const error = (line: number, code: CsvRowError['code'], field: string, column: string, value = 'x'): CsvRowError => ({
  row: line - 1,
  line,
  column,
  field,
  code,
  value,
});

describe('groupProblems', () => {
  it('groups by problem and column, biggest first, with the first lines as examples', () => {
    const errors = [
      error(2, 'invalid_date', 'birthDate', '生年月日'),
      ...Array.from({ length: 12 }, (_, i) => error(i + 3, 'unknown_reason', 'reason', '回収理由', `理由${i}`)),
      error(20, 'invalid_date', 'issuedOn', '交付年月日'),
    ];
    const groups = groupProblems(errors);
    expect(groups.map((g) => [g.code, g.column, g.count])).toEqual([
      ['unknown_reason', '回収理由', 12],
      ['invalid_date', '生年月日', 1],
      ['invalid_date', '交付年月日', 1],
    ]);
    expect(groups[0]?.examples).toHaveLength(10);
    expect(groups[0]?.examples[0]).toEqual({ line: 3, value: '理由0' });
  });
});

describe('setAsideCsv', () => {
  it("writes the file's own header and cells, a reason column, and no live formula", () => {
    const csv = setAsideCsv(
      ['発行No', '氏名', '生年月日'],
      [
        {
          row: 1,
          line: 2,
          cells: ['1', '=HYPERLINK("http://x")', '2025/02/30'],
          errors: [error(2, 'invalid_date', 'birthDate', '生年月日')],
        },
        { row: 2, line: 3, cells: ['2', '山田'], errors: [error(3, 'wrong_column_count', '', '')] },
      ],
      '理由',
      (e) => `${e.column || '行'}：${e.code}`,
    );
    expect(csv).toBe(
      '発行No,氏名,生年月日,理由\r\n1,"\'=HYPERLINK(""http://x"")",2025/02/30,生年月日：invalid_date\r\n2,山田,,行：wrong_column_count\r\n',
    );
  });
});
