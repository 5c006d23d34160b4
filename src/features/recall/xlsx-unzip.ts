import { type FlateError, Unzip, UnzipInflate } from 'fflate';

/**
 * The parts of an .xlsx (a ZIP) that `wanted` names, read with fflate's streaming Unzip and inflated
 * by the browser's own DecompressionStream ('deflate-raw', native zlib) where there is one:
 * fflate's JavaScript inflate of a 10,000-row sheet was a fifth of the workbook's reading time in a
 * fresh worker (docs/decisions/031-xlsx-fast-path.md). Parts not wanted are skipped, never inflated.
 */
export async function unzipParts(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
): Promise<Map<string, Uint8Array>> {
  const parts = new Map<string, Uint8Array>();
  const pending: Promise<void>[] = [];
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    pending.push(
      new Promise<void>((resolve, reject) => {
        file.ondata = (error, data, final) => {
          if (error) return reject(error);
          if (data?.length) chunks.push(data);
          if (final) {
            parts.set(file.name, concat(chunks));
            resolve();
          }
        };
        file.start();
      }),
    );
  });
  unzip.register(nativeRawInflate() ? NativeInflate : UnzipInflate);
  unzip.push(bytes, true);
  await Promise.all(pending);
  return parts;
}

/** Whether this browser's DecompressionStream knows raw DEFLATE (Safari before 16.4 knows only gzip/deflate). */
function nativeRawInflate(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

/** fflate's decoder interface, inflating with the platform's zlib once the entry is complete. */
class NativeInflate {
  static readonly compression = 8;
  ondata: (error: FlateError | null, data: Uint8Array, final: boolean) => void = () => {};
  private readonly chunks: Uint8Array[] = [];

  push(chunk: Uint8Array, final = false): void {
    if (chunk.length) this.chunks.push(chunk);
    if (!final) return;
    const stream = new Blob(this.chunks as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    new Response(stream).arrayBuffer().then(
      (buffer) => this.ondata(null, new Uint8Array(buffer), true),
      (error: unknown) => this.ondata(error as FlateError, new Uint8Array(0), true),
    );
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.length;
  }
  return whole;
}
