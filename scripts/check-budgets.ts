import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * `npm run check:budgets` (part of `npm test`, after `vite build`): the size budgets of the production
 * build in dist/. Only deterministic figures are budgets here; timings are `npm run bench` targets
 * (docs/decisions/011-performance-budgets.md). Sizes are gzip level 9 in kB of 1,000 bytes, as
 * `vite build` prints them.
 */

export const BUDGETS = {
  /** Everything the browser must fetch before the first screen can run: entry chunk + static imports (128.5 kB at stop 11; 170 kB before the signed-in frame went lazy). */
  firstLoadJsGzip: 140_000,
  /**
   * Each notice language is fetched on its own when a clerk or member opens a notice in it; today they
   * are 1.7–2.5 kB gzip. 4 kB leaves room for a longer translation, while a chunk that picked up shared
   * code (a date library, the renderer) would be several times larger and fail.
   */
  noticeChunkGzip: 4_000,
  /**
   * The service worker is revalidated on every visit and re-installs on any change; about 41 kB gzip
   * today (workbox, the sync engine and Dexie).
   */
  serviceWorkerGzip: 50_000,
} as const;

export type Chunk = { file: string; src?: string; raw: number; gzip: number };

export type Build = {
  /** JavaScript the entry HTML loads before anything runs, in load order. */
  firstLoad: Chunk[];
  /**
   * Chunks index.html preloads beside the first load without them being part of it: only the
   * default UI locale may be one (vite.config.ts), so the first paint waits for no extra round trip.
   */
  preloaded: Chunk[];
  /** Every other JavaScript chunk (screens, locales, workers). */
  lazy: Chunk[];
  serviceWorker?: Chunk;
  /** `locales/…json` files whose text is found in first-load JavaScript. */
  localesInFirstLoad: string[];
};

type ManifestEntry = { file: string; src?: string; isEntry?: boolean; imports?: string[] };

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_UI_LOCALE = 'locales/ja.json';

const sizeOf = (path: string, file: string, src?: string): Chunk => {
  const bytes = readFileSync(path);
  return { file, ...(src ? { src } : {}), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/** The entry HTML's own script and modulepreload URLs, as vite wrote them. */
function htmlScripts(html: string): Set<string> {
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModuleScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="\/?([^"]+)"/.exec(tag)?.[1];
    if ((isModuleScript || isPreload) && url) urls.add(url);
  }
  return urls;
}

/**
 * A few long strings of each locale file, to recognise its text inside any chunk (a statically
 * imported JSON module is merged into its importer and has no manifest entry of its own). Strings a
 * minifier might escape are skipped.
 */
export function localeMarkers(localesDir: string): Map<string, string[]> {
  const markers = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json')) {
        const strings: string[] = [];
        const collect = (value: unknown) => {
          if (typeof value === 'string') strings.push(value);
          else if (value && typeof value === 'object') Object.values(value).forEach(collect);
        };
        collect(JSON.parse(readFileSync(path, 'utf8')));
        const safe = strings.filter((s) => s.length >= 12 && !/["'`\\$\n\r\t<>]/.test(s));
        const longest = [...new Set(safe)].sort((a, b) => b.length - a.length).slice(0, 3);
        markers.set(`locales/${path.slice(localesDir.length + 1).replaceAll('\\', '/')}`, longest);
      }
    }
  };
  walk(localesDir);
  return markers;
}

