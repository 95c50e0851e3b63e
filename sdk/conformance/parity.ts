/**
 * The parity table in sdk/README.md: each scenario × each language, and each SDK's overhead over
 * raw HTTP, from the results the conformance driver and the benchmark wrote
 * (sdk/conformance/results/<language>.json), between the README's parity markers.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LanguageResults {
  language: string;
  sdk: string;
  version: string;
  variants: string[];
  passed: number;
  failed: number;
  scenarios: { id: string; ok: boolean; error?: string }[];
  /** The last `npm run sdk:bench` (kept when the scenarios run again). */
  bench?: BenchResult;
}

/** getPayment through the SDK against the same GET through the HTTP client it uses, in one run. */
export interface BenchResult {
  /** The call style measured (the SDK's concurrent one) and the calls in flight. */
  variant: string;
  concurrency: number;
  /** Calls per side. */
  calls: number;
  rawPerSecond: number;
  sdkPerSecond: number;
  /** SDK time per call over raw time per call. */
  ratio: number;
  target: number;
  /** The machine's load average (1 min) when the run began: the figures are from a shared machine. */
  load: number;
  at: string;
}

/** The column order: the languages issue 12 plans, then any other. */
const ORDER = ['typescript', 'python', 'go', 'java', 'php', 'csharp', 'cpp', 'ruby', 'erlang'];
const START = '<!-- parity:start (written by npm run sdk:conformance and sdk:bench; do not edit) -->';
const END = '<!-- parity:end -->';

export function readResults(dir: string): LanguageResults[] {
  if (!existsSync(dir)) return [];
  const rank = (l: string) => (ORDER.includes(l) ? ORDER.indexOf(l) : ORDER.length);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as LanguageResults)
    .sort((a, b) => rank(a.language) - rank(b.language) || a.language.localeCompare(b.language));
}

export function parityTable(scenarios: { id: string; title: string }[], results: LanguageResults[]): string {
  const cell = (r: LanguageResults, id: string) => {
    const s = r.scenarios.find((x) => x.id === id);
    return s ? (s.ok ? '✅' : '❌') : '—';
  };
  const rows = [
    `| scenario | ${results.map((r) => r.language).join(' | ')} |`,
    `|---|${results.map(() => ':-:').join('|')}|`,
    `| *SDK, version, call styles* | ${results.map((r) => `${r.version}, ${r.variants.join(' + ')}`).join(' | ')} |`,
    ...scenarios.map((s) => `| \`${s.id}\`: ${s.title} | ${results.map((r) => cell(r, s.id)).join(' | ')} |`),
    `| **passed** | ${results.map((r) => `**${r.passed}/${scenarios.length}**`).join(' | ')} |`,
    `| *overhead per call over raw HTTP, 16 calls in flight (\`npm run sdk:bench\`, aim ≤ 1.2×)* | ${results.map(benchCell).join(' | ')} |`,
  ];
  return rows.join('\n');
}

function benchCell(r: LanguageResults): string {
  const b = r.bench;
  if (!b) return '—';
  const rate = (n: number) => Math.round(n).toLocaleString('en');
  return `${b.ratio <= b.target ? '✅' : '❌'} ${b.ratio.toFixed(2)}× (SDK ${rate(b.sdkPerSecond)}, raw ${rate(b.rawPerSecond)} calls/s; ${b.variant})`;
}

/** Writes a language's results file, keeping what `update` does not replace (scenarios or bench). */
export function writeResults(dir: string, update: Partial<LanguageResults> & { language: string }): void {
  const file = join(dir, `${update.language}.json`);
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LanguageResults) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, ...update }, null, 2)}\n`);
}

/** Replaces the table between the markers of `readme`; false when the markers are missing. */
export function writeParity(readme: string, table: string): boolean {
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return false;
  writeFileSync(readme, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
  return true;
}
