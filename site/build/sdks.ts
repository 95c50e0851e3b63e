/** The SDKs the site lists: every folder of sdk/ with a manifest.json and a README.md, so a new SDK shows up at the next build. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNIPPETS } from './snippets.ts';

export interface Sdk {
  readonly language: string;
  readonly label: string;
  readonly package: string;
  readonly operations: Readonly<Record<string, string>>;
  readonly readme: string;
}

export function findSdks(root: string): Sdk[] {
  const dir = join(root, 'sdk');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'manifest.json')) && existsSync(join(dir, d.name, 'README.md')))
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(dir, d.name, 'manifest.json'), 'utf8')) as { language: string; package: string; operations: Record<string, string> };
      return {
        language: d.name,
        label: SNIPPETS[d.name]?.label ?? manifest.language.charAt(0).toUpperCase() + manifest.language.slice(1),
        package: manifest.package,
        operations: manifest.operations,
        readme: join('sdk', d.name, 'README.md'),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}
