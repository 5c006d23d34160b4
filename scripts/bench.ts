import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench`: runs every module in scripts/bench/ in file-name order (each exports `title` and
 * `run()` returning a markdown section with its figures), prints the figures and writes
 * docs/benchmarks.md. Not part of `npm test`: timings never go in tests.
 *
 * `npm run bench -- bundle lighthouse` runs only the modules whose file names start with those words
 * and replaces only their sections, keeping the others as last written, so one slow module does not
 * force re-running all of them.
 */
type BenchModule = { title: string; run(): Promise<string> };

const dir = fileURLToPath(new URL('./bench/', import.meta.url));
const docPath = new URL('../docs/benchmarks.md', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .sort();
const wanted = process.argv.slice(2);
const selected = files.filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
if (selected.length === 0) {
  console.error(`no bench module matches ${wanted.join(', ')}; modules: ${files.join(', ')}`);
  process.exit(1);
}

/** The sections of the last docs/benchmarks.md, by title. */
function previousSections(): Map<string, string> {
  const sections = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(docPath, 'utf8');
  } catch {
    return sections;
  }
  for (const part of text.split(/^(?=## )/m).slice(1)) {
    const title = part.slice(3, part.indexOf('\n')).trim();
    sections.set(title, part.trimEnd());
  }
  return sections;
}

const nproc = (() => {
  try {
    return execSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(cpus().length);
  }
})();
const previous = previousSections();
const sections: string[] = [];
for (const file of files) {
  const bench = (await import(pathToFileURL(`${dir}${file}`).href)) as BenchModule;
  if (!selected.includes(file)) {
    const kept = previous.get(bench.title);
    if (kept) sections.push(`${kept}\n`);
    continue;
  }
  console.log(`\n## ${bench.title}`);
  const load = loadavg()[0]?.toFixed(2) ?? '?';
  const started = performance.now();
  const section = await bench.run();
  console.log(section);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`(${seconds} s)`);
  // Per section, since a partial run leaves the other sections from an earlier date.
  const measured = `_Measured ${new Date().toISOString()} by \`scripts/bench/${file}\` in ${seconds} s; load average at start ${load}._`;
  sections.push(`## ${bench.title}\n\n${section.trim()}\n\n${measured}\n`);
}

const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Figures depend on the machine.',
  '',
  `- Written: ${new Date().toISOString()}${wanted.length > 0 ? ` (sections re-run: ${selected.join(', ')})` : ''}`,
  `- Machine: ${nproc} CPU cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}`,
  `- Node.js: ${process.version}`,
  '',
].join('\n');
writeFileSync(docPath, `${header}\n${sections.join('\n')}`);
console.log('\nwritten docs/benchmarks.md');
process.exit(0);
