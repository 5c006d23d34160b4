import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|css|json|wasm|svg)$/;

/**
 * Writes a Brotli copy (`name.br`, quality 11) beside every hashed file under assets/, which the
 * server sends to browsers that accept br (server/http/static-files.ts). Brotli at 11 is too slow to
 * run per request but ~15% smaller than gzip on our JavaScript, and on a tablet's slow first load
 * every kilobyte before the first paint counts. Hashed files never change, so their copies cannot go stale.
 */
export function precompressAssets(): Plugin {
  return {
    name: 'precompress-assets',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!fileName.startsWith('assets/') || !COMPRESSIBLE.test(fileName)) continue;
        const raw = readFileSync(join(dir, fileName));
        if (raw.length < 1024) continue;
        const compressed = brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        });
        if (compressed.length < raw.length) writeFileSync(join(dir, `${fileName}.br`), compressed);
      }
    },
  };
}
