import { rowKey } from './row-key';
import type { ImportRow, ValidationResult } from './validate';

/**
 * What an import would do with the rows that passed: the ready rows are stored in one transaction,
 * the rows with problems are set aside (validate.ts) for the clerk to send back to the insurer, not
 * the file refused (issue 17: a 10,000-row list must not wait on three wordings or one bad name). A
 * re-import (the same list again, or next month's list repeating people) recognises rows already
 * held by their 発行No. (an old card without one: by its 記号・番号・枝番, validate.ts rowKey) and does not
 * add them twice.
 */
export type ImportPlan = { toAdd: ImportRow[]; alreadyPresent: ImportRow[] };

export function planImport(
  validated: Pick<ValidationResult, 'rows'>,
  /** 発行No. held, and oldCardKey of the old cards held without one. */
  existingIssueNos: ReadonlySet<string>,
): ImportPlan {
  const toAdd: ImportRow[] = [];
  const alreadyPresent: ImportRow[] = [];
  for (const row of validated.rows) (existingIssueNos.has(rowKey(row)) ? alreadyPresent : toAdd).push(row);
  return { toAdd, alreadyPresent };
}
