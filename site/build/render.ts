/** `npm run build`'s second half: every HTML page of the site, around the assets Vite just built into dist/. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderApiReference, loadOpenApi, withCodeSamples } from './api-reference.ts';
import { LANGS } from './content.ts';
import { href, type Assets } from './layout.ts';
import { sitePages } from './pages.ts';
import { findSdks } from './sdks.ts';

const site = resolve(import.meta.dirname, '..');
const root = resolve(site, '..');
const dist = join(site, 'dist');

const manifestFile = join(dist, '.vite', 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string; css?: string[] }>;
const entryAssets = (name: string): Assets => {
  const entry = manifest[name];
  if (!entry) throw new Error(`${manifestFile} has no ${name}: run vite build first`);
  return { css: (entry.css ?? []).map((f) => `/${f}`), js: [`/${entry.file}`] };
};
const assets = entryAssets('src/main.ts');
// The status page adds its script to every page's.
const statusAssets: Assets = { css: assets.css, js: [...assets.js, ...entryAssets('src/status.ts').js] };
// The member pages add theirs.
const memberAssets: Assets = { css: assets.css, js: [...assets.js, ...entryAssets('src/members.ts').js] };
rmSync(join(dist, '.vite'), { recursive: true });

const write = (path: string, html: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
};
const langDir = (lang: string) => (lang === 'en' ? dist : join(dist, lang));

const sdks = findSdks(root);
let count = 0;
for (const lang of LANGS) {
  for (const [path, html] of sitePages(lang, assets, statusAssets, root, sdks, memberAssets)) {
    write(join(langDir(lang), path), html);
    count++;
  }
}

const doc = withCodeSamples(await loadOpenApi(root));
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
const apiFiles = Object.fromEntries(LANGS.map((l) => [l, { file: join(langDir(l), 'api', 'index.html'), base: href(l, 'api') }])) as Parameters<typeof renderApiReference>[1];
mkdirSync(join(dist, 'zh', 'api'), { recursive: true });
mkdirSync(join(dist, 'api'), { recursive: true });
renderApiReference(doc, apiFiles, assets, join(site, 'node_modules/@redocly/cli/bin/cli.js'));
count += LANGS.length;
console.log(`site: ${count} pages in ${dist} (${sdks.length} SDKs)`);
