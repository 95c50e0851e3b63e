/**
 * The plugin catalogue page, from the plugins' own manifests (plugins/index.ts): what each one
 * receives, the filter policy it subscribes with, the permissions it asks for and its settings
 * (the zod schema tenants.json is validated against at synthesis, as JSON Schema).
 */
import * as z from 'zod/mini';
import { filterPolicyOf, type PluginManifest } from '../../lib/plugins/manifest.ts';
import { PLUGINS } from '../../plugins/index.ts';
import { STRINGS, type Lang } from './content.ts';
import { esc, page, type Assets } from './layout.ts';
import type { Page } from './pages.ts';

interface SettingsSchema {
  properties?: Record<string, { description?: string }>;
  required?: string[];
}

function settingsOf(manifest: PluginManifest): SettingsSchema {
  return z.toJSONSchema(manifest.settings, { io: 'input', unrepresentable: 'any' }) as SettingsSchema;
}

function section(lang: Lang, manifest: PluginManifest): string {
  const t = STRINGS[lang].plugins;
  const settings = settingsOf(manifest);
  const required = new Set(settings.required ?? []);
  const example = { tenants: [{ name: '…', plugins: { [manifest.name]: Object.fromEntries([...required].map((k) => [k, '…'])) } }] };
  return `<section id="${esc(manifest.name)}" class="plugin">
<h2>${esc(manifest.name)} <small>${esc(t.version)} ${esc(manifest.version)}</small></h2>
<p lang="en">${esc(manifest.description)}</p>
<h3>${esc(t.events)}</h3><p>${manifest.events.map((e) => `<code>${esc(e)}</code>`).join(' ')}</p>
<h3>${esc(t.filter)}</h3><pre><code>${esc(JSON.stringify(filterPolicyOf(manifest), null, 2))}</code></pre>
<h3>${esc(t.permissions)}</h3><ul lang="en">${manifest.permissions.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<h3>${esc(t.settings)}</h3>
<table><thead><tr><th>${esc(t.field)}</th><th>${esc(t.required)}</th><th></th></tr></thead><tbody>
${Object.entries(settings.properties ?? {}).map(([field, s]) => `<tr><td><code>${esc(field)}</code></td><td>${esc(required.has(field) ? t.yes : t.no)}</td><td lang="en">${esc(s.description ?? '')}</td></tr>`).join('\n')}
</tbody></table>
<h3>${esc(t.enable)}</h3><pre><code>${esc(JSON.stringify(example, null, 2))}</code></pre>
</section>`;
}

export function pluginsPage(lang: Lang, assets: Assets): Page {
  const t = STRINGS[lang].plugins;
  const manifests = Object.values(PLUGINS);
  const body = `<h1>${esc(t.title)}</h1><p class="lead">${esc(t.intro)}</p>
<ul class="cards">${manifests.map((m) => `<li><h2><a href="#${esc(m.name)}">${esc(m.name)}</a></h2><p lang="en">${esc(m.description)}</p></li>`).join('')}</ul>
<div class="prose">${manifests.map((m) => section(lang, m)).join('\n')}</div>`;
  return ['plugins.html', page({ lang, page: 'plugins.html', title: `${t.title} — payee`, section: 'plugins', body, assets })];
}
