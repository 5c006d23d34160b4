import { readFileSync } from 'node:fs';

/** Bytes of a file in tests/fixtures/csv, exactly as committed. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/csv/${name}`, import.meta.url)));
}
