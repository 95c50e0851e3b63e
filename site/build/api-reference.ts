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
import { codeSamples } from './snippets.ts';

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

/** Writes the reference page of each language to `out` (paths as in `files`). */
export function renderApiReference(doc: OpenApi, files: Record<Lang, string>, assets: Assets, cli: string): void {
  const work = mkdtempSync(join(tmpdir(), 'payee-site-api-'));
  try {
    const spec = join(work, 'openapi.json');
    writeFileSync(spec, JSON.stringify(doc));
    for (const [lang, output] of Object.entries(files) as [Lang, string][]) {
      const template = join(work, `${lang}.hbs`);
      // Redoc fills {{{redocHead}}} and {{{redocHTML}}}; the rest is the site's own shell.
      const shell = page({ lang, page: 'api.html', title: `${STRINGS[lang].api.title} — payee`, section: 'api', body: '<div class="redoc-wrap">{{{redocHTML}}}</div>', assets });
      writeFileSync(template, shell.replace('</head>', '{{{redocHead}}}\n</head>'));
      try {
        execFileSync(process.execPath, [cli, 'build-docs', spec, '--inlineBundle', '--template', template, '--output', output, '--lint-config', 'off'], {
          stdio: 'pipe',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        });
      } catch (err) {
        throw new Error(`redocly build-docs failed: ${String((err as { stderr?: Buffer }).stderr ?? err)}`);
      }
      // Redoc 3 draws its attribution logo from its CDN, whatever the options; the site loads
      // nothing from elsewhere, so the logo is a local file.
      writeFileSync(output, readFileSync(output, 'utf8').replaceAll(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g, '/redoc-logo.svg'));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
