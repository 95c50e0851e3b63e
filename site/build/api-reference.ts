/**
 * The API reference: the OpenAPI document the API serves (PAYEE_OPENAPI_URL, e.g. a running
 * stack's /openapi.json; else the committed docs/openapi.json, the same document) with each
 * operation's SDK snippets added, rendered by Redoc (Redocly's build-docs) into a page that
 * carries Redoc's script inline and its HTML prerendered: no CDN, readable without JavaScript.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STRINGS, type Lang } from './content.ts';
import { page, type Assets } from './layout.ts';
import { codeSamples, sampleLanguages } from './snippets.ts';

type OpenApi = { paths: Record<string, Record<string, { operationId?: string; 'x-codeSamples'?: unknown }>> };

export async function loadOpenApi(root: string): Promise<OpenApi> {
  const url = process.env.PAYEE_OPENAPI_URL;
  if (!url) return JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8')) as OpenApi;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`PAYEE_OPENAPI_URL ${url}: HTTP ${res.status}`);
  return (await res.json()) as OpenApi;
}

/** The document with x-codeSamples on every operation an SDK covers. */
export function withCodeSamples(doc: OpenApi): OpenApi {
  const paths = Object.fromEntries(
    Object.entries(doc.paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, op]) => {
          const samples = op?.operationId ? codeSamples(method, path, op.operationId) : [];
          return [method, samples.length ? { ...op, 'x-codeSamples': samples } : op];
        }),
      ),
    ]),
  );
  return { ...doc, paths };
}

/**
 * Writes the reference of each language to its `files` entry (an index.html of the directory
 * `base` names). Redoc 3 routes by path (`<base>/payments`, `<base>/other/createpayment`) and
 * prerenders its links from the root, so they are moved under `base`; the server answers every
 * path under `base` with this page (see infra/site/rewrite.js).
 */
export function renderApiReference(doc: OpenApi, files: Record<Lang, { file: string; base: string }>, assets: Assets, cli: string): void {
  const work = mkdtempSync(join(tmpdir(), 'payee-site-api-'));
  try {
    const spec = join(work, 'openapi.json');
    writeFileSync(spec, JSON.stringify(doc));
    for (const [lang, { file: output, base }] of Object.entries(files) as [Lang, { file: string; base: string }][]) {
      const template = join(work, `${lang}.hbs`);
      // Redoc fills {{{redocHead}}} and {{{redocHTML}}}; the rest is the site's own shell.
      const shell = page({ lang, page: 'api/', title: `${STRINGS[lang].api.title} — payee`, section: 'api', body: '{{{redocHTML}}}', assets, bare: true });
      writeFileSync(template, shell.replace('</head>', '{{{redocHead}}}\n</head>'));
      try {
        execFileSync(process.execPath, [cli, 'build-docs', spec, '--inlineBundle', '--template', template, '--output', output, '--lint-config', 'off', '--openapi', JSON.stringify({ routingBasePath: base, codeSamples: { languages: sampleLanguages() } })], {
          stdio: 'pipe',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        });
      } catch (err) {
        throw new Error(`redocly build-docs failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
      }
      writeFileSync(output, underBase(readFileSync(output, 'utf8'), base));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The built page with Redoc's prerendered links under `base`, and its attribution logo, which
 * Redoc 3 draws from its CDN whatever the options, from the site (it loads nothing from elsewhere).
 */
export function underBase(html: string, base: string): string {
  const start = html.indexOf('<div id="redoc">');
  const end = html.indexOf('<script type="module">', start);
  if (start < 0 || end < 0) throw new Error('redocly build-docs wrote no <div id="redoc"> before its script');
  const prerendered = html.slice(start, end).replaceAll(/href="\/(?!\/)/g, `href="${base}/`);
  return (html.slice(0, start) + prerendered + html.slice(end)).replaceAll(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g, '/redoc-logo.svg');
}
