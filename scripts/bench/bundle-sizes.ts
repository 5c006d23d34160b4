import { buildAppOnce } from '../bench-helpers/app-build';
import { budgetTable, type Chunk, checkBudgets, kB, readBuild, total } from '../check-budgets';

/**
 * Sizes of a fresh production build, measured by the same code as the CI budget check
 * (scripts/check-budgets.ts): the first-load JavaScript and every lazy chunk, raw and gzip.
 */
export const title = 'Bundle sizes (production build)';

const rows = (chunks: Chunk[]) =>
  chunks.map((c) => `| ${c.file.replace(/^assets\//, '')} | ${c.src ?? ''} | ${kB(c.raw)} | ${kB(c.gzip)} |`);

export async function run(): Promise<string> {
  buildAppOnce();
  const build = readBuild();
  const breaches = checkBudgets(build);
  return [
    'Gzip level 9, kB of 1,000 bytes. The same figures are CI budgets (`npm run check:budgets`, part of `npm test`).',
    '',
    budgetTable(build),
    '',
    breaches.length === 0 ? 'All within budget.' : breaches.map((line) => `- **${line}**`).join('\n'),
    '',
    `First-load JavaScript (index.html's entry chunk and its static imports): **${kB(total(build.firstLoad, 'gzip'))} gzip**, ${kB(total(build.firstLoad, 'raw'))} raw.`,
    '',
    '| chunk | source | raw | gzip |',
    '| --- | --- | --- | --- |',
    ...rows(build.firstLoad),
    '',
    `Lazy chunks (${build.lazy.length}, loaded on demand: screens, locales, the import worker, the barcode decoder's loader):`,
    '',
    '| chunk | source | raw | gzip |',
    '| --- | --- | --- | --- |',
    ...rows(build.lazy),
    ...(build.serviceWorker
      ? ['', `Service worker (sw.js): ${kB(build.serviceWorker.raw)} raw, ${kB(build.serviceWorker.gzip)} gzip.`]
      : []),
  ].join('\n');
}
