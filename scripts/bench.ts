import { execSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every module in scripts/bench/ in file-name order (each exports `title` and
 * `run()` returning a markdown section with its figures), prints the figures and writes
 * docs/benchmarks.md. Not part of `npm test`: timings never go in tests.
 */
type BenchModule = { title: string; run(): Promise<string> };

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .sort();

const nproc = (() => {
  try {
    return execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(cpus().length);
  }
})();
const sections: string[] = [];
for (const file of files) {
  const bench = (await import(pathToFileURL(`${dir}${file}`).href)) as BenchModule;
  console.log(`\n## ${bench.title}`);
  const started = performance.now();
  const section = await bench.run();
  console.log(section);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  sections.push(`## ${bench.title}\n\n${section.trim()}\n`);
}

const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Figures depend on the machine.',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${nproc} CPU cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}`,
  `- Node.js: ${process.version}`,
  '',
].join('\n');
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), `${header}\n${sections.join('\n')}`);
console.log('\nwritten docs/benchmarks.md');
process.exit(0);
