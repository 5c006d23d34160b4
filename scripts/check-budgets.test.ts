import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUDGETS, checkBudgets, readBuild } from './check-budgets';

// Fake builds shaped like vite's output: dist/index.html, dist/.vite/manifest.json, dist/assets/*.js.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const UI_JA = { app: { title: '資格確認書 回収' }, status: { offline: 'オフライン（変更はこの端末に保存されます）' } };
const UI_EN = { status: { offline: 'Offline (your changes are kept on this device)' } };
const NOTICE_FR = { common: { contact: 'Pour toute question, contactez votre employeur au bureau.' } };

type FakeBuild = { entryCode?: string; noticeCode?: string; html?: string; sw?: string };

function fakeBuild(options: FakeBuild = {}) {
  const root = mkdtempSync(join(tmpdir(), 'budgets-'));
  dirs.push(root);
  const dist = join(root, 'dist');
  const locales = join(root, 'locales');
  mkdirSync(join(dist, '.vite'), { recursive: true });
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(locales, 'notices'), { recursive: true });
  writeFileSync(join(locales, 'ja.json'), JSON.stringify(UI_JA));
  writeFileSync(join(locales, 'en.json'), JSON.stringify(UI_EN));
  writeFileSync(join(locales, 'notices', 'fr.json'), JSON.stringify(NOTICE_FR));

  const files: Record<string, string> = {
    'assets/index-a.js': options.entryCode ?? 'import"./vendor-b.js";console.log(1);',
    'assets/vendor-b.js': 'export const v=1;',
    'assets/page-c.js': `export const page=${JSON.stringify(randomBytes(300_000).toString('base64'))};`,
    'assets/fr-d.js': options.noticeCode ?? `export default ${JSON.stringify(NOTICE_FR)};`,
    'assets/ja-e.js': `export default ${JSON.stringify(UI_JA)};`,
    'assets/en-f.js': `export default ${JSON.stringify(UI_EN)};`,
  };
  for (const [file, code] of Object.entries(files)) writeFileSync(join(dist, file), code);
  writeFileSync(join(dist, 'sw.js'), options.sw ?? 'self.addEventListener("fetch",()=>{});');
  writeFileSync(
    join(dist, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': {
        file: 'assets/index-a.js',
        src: 'index.html',
        isEntry: true,
        imports: ['_vendor-b.js'],
        dynamicImports: ['src/page.tsx', 'locales/notices/fr.json', 'locales/ja.json'],
      },
      '_vendor-b.js': { file: 'assets/vendor-b.js' },
      'src/page.tsx': { file: 'assets/page-c.js', src: 'src/page.tsx', isDynamicEntry: true },
      'locales/notices/fr.json': { file: 'assets/fr-d.js', src: 'locales/notices/fr.json', isDynamicEntry: true },
      'locales/ja.json': { file: 'assets/ja-e.js', src: 'locales/ja.json', isDynamicEntry: true },
      'locales/en.json': { file: 'assets/en-f.js', src: 'locales/en.json', isDynamicEntry: true },
    }),
  );
  writeFileSync(
    join(dist, 'index.html'),
    options.html ??
      '<html><head><script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js"></head></html>',
  );
  return { dist, locales };
}

