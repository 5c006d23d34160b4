import type { CsvRowError } from './errors';
import type { ImportRow, ValidationResult } from './validate';

/**
 * What an import would do. All or nothing: a list with a single wrong row is not imported at all,
 * because a half-imported list leaves the clerk unsure who is on it; they fix the file and import it
 * again. A re-import (the same list again, or next month's list repeating people) recognises rows
 * already held by their 発行No. and does not add them twice.
 */
export type ImportPlan =
  | { ok: true; toAdd: ImportRow[]; alreadyPresent: ImportRow[]; errors: [] }
  | { ok: false; toAdd: []; alreadyPresent: []; errors: CsvRowError[] };

export function planImport(validated: ValidationResult, existingIssueNos: ReadonlySet<string>): ImportPlan {
  if (validated.errors.length > 0) return { ok: false, toAdd: [], alreadyPresent: [], errors: validated.errors };
  const toAdd: ImportRow[] = [];
  const alreadyPresent: ImportRow[] = [];
  for (const row of validated.rows) (existingIssueNos.has(row.issueNo) ? alreadyPresent : toAdd).push(row);
  return { ok: true, toAdd, alreadyPresent, errors: [] };
}
