import { CsvFileError, MAX_CSV_BYTES } from './errors';

/**
 * Bytes of an uploaded list → text. Insurers and clerks produce three kinds of CSV: UTF-8 with a BOM
 * (Excel's 「CSV UTF-8」), plain UTF-8, and Shift_JIS (Excel's default 「CSV」 on Japanese Windows).
 * The encoding is detected rather than asked for, because clerks do not know it.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

// Files clerks pick by mistake: an .xlsx (a ZIP), an old .xls (OLE2), a PDF or a scanned image.
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // PK.. ZIP (.xlsx, .docx)
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // .PNG
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2 (.xls, .doc)
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
];

// Excel's 「Unicode テキスト」 is UTF-16 with a BOM: text, but not an encoding we read.
const UTF16_BOMS: readonly (readonly number[])[] = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

// Text has almost no control bytes besides tab and line breaks; binary data has many.
const CONTROL_SAMPLE_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.02;

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length > MAX_CSV_BYTES) throw new CsvFileError('file_too_large');
  if (bytes.length === 0) throw new CsvFileError('empty_file');
  if (BINARY_SIGNATURES.some((sig) => startsWith(bytes, sig))) throw new CsvFileError('not_csv');
  if (UTF16_BOMS.some((sig) => startsWith(bytes, sig))) throw new CsvFileError('unsupported_encoding');
  if (bytes.includes(0) || controlShare(bytes) > MAX_CONTROL_SHARE) throw new CsvFileError('not_csv');

  if (startsWith(bytes, UTF8_BOM)) {
    const text = decodeUtf8(bytes.subarray(UTF8_BOM.length));
    if (text === null) throw new CsvFileError('wrong_encoding');
    return { text, encoding: 'utf-8-bom' };
  }
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };

  // WHATWG "shift_jis" is Windows-31J (CP932): it includes the NEC and IBM extensions (① ㈱ 髙 﨑)
  // that Japanese Windows and Excel write. Bytes it cannot map become U+FFFD, which CP932 itself
  // cannot encode, so any U+FFFD means the file is neither UTF-8 nor Shift_JIS.
  const sjis = new TextDecoder('shift_jis').decode(bytes);
  if (sjis.includes('\uFFFD')) throw new CsvFileError('wrong_encoding');
  return { text: sjis, encoding: 'shift_jis' };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM (if any) is already cut off; a second one would be data, not a marker.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function controlShare(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, CONTROL_SAMPLE_BYTES);
  let controls = 0;
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) controls += 1;
  return controls / sample.length;
}