describe('size budgets', () => {
  it('takes the entry and its static imports as first load, and passes a build within budget', () => {
    const { dist, locales } = fakeBuild();
    const build = readBuild(dist, locales);
    expect(build.firstLoad.map((c) => c.file)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    // The large page chunk is lazy (a dynamic import), so it does not count against first load.
    expect(build.lazy.map((c) => c.file)).toEqual([
      'assets/en-f.js',
      'assets/fr-d.js',
      'assets/ja-e.js',
      'assets/page-c.js',
    ]);
    expect(build.localesInFirstLoad).toEqual([]);
    expect(checkBudgets(build)).toEqual([]);
  });

  it('fails when first-load JavaScript is over budget', () => {
    const filler = randomBytes(BUDGETS.firstLoadJsGzip).toString('base64');
    const { dist, locales } = fakeBuild({ entryCode: `import"./vendor-b.js";/*${filler}*/` });
    const breaches = checkBudgets(readBuild(dist, locales));
    expect(breaches).toHaveLength(1);
    const limit = (BUDGETS.firstLoadJsGzip / 1000).toFixed(2).replace('.', '\\.');
    expect(breaches[0]).toMatch(
      new RegExp(`^First-load JavaScript is \\d+\\.\\d\\d kB gzip, over the ${limit} kB budget\\.$`),
    );
  });

  it('fails when a UI or notice locale is merged into the first-load bundle', () => {
    const inlined = `const ja=${JSON.stringify(UI_JA)},fr=${JSON.stringify(NOTICE_FR)};`;
    const { dist, locales } = fakeBuild({ entryCode: `import"./vendor-b.js";${inlined}` });
    const build = readBuild(dist, locales);
    expect(build.localesInFirstLoad.sort()).toEqual(['locales/ja.json', 'locales/notices/fr.json']);
    expect(checkBudgets(build)).toEqual([
      'locales/ja.json is in the first-load JavaScript; locales must stay lazy chunks.',
      'locales/notices/fr.json is in the first-load JavaScript; locales must stay lazy chunks.',
    ]);
  });

  it('fails when a notice-language chunk is over its budget', () => {
    const padded = { ...NOTICE_FR, extra: randomBytes(BUDGETS.noticeChunkGzip).toString('base64') };
    const { dist, locales } = fakeBuild({ noticeCode: `export default ${JSON.stringify(padded)};` });
    expect(checkBudgets(readBuild(dist, locales))).toEqual([
      expect.stringMatching(/^locales\/notices\/fr\.json \(assets\/fr-d\.js\) is .* over the 4\.00 kB budget\.$/),
    ]);
  });

  it('fails when the service worker is over budget', () => {
    const { dist, locales } = fakeBuild({ sw: `/*${randomBytes(BUDGETS.serviceWorkerGzip).toString('base64')}*/` });
    expect(checkBudgets(readBuild(dist, locales))).toEqual([expect.stringMatching(/^The service worker is/)]);
  });

  it('lets index.html preload the default UI locale as its own chunk, and no other', () => {
    const html = (locale: string) =>
      `<script type="module" src="/assets/index-a.js"></script><link rel="modulepreload" href="/assets/vendor-b.js"><link rel="modulepreload" href="/assets/${locale}">`;
    const ja = fakeBuild({ html: html('ja-e.js') });
    const build = readBuild(ja.dist, ja.locales);
    expect(build.firstLoad.map((c) => c.file)).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    expect(build.preloaded.map((c) => c.src)).toEqual(['locales/ja.json']);
    expect(build.lazy.map((c) => c.file)).not.toContain('assets/ja-e.js');
    expect(checkBudgets(build)).toEqual([]);

    const en = fakeBuild({ html: html('en-f.js') });
    expect(checkBudgets(readBuild(en.dist, en.locales))).toEqual([
      'index.html preloads locales/en.json; only the default UI locale (locales/ja.json) may be preloaded.',
    ]);
  });

  it('refuses to measure when index.html loads other scripts than the manifest says', () => {
    const { dist, locales } = fakeBuild({
      html: '<script type="module" src="/assets/index-a.js"></script><link rel="modulepreload" href="/assets/page-c.js">',
    });
    expect(() => readBuild(dist, locales)).toThrow(/index\.html loads \[assets\/index-a\.js, assets\/page-c\.js\]/);
  });

  it('exits with code 1 and a plain message on the command line', () => {
    const filler = randomBytes(BUDGETS.firstLoadJsGzip).toString('base64');
    const { dist } = fakeBuild({ entryCode: `import"./vendor-b.js";/*${filler}*/` });
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-budgets.ts', dist], { stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('Size budgets exceeded:');
    expect(stderr).toContain('First-load JavaScript is');
  });
});
