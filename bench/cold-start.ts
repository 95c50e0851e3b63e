/**
 * Bundle size and cold module-load time of each synthesized function, beside an empty handler's:
 * each load is a fresh Node 22 process importing the bundle, as a new Lambda container does.
 */
import { bytesLoadedAtStart } from '../infra/constructs/bundle-size.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface FunctionBundle {
  name: string;
  file: string;
}

export interface ColdStart {
  name: string;
  bytes: number;
  loadMs: number;
}

const probe = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function loadOnce(file: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(file).href], {
    env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1' },
  });
  return Number(out.toString());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function measureColdStarts(bundles: FunctionBundle[], runs = 7): { empty: ColdStart; functions: ColdStart[] } {
  const dir = mkdtempSync(join(tmpdir(), 'payee-bench-'));
  const emptyFile = join(dir, 'index.mjs');
  writeFileSync(emptyFile, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  const measure = ({ name, file }: FunctionBundle): ColdStart => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(loadOnce(file));
    return { name, bytes: bytesLoadedAtStart(file), loadMs: median(times) };
  };
  // Interleave nothing: each function's runs back to back, the empty handler first and last, so
  // drift on a shared machine shows up as a difference between the two empty figures.
  const emptyBefore = measure({ name: 'empty handler', file: emptyFile });
  const functions = bundles.map(measure);
  const emptyAfter = measure({ name: 'empty handler', file: emptyFile });
  return { empty: { ...emptyBefore, loadMs: (emptyBefore.loadMs + emptyAfter.loadMs) / 2 }, functions };
}
