import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

let built = false;

/** A fresh production build in dist/, once per bench run, so no figure comes from a stale build. */
export function buildAppOnce(): void {
  if (built) return;
  execFileSync(process.execPath, [`${repoRoot}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'error'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  built = true;
}
