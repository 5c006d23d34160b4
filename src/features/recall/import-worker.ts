/// <reference lib="webworker" />
import { type ImportOptions, parseRecallCsv } from '../../domain/csv/import-csv';

export type ImportRequest = { bytes: ArrayBuffer; mapping?: ImportOptions['mapping']; existingIssueNos: string[] };

// Parsing a 10,000-row file off the main thread keeps the checklist responsive while it runs.
self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { bytes, mapping, existingIssueNos } = event.data;
  self.postMessage(parseRecallCsv(new Uint8Array(bytes), { mapping, existingIssueNos: new Set(existingIssueNos) }));
};
