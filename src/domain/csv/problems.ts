import type { CsvRowError, CsvRowWarning } from './errors';
import { toCsv } from './export';
import type { SetAsideRow } from './validate';

/**
 * Row problems grouped by what is wrong and where (issue 21: 5,927 lines one per row told the clerk
 * nothing): one group per code and column, with its row count and the first few lines as examples.
 */
export type ProblemGroup<C extends string = string> = {
  code: C;
  field: string;
  column: string;
  count: number;
  examples: { line: number; value: string }[];
};

export const EXAMPLES_PER_GROUP = 10;

export function groupProblems<P extends CsvRowError | CsvRowWarning>(
  problems: readonly P[],
  examples = EXAMPLES_PER_GROUP,
): ProblemGroup<P['code']>[] {
  const groups = new Map<string, ProblemGroup<P['code']>>();
  for (const problem of problems) {
    const key = `${problem.code}\u0000${problem.field}\u0000${problem.column}`;
    let group = groups.get(key);
    if (!group) {
      group = { code: problem.code, field: problem.field, column: problem.column, count: 0, examples: [] };
      groups.set(key, group);
    }
    group.count += 1;
    if (group.examples.length < examples) group.examples.push({ line: problem.line, value: problem.value });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/**
 * The set-aside rows as a CSV to send back to the insurer: the file's own header and cells, then a
 * reason column (`reasonOf` words each error, in the clerk's language). Cells go through export.ts,
 * so a name like `=HYPERLINK(…)` cannot become a formula in the insurer's Excel.
 */
export function setAsideCsvRows(
  headers: readonly string[],
  rows: readonly SetAsideRow[],
  reasonHeader: string,
  reasonOf: (error: CsvRowError) => string,
): string[][] {
  const width = rows.reduce((most, row) => Math.max(most, row.cells.length), headers.length);
  const pad = (cells: readonly string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  return [
    [...pad(headers), reasonHeader],
    ...rows.map((row) => [...pad(row.cells), row.errors.map(reasonOf).join(' / ')]),
  ];
}

export const setAsideCsv = (...args: Parameters<typeof setAsideCsvRows>) => toCsv(setAsideCsvRows(...args));
