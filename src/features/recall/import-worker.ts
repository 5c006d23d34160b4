/// <reference lib="webworker" />
import type { LocalItem } from '../../db/db';
import type { SealedField } from '../../db/field-encryption';
import { importedItems, newImportedListId, sealImportedPersons } from '../../db/import-list';
import type { CsvEncoding } from '../../domain/csv/decode';
import { type ImportOptions, type ImportResult, parseRecallCsv } from '../../domain/csv/import-csv';
import { planImport } from '../../domain/csv/plan';
import type { ImportRow } from '../../domain/csv/validate';

/**
 * First message: the file, and the data key as a non-extractable WebCrypto key (DataKey.sealingKey)
 * to seal the items' personal data with. Second: what the tablet already holds, read while the file
 * is parsed.
 */
export type ImportRequest =
  | { bytes: ArrayBuffer; mapping?: ImportOptions['mapping']; sealingKey: CryptoKey }
  | { existingIssueNos: string[] };

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
let sealingKey: CryptoKey | null = null;
let existing: Set<string> | null = null;

/**
 * What the worker posts: first the checked file (the preview shows at once); then, for a file that can
 * be stored, items' `person` sealed as stored at rest, chunk by chunk, until the page stops the worker.
 */
export type ImportAnswer =
  | { kind: 'checked'; result: CheckedImport }
  | { kind: 'sealed'; from: number; persons: SealedField[] };

const SEAL_CHUNK = 500;

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

// While the clerk reads the preview (and while the store runs, on the other core), so the store
// mostly only writes. A failure here costs only time: the store seals what is missing itself.
async function sealInChunks(items: readonly LocalItem[], key: CryptoKey): Promise<void> {
  for (let from = 0; from < items.length; from += SEAL_CHUNK) {
    const persons = await sealImportedPersons(key, items.slice(from, from + SEAL_CHUNK));
    self.postMessage({ kind: 'sealed', from, persons } satisfies ImportAnswer);
  }
}

// Parsing, checking and preparing a 10,000-row file off the main thread keeps the screen responsive.
self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  if ('bytes' in request) {
    parsed = parseRecallCsv(new Uint8Array(request.bytes), { mapping: request.mapping });
    sealingKey = request.sealingKey;
  } else existing = new Set(request.existingIssueNos);
  if (!parsed || !existing || !sealingKey) return;
  const result = answer(parsed, existing);
  self.postMessage({ kind: 'checked', result } satisfies ImportAnswer);
  if (result.ok) void sealInChunks(result.items, sealingKey).catch(() => {});
};
