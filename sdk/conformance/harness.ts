/**
 * What the conformance driver and the benchmark share: the languages to run (each
 * sdk/<language>/manifest.json naming an adapter, or those named on the command line) and the
 * stack to run them against (PAYEE_TARGET's, or a local one started here).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import type { Target } from '../../infra/local/target.ts';

export const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
export const RESULTS_DIR = join(SDK_DIR, 'conformance', 'results');

export interface Manifest {
  language: string;
  adapter?: { command: string[] };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The languages with an adapter, or those of `asked` (an error names any without one). */
export function languages(asked: string[]): Manifest[] {
  const all = readdirSync(SDK_DIR)
    .filter((d) => existsSync(join(SDK_DIR, d, 'manifest.json')))
    .map((d) => JSON.parse(readFileSync(join(SDK_DIR, d, 'manifest.json'), 'utf8')) as Manifest)
    .filter((m) => m.adapter);
  const unknown = asked.filter((l) => !all.some((m) => m.language === l));
  if (unknown.length) throw new Error(`no adapter for ${unknown.join(', ')} (sdk/<language>/manifest.json "adapter")`);
  return asked.length ? all.filter((m) => asked.includes(m.language)) : all;
}

/**
 * The target PAYEE_TARGET names, or a local stack on random ports (`stop` ends it), synthesized into
 * PAYEE_TEST_OUTDIR when set (so that runs side by side do not share `outdir`).
 */
export async function openTarget(name: string, defaultOutdir: string): Promise<{ target: Target; stop: () => Promise<void> }> {
  const outdir = process.env.PAYEE_TEST_OUTDIR || defaultOutdir;
  if (process.env.PAYEE_TARGET) {
    const target = JSON.parse(readFileSync(process.env.PAYEE_TARGET, 'utf8')) as Target;
    console.log(`${name}: against ${target.apiUrl} (PAYEE_TARGET)`);
    return { target, stop: async () => {} };
  }
  const started = Date.now();
  console.log(`${name}: starting a local stack (${outdir})...`);
  const stack = await startLocalStack({ host: '127.0.0.1', outdir });
  console.log(`${name}: local stack up in ${seconds(Date.now() - started)}`);
  return { target: stack.target, stop: () => stack.stop() };
}
