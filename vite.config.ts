import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressAssets } from './scripts/vite/precompress-assets';

/**
 * The default UI language's chunk (src/app/i18n.ts loads it before the first render) is fetched in
 * parallel with the entry instead of after it has run: one round trip less before the first paint on
 * a slow network. It stays its own chunk, out of the first-load bundle; the service worker precaches
 * every locale anyway.
 */
function preloadDefaultLocale(): Plugin {
  return {
    name: 'preload-default-locale',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.facadeModuleId?.endsWith('/locales/ja.json'),
        );
        if (!chunk) throw new Error('preload-default-locale: no chunk for locales/ja.json');
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/**
 * read-excel-file unzips with fflate's `unzip`, which inflates any part over 512 kB in a worker it
 * starts from a blob: URL; the app's Content-Security-Policy (worker-src 'self') forbids those. In
 * the import worker, read-excel-file gets fflate with a synchronous `unzip` instead
 * (src/features/recall/fflate-sync-unzip.ts, docs/decisions/016-xlsx-reader.md).
 */
function syncUnzipForXlsx(): Plugin {
  const shim = fileURLToPath(new URL('./src/features/recall/fflate-sync-unzip.ts', import.meta.url));
  return {
    name: 'sync-unzip-for-xlsx',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'fflate' && importer?.includes('/node_modules/read-excel-file/')) return shim;
      return null;
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    preloadDefaultLocale(),
    precompressAssets(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,wasm}'],
        // The barcode decoder's WebAssembly (about 1 MB) must be available offline too.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      manifest: {
        name: '資格確認書 回収',
        short_name: '確認書回収',
        description: '資格確認書の回収を、オフラインでも記録・同期する事業所担当者向けアプリ',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#0b5cab',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  // ES module workers split: the import worker loads the .xlsx reader as a chunk of its own, only
  // when the picked file is a workbook.
  worker: { format: 'es', plugins: () => [syncUnzipForXlsx()] },
  // The manifest (dist/.vite/manifest.json) lets scripts/check-budgets.ts find the first-load chunks exactly.
  build: { target: 'es2022', sourcemap: false, manifest: true },
});
