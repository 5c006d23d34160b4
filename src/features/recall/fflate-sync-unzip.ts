import { type AsyncUnzipOptions, type UnzipCallback, unzipSync } from 'fflate';

// fflate as read-excel-file sees it in the build (vite.config.ts, syncUnzipForXlsx): the same module,
// except that `unzip` inflates right here instead of in a worker it would start from a blob: URL,
// which the app's Content-Security-Policy (worker-src 'self') forbids. It runs inside the import
// worker already, so nothing waits on it (docs/decisions/016-xlsx-reader.md).
export * from 'fflate';

export function unzip(data: Uint8Array, options: AsyncUnzipOptions | UnzipCallback, callback?: UnzipCallback) {
  const done = (typeof options === 'function' ? options : callback) as UnzipCallback;
  const settings = typeof options === 'function' ? {} : options;
  try {
    done(null, unzipSync(data, settings));
  } catch (error) {
    done(error as Parameters<UnzipCallback>[0], null as never);
  }
  return () => {};
}
