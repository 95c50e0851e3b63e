/**
 * The parity table in sdk/README.md: each scenario × each language, from the results the driver
 * wrote (sdk/conformance/results/<language>.json), between the README's parity markers.
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
}

/** The column order: the languages issue 12 plans, then any other. */
const ORDER = ['typescript', 'python', 'go', 'java', 'php', 'csharp', 'cpp', 'ruby', 'erlang'];
const START = '<!-- parity:start (written by npm run sdk:conformance; do not edit) -->';
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
  ];
  return rows.join('\n');
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