export function readBuild(distDir = resolve(repoRoot, 'dist'), localesDir = resolve(repoRoot, 'locales')): Build {
  const manifestPath = join(distDir, '.vite', 'manifest.json');
  let manifest: Record<string, ManifestEntry>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
  } catch {
    throw new Error(`${manifestPath} is missing: run \`npm run build\` first (vite.config.ts sets build.manifest).`);
  }
  const entry = Object.entries(manifest).find(([, value]) => value.isEntry && value.src === 'index.html');
  if (!entry) throw new Error('the build manifest has no index.html entry');

  const firstLoadKeys: string[] = [];
  const visit = (key: string) => {
    if (firstLoadKeys.includes(key)) return;
    firstLoadKeys.push(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  const firstLoadFiles = firstLoadKeys.map((key) => manifest[key]?.file ?? key);

  const srcOf = new Map(Object.values(manifest).map((value) => [value.file, value.src]));
  // The manifest and the HTML must agree, or this check would be measuring the wrong set. Beyond the
  // first load, index.html may only preload UI locales (which one is allowed is a budget below).
  const inHtml = htmlScripts(readFileSync(join(distDir, 'index.html'), 'utf8'));
  const preloadedFiles = [...inHtml].filter((file) => !firstLoadFiles.includes(file));
  const sorted = (values: Iterable<string>) => [...values].sort().join(', ');
  const isUiLocale = (file: string) => /^locales\/[^/]+\.json$/.test(srcOf.get(file) ?? '');
  if (firstLoadFiles.some((file) => !inHtml.has(file)) || !preloadedFiles.every(isUiLocale)) {
    throw new Error(
      `index.html loads [${sorted(inHtml)}] but the manifest's entry and static imports are [${sorted(firstLoadFiles)}]`,
    );
  }

  const assets = readdirSync(join(distDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const chunk = (file: string) => sizeOf(join(distDir, file), file, srcOf.get(file));
  const firstLoad = firstLoadFiles.map(chunk);
  const preloaded = preloadedFiles.map(chunk);
  const lazy = assets
    .filter((file) => !firstLoadFiles.includes(file) && !preloadedFiles.includes(file))
    .map(chunk)
    .sort((a, b) => a.file.localeCompare(b.file));

  const firstLoadText = firstLoadFiles.map((file) => readFileSync(join(distDir, file), 'utf8')).join('\n');
  const localesInFirstLoad = new Set(
    firstLoad.filter((c) => c.src?.startsWith('locales/')).map((c) => c.src as string),
  );
  for (const [locale, markers] of localeMarkers(localesDir)) {
    if (markers.some((marker) => firstLoadText.includes(marker))) localesInFirstLoad.add(locale);
  }

  const swPath = join(distDir, 'sw.js');
  let serviceWorker: Chunk | undefined;
  try {
    serviceWorker = sizeOf(swPath, 'sw.js');
  } catch {
    serviceWorker = undefined;
  }
  return {
    firstLoad,
    preloaded,
    lazy,
    ...(serviceWorker ? { serviceWorker } : {}),
    localesInFirstLoad: [...localesInFirstLoad],
  };
}

export const total = (chunks: Chunk[], key: 'raw' | 'gzip') => chunks.reduce((sum, c) => sum + c[key], 0);
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
export const isNoticeChunk = (c: Chunk) => c.src?.startsWith('locales/notices/') ?? false;

/** Every budget breach, in plain words; empty when the build is within budget. */
export function checkBudgets(build: Build): string[] {
  const breaches: string[] = [];
  const firstLoad = total(build.firstLoad, 'gzip');
  if (firstLoad > BUDGETS.firstLoadJsGzip) {
    breaches.push(`First-load JavaScript is ${kB(firstLoad)} gzip, over the ${kB(BUDGETS.firstLoadJsGzip)} budget.`);
  }
  for (const locale of build.localesInFirstLoad) {
    breaches.push(`${locale} is in the first-load JavaScript; locales must stay lazy chunks.`);
  }
  for (const c of build.preloaded) {
    if (c.src !== DEFAULT_UI_LOCALE) {
      breaches.push(
        `index.html preloads ${c.src}; only the default UI locale (${DEFAULT_UI_LOCALE}) may be preloaded.`,
      );
    }
  }
  const notices = build.lazy.filter(isNoticeChunk);
  if (notices.length === 0) breaches.push('No notice-language chunk found: notices must load one language at a time.');
  for (const c of notices) {
    if (c.gzip > BUDGETS.noticeChunkGzip) {
      breaches.push(`${c.src} (${c.file}) is ${kB(c.gzip)} gzip, over the ${kB(BUDGETS.noticeChunkGzip)} budget.`);
    }
  }
  if (!build.serviceWorker) breaches.push('dist/sw.js is missing.');
  else if (build.serviceWorker.gzip > BUDGETS.serviceWorkerGzip) {
    breaches.push(
      `The service worker is ${kB(build.serviceWorker.gzip)} gzip, over the ${kB(BUDGETS.serviceWorkerGzip)} budget.`,
    );
  }
  return breaches;
}

/** The budget table, in markdown (printed by the check and reused by the bench). */
export function budgetTable(build: Build): string {
  const notices = build.lazy.filter(isNoticeChunk);
  const largestNotice = notices.reduce<Chunk | undefined>((max, c) => (max && max.gzip >= c.gzip ? max : c), undefined);
  const row = (what: string, value: number | undefined, budget: number) =>
    `| ${what} | ${value === undefined ? 'missing' : kB(value)} | ${kB(budget)} | ${value !== undefined && value <= budget ? 'ok' : '**over**'} |`;
  return [
    '| budget | gzip | limit | |',
    '| --- | --- | --- | --- |',
    row(
      `first-load JavaScript (${build.firstLoad.map((c) => basename(c.file)).join(' + ')})`,
      total(build.firstLoad, 'gzip'),
      BUDGETS.firstLoadJsGzip,
    ),
    `| preloaded beside it (separate chunks) | ${build.preloaded.map((c) => `${c.src} ${kB(c.gzip)}`).join(', ') || 'none'} | ${DEFAULT_UI_LOCALE} only | ${build.preloaded.every((c) => c.src === DEFAULT_UI_LOCALE) ? 'ok' : '**over**'} |`,
    row(
      `largest notice-language chunk (${largestNotice?.src ?? 'none'}; ${notices.length} languages)`,
      largestNotice?.gzip,
      BUDGETS.noticeChunkGzip,
    ),
    row('service worker (sw.js)', build.serviceWorker?.gzip, BUDGETS.serviceWorkerGzip),
    `| locales in first-load JavaScript | ${build.localesInFirstLoad.join(', ') || 'none'} | none | ${build.localesInFirstLoad.length === 0 ? 'ok' : '**over**'} |`,
  ].join('\n');
}

function main(): number {
  let build: Build;
  try {
    build = readBuild(process.argv[2] ? resolve(process.argv[2]) : undefined);
  } catch (error) {
    console.error(`Size budgets: ${(error as Error).message}`);
    return 1;
  }
  console.log(budgetTable(build));
  const breaches = checkBudgets(build);
  if (breaches.length === 0) {
    console.log('\nSize budgets: all within budget.');
    return 0;
  }
  console.error(`\nSize budgets exceeded:\n${breaches.map((line) => `- ${line}`).join('\n')}`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
