/**
 * Bundle size and cold module-load time of each synthesized function, beside a reference bundle
 * (bench/reference-get-item.ts: the DynamoDB document client making one GetItem, built as every
 * function is) and an empty handler. Each load is a fresh Node 22 process importing the bundle, as
 * a new Lambda container does; what the figures mean is the ratio to the reference (target ≤ 1.5).
 *
 * `npm run bench:cold` synthesizes the app and prints this table alone; `npm run bench` prints it
 * after the throughput figures.
 */
import { bytesLoadedAtStart } from '../infra/constructs/bundle-size.ts';
import { splitBundleArgs } from '../infra/constructs/payee-function.ts';
import { synthApp } from '../infra/stacks/app.ts';
import { LOCAL_TENANT } from '../infra/tenants/tenants-schema.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface FunctionBundle {
  name: string;
  file: string;
  /** The function's own environment: a module may read (and validate) it at load, as a plugin reads its settings. */
  environment?: Record<string, string>;
}

export interface ColdStart {
  name: string;
  bytes: number;
  /** Median CPU time (user + system, every thread) of the import. */
  cpuMs: number;
  /** Median wall-clock time of the import. */
  wallMs: number;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const RATIO_TARGET = 1.5;
const MAX_BYTES = 300 * 1024;

const probe = `const c = process.cpuUsage(); const t = performance.now(); await import(process.argv[1]);
const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify([(u.user + u.system) / 1000, w]));`;

function loadOnce({ file, environment }: FunctionBundle): [cpuMs: number, wallMs: number] {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(file).href], {
    env: { ...process.env, TABLE_NAME: 'bench', AWS_REGION: 'us-east-1', ...environment },
  });
  return JSON.parse(out.toString()) as [number, number];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The reference bundle, built into `dir` by the functions' own build (BUNDLE, split-bundle.mjs). */
function buildReference(dir: string): string {
  execFileSync(process.execPath, splitBundleArgs(REPO_ROOT, 'bench/reference-get-item.ts', join(dir, 'reference')));
  return join(dir, 'reference', 'index.mjs');
}

export function measureColdStarts(bundles: FunctionBundle[], runs = 11): { runs: number; empty: ColdStart; reference: ColdStart; functions: ColdStart[] } {
  const dir = mkdtempSync(join(tmpdir(), 'payee-bench-'));
  const emptyFile = join(dir, 'index.mjs');
  writeFileSync(emptyFile, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
  const all = [{ name: 'empty handler', file: emptyFile }, { name: 'reference', file: buildReference(dir) }, ...bundles];
  // Round-robin, one load of each bundle per round: on a shared machine the load changes by the
  // minute, and each ratio must compare loads made under the same conditions.
  const samples = all.map(() => ({ cpu: [] as number[], wall: [] as number[] }));
  for (let round = 0; round < runs; round++) {
    all.forEach((bundle, i) => {
      const [cpuMs, wallMs] = loadOnce(bundle);
      samples[i]!.cpu.push(cpuMs);
      samples[i]!.wall.push(wallMs);
    });
  }
  const [empty, reference, ...functions] = all.map(({ name, file }, i) => ({
    name,
    bytes: bytesLoadedAtStart(file),
    cpuMs: median(samples[i]!.cpu),
    wallMs: median(samples[i]!.wall),
  }));
  return { runs, empty: empty!, reference: reference!, functions };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

/**
 * The ratio is taken on CPU time: with more runnable processes than cores (the bench machines run
 * at a load of 5-13 on 2 cores), wall time mostly measures the wait for a core, which a Lambda
 * container, with its own share of one, does not have.
 */
export function printColdStarts({ runs, empty, reference, functions }: ReturnType<typeof measureColdStarts>): void {
  console.log(`\nCold module load: bytes loaded at start (index.mjs and its static chunks), median of ${runs} fresh Node 22 processes`);
  console.log(`  ${'bundle'.padEnd(20)} ${'bytes'.padStart(9)}  ${'CPU ms'.padStart(7)}  ${'wall ms'.padStart(7)}  × reference (target ≤ ${RATIO_TARGET})`);
  const row = (name: string, f: ColdStart, ratio = '') =>
    console.log(`  ${name.padEnd(20)} ${fmt(f.bytes).padStart(9)}  ${fmt(f.cpuMs, 1).padStart(7)}  ${fmt(f.wallMs, 1).padStart(7)}  ${ratio}`);
  row('(empty handler)', empty);
  row('(reference GetItem)', reference, '1.00');
  for (const f of functions) {
    const ratio = f.cpuMs / reference.cpuMs;
    const flags = [ratio > RATIO_TARGET && 'OVER', f.bytes > MAX_BYTES && 'OVER 300 KB'].filter(Boolean).join(', ');
    row(f.name.replace(/Function[0-9A-F]{8}$/, ''), f, `${fmt(ratio, 2)}  ${flags}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { assembly, stackName } = synthApp({ tenant: LOCAL_TENANT, outdir: resolve(process.env.PAYEE_TEST_OUTDIR ?? 'cdk.out/bench-cold') });
  type Resource = { Type: string; Metadata?: Record<string, string>; Properties?: { Environment?: { Variables?: Record<string, unknown> } } };
  const { template } = assembly.getStackByName(stackName) as { template: { Resources: Record<string, Resource> } };
  const bundles = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:path'])
    .map(([name, r]) => ({
      name,
      file: join(assembly.directory, r.Metadata!['aws:asset:path']!, 'index.mjs'),
      // Literal values only: references to other resources resolve on deployment, and no module reads those at load.
      environment: Object.fromEntries(Object.entries(r.Properties?.Environment?.Variables ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
    }));
  printColdStarts(measureColdStarts(bundles, Number(process.env.BENCH_COLD_RUNS ?? 11)));
}
