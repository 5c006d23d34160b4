/// <reference lib="webworker" />
import type { LocalItem, LocalList } from '../../db/db';
import { DB_NAME } from '../../db/db-name';
import type { SealedField } from '../../db/field-encryption';
import { importedItems, newImportedListId, STORE_CHUNK, sealImportChunks, writeJournal } from '../../db/import-list';
import type { CsvRowErrorCode, CsvRowWarningCode } from '../../domain/csv/errors';
import {
  checkRecallRecords,
  type ImportOptions,
  type ImportResult,
  type ImportSource,
  parseRecallCsv,
} from '../../domain/csv/import-csv';
import { planImport } from '../../domain/csv/plan';
import { groupProblems, type ProblemGroup } from '../../domain/csv/problems';
import type { ImportRow, SetAsideRow } from '../../domain/csv/validate';
import type { UnknownValue, ValueMapping } from '../../domain/csv/values';

/**
 * First message: the file, and the data key as a non-extractable WebCrypto key (DataKey.sealingKey)
 * to seal the items' personal data with. Second: what the tablet already holds, read while the file
 * is parsed. Last, when the clerk confirms: the list record, to store the import under.
 */
export type ImportRequest =
  | {
      bytes: ArrayBuffer;
      mapping?: ImportOptions['mapping'];
      valueMapping?: ValueMapping;
      /** For a workbook: the sheet the clerk picked (the first when absent). */
      sheet?: string;
      sealingKey: CryptoKey;
    }
  | { existingIssueNos: string[] }
  | { store: LocalList };

const PREVIEW_ROWS = 20;

/**
 * A file checked and ready to store under `listId`. Only what the preview shows: its items are built
 * after it is posted and follow it, STORE_CHUNK per message, so neither making them nor copying
 * 10,000 of them stands between the file and the preview.
 */
export type CheckedImport =
  | {
      ok: true;
      source: ImportSource;
      headers: string[];
      toAddCount: number;
      presentCount: number;
      preview: ImportRow[];
      listId: string;
      /** Rows with problems, never stored; the page offers them as a CSV with a reason column. */
      setAside: SetAsideRow[];
      problems: ProblemGroup<CsvRowErrorCode>[];
      warnings: ProblemGroup<CsvRowWarningCode>[];
      unknownValues: UnknownValue[];
    }
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
  const plan = planImport(result, known);
  const checked: CheckedImport = {
    ok: true,
    source: result.source,
    headers: result.headers,
    toAddCount: plan.toAdd.length,
    presentCount: plan.alreadyPresent.length,
    preview: plan.toAdd.slice(0, PREVIEW_ROWS),
    listId: newImportedListId(),
    setAside: result.setAside,
    problems: groupProblems(result.rowErrors),
    warnings: groupProblems(result.warnings),
    unknownValues: result.unknownValues,
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

// An .xlsx is a ZIP: its reader (and the ZIP code under it) is fetched only for a workbook.
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const isWorkbook = (bytes: Uint8Array) => ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte);

async function read(request: Extract<ImportRequest, { bytes: ArrayBuffer }>): Promise<ImportResult> {
  const options: ImportOptions = {
    ...(request.mapping ? { mapping: request.mapping } : {}),
    ...(request.valueMapping ? { valueMapping: request.valueMapping } : {}),
  };
  const bytes = new Uint8Array(request.bytes);
  if (!isWorkbook(bytes)) return parseRecallCsv(bytes, options);
  const { readXlsxRecords, XlsxFileError } = await import('./read-xlsx');
  try {
    const sheet = await readXlsxRecords(request.bytes, request.sheet);
    return checkRecallRecords(sheet.records, { kind: 'xlsx', sheet: sheet.sheet, sheets: sheet.sheets }, options);
  } catch (error) {
    if (error instanceof XlsxFileError) return { ok: false, error: error.code };
    throw error;
  }
}

function answerWhenReady(): void {
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
    sealingKey = request.sealingKey;
    read(request).then(
      (result) => {
        parsed = result;
        answerWhenReady();
      },
      () => self.postMessage({ kind: 'checked', result: { ok: false, error: 'not_csv' } } satisfies ImportAnswer),
    );
    return;
  }
  existing = new Set(request.existingIssueNos);
  answerWhenReady();
};
