/// <reference lib="webworker" />
import type { LocalItem } from '../../db/db';
import { importedItems, newImportedListId } from '../../db/import-list';
import type { CsvEncoding } from '../../domain/csv/decode';
import { type ImportOptions, type ImportResult, parseRecallCsv } from '../../domain/csv/import-csv';
import { planImport } from '../../domain/csv/plan';
import type { ImportRow } from '../../domain/csv/validate';

/** First message: the file. Second: what the tablet already holds, read while the file is parsed. */
export type ImportRequest = { bytes: ArrayBuffer; mapping?: ImportOptions['mapping'] } | { existingIssueNos: string[] };

const PREVIEW_ROWS = 20;

/** A file checked and ready to store: the items to write, ids made, so the click on 取り込む only writes. */
export type CheckedImport =
  | {
      ok: true;
      encoding: CsvEncoding;
      toAddCount: number;
      presentCount: number;
      preview: ImportRow[];
      listId: string;
      items: LocalItem[];
    }
  | Extract<ImportResult, { ok: false }>;

let parsed: ImportResult | null = null;
let existing: Set<string> | null = null;

function answer(result: ImportResult, known: ReadonlySet<string>): CheckedImport {
  if (!result.ok) return result;
  const plan = planImport({ rows: result.rows, errors: [] }, known);
  const listId = newImportedListId();
  const items = importedItems(listId, plan.toAdd);
  return {
    ok: true,
    encoding: result.encoding,
    toAddCount: plan.toAdd.length,
    presentCount: plan.alreadyPresent.length,
    preview: plan.toAdd.slice(0, PREVIEW_ROWS),
    listId,
    items,
  };
}

// Parsing, checking and preparing a 10,000-row file off the main thread keeps the screen responsive.
self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  if ('bytes' in request) parsed = parseRecallCsv(new Uint8Array(request.bytes), { mapping: request.mapping });
  else existing = new Set(request.existingIssueNos);
  if (parsed && existing) self.postMessage(answer(parsed, existing));
};
