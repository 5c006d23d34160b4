/// <reference lib="webworker" />
import type { LocalItem, LocalList } from '../../db/db';
import { DB_NAME } from '../../db/db-name';
import type { SealedField } from '../../db/field-encryption';
import { importedItems, newImportedListId, STORE_CHUNK, sealImportChunks, writeJournal } from '../../db/import-list';
import type { CsvEncoding } from '../../domain/csv/decode';
import { type ImportOptions, type ImportResult, parseRecallCsv } from '../../domain/csv/import-csv';
import { planImport } from '../../domain/csv/plan';
import type { ImportRow } from '../../domain/csv/validate';

/**
 * First message: the file, and the data key as a non-extractable WebCrypto key (DataKey.sealingKey)
 * to seal the items' personal data with. Second: what the tablet already holds, read while the file
 * is parsed. Last, when the clerk confirms: the list record, to store the import under.
 */
export type ImportRequest =
  | { bytes: ArrayBuffer; mapping?: ImportOptions['mapping']; sealingKey: CryptoKey }
  | { existingIssueNos: string[] }
  | { store: LocalList };

const PREVIEW_ROWS = 20;

/**
 * A file checked and ready to store under `listId`. Only what the preview shows: its items are built
 * after it is posted and follow it, STORE_CHUNK per message, so neither making them nor copying
 * 10,000 of them stands between the file and the preview.
 */
export type CheckedImport =
  | { ok: true; encoding: CsvEncoding; toAddCount: number; presentCount: number; preview: ImportRow[]; listId: string }
  | Extract<ImportResult, { ok: false }>;

/** What the worker posts: the checked file, then its items in chunks, then whether the store worked. */
export type ImportAnswer =
  | { kind: 'checked'; result: CheckedImport }
  | { kind: 'items'; items: LocalItem[]; last: boolean }
  | { kind: 'stored' }
  | { kind: 'store_failed' };

let parsed: ImportResult | null = null;
let sealingKey: CryptoKey | null = null;
let existing: Set<string> | null = null;
/** The checked file's items as the journal holds them, sealed while the clerk reads the preview. */
let prepared: { listId: string; chunks: Promise<SealedField[]> } | null = null;

function check(result: ImportResult, known: ReadonlySet<string>): { checked: CheckedImport; toAdd: ImportRow[] } {
  if (!result.ok) return { checked: result, toAdd: [] };
  const plan = planImport({ rows: result.rows, errors: [] }, known);
  const checked: CheckedImport = {
    ok: true,
    encoding: result.encoding,
    toAddCount: plan.toAdd.length,
    presentCount: plan.alreadyPresent.length,
    preview: plan.toAdd.slice(0, PREVIEW_ROWS),
    listId: newImportedListId(),
  };
  return { checked, toAdd: plan.toAdd };
}

function sendItems(items: readonly LocalItem[]): void {
  for (let start = 0; start < items.length || start === 0; start += STORE_CHUNK) {
    const last = start + STORE_CHUNK >= items.length;
    self.postMessage({ kind: 'items', items: items.slice(start, start + STORE_CHUNK), last } satisfies ImportAnswer);
  }
}

function openAppDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// The journal is written here, not on the main thread, which then clones nothing for it.
async function store(list: LocalList): Promise<void> {
  if (prepared?.listId !== list.id) throw new Error('nothing to store under this list');
  const chunks = await prepared.chunks;
  const connection = await openAppDatabase();
  try {
    await writeJournal(connection, { listId: list.id, list, chunks });
  } finally {
    connection.close();
  }
}

// Parsing, checking and preparing a 10,000-row file off the main thread keeps the screen responsive.
self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  if ('store' in request) {
    store(request.store).then(
      () => self.postMessage({ kind: 'stored' } satisfies ImportAnswer),
      () => self.postMessage({ kind: 'store_failed' } satisfies ImportAnswer),
    );
    return;
  }
  if ('bytes' in request) {
    parsed = parseRecallCsv(new Uint8Array(request.bytes), { mapping: request.mapping });
    sealingKey = request.sealingKey;
  } else existing = new Set(request.existingIssueNos);
  if (!parsed || !existing || !sealingKey) return;
  const { checked, toAdd } = check(parsed, existing);
  self.postMessage({ kind: 'checked', result: checked } satisfies ImportAnswer);
  if (checked.ok) {
    const items = importedItems(checked.listId, toAdd);
    // The page copies them in while this seals them (the clerk reads the preview meanwhile).
    sendItems(items);
    prepared = { listId: checked.listId, chunks: sealImportChunks(sealingKey, checked.listId, items) };
    // Heard by the store, if the clerk confirms; never an unhandled rejection before that.
    prepared.chunks.catch(() => {});
  }
};
