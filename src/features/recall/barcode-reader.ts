/**
 * Reads QR codes and barcodes from camera frames or photos. Uses the browser's BarcodeDetector where
 * it exists (Android, ChromeOS, macOS); elsewhere the zxing WebAssembly decoder, loaded only when the
 * clerk first scans and served from our own origin (precached), so scanning also works offline.
 */
export type CodeReader = { read(source: ImageBitmapSource): Promise<string[]> };

const FORMATS = ['qr_code', 'code_128', 'code_39', 'codabar', 'itf', 'ean_13', 'data_matrix'];

type DetectorLike = { detect(source: ImageBitmapSource): Promise<Array<{ rawValue: string }>> };
type DetectorConstructor = new (options: { formats: string[] }) => DetectorLike;

export async function createCodeReader(): Promise<CodeReader> {
  const native = (
    globalThis as { BarcodeDetector?: DetectorConstructor & { getSupportedFormats?: () => Promise<string[]> } }
  ).BarcodeDetector;
  let detector: DetectorLike;
  if (native && (await native.getSupportedFormats?.())?.includes('qr_code')) {
    detector = new native({ formats: FORMATS });
  } else {
    const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
      import('barcode-detector/ponyfill'),
      import('zxing-wasm/reader/zxing_reader.wasm?url'),
    ]);
    prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    });
    detector = new BarcodeDetector({ formats: FORMATS as never });
  }
  return {
    async read(source) {
      const found = await detector.detect(source);
      return found.map((code) => code.rawValue).filter((value) => value.length > 0);
    },
  };
}
