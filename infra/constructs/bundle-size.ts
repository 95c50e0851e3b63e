/**
 * Bytes a function loads at cold start: its index.mjs and the chunks imported statically from it,
 * transitively. Chunks imported dynamically (a channel the function has not used yet) load on
 * first use and are not counted.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const STATIC_IMPORT = /import\s*(?:\{[^}]*\}\s*from\s*)?"(\.{1,2}\/[^"]+\.mjs)"/g;

export function bytesLoadedAtStart(file: string, seen = new Set<string>()): number {
  if (seen.has(file)) return 0;
  seen.add(file);
  const imports = [...readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)].map((m) => path.join(path.dirname(file), m[1]!));
  return statSync(file).size + imports.reduce((sum, next) => sum + bytesLoadedAtStart(next, seen), 0);
}
