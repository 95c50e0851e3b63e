import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLUGINS } from '../../plugins/index.ts';
import { pluginsPage } from './plugins.ts';

const assets = { css: [], js: [] };

test('the plugin page has a section per manifest: its events, permissions and every settings field', () => {
  for (const lang of ['en', 'zh'] as const) {
    const [path, html] = pluginsPage(lang, assets);
    assert.equal(path, 'plugins.html');
    for (const manifest of Object.values(PLUGINS)) {
      const start = html.indexOf(`<section id="${manifest.name}"`);
      assert.ok(start >= 0, `${lang}: no section for ${manifest.name}`);
      const section = html.slice(start, html.indexOf('</section>', start));
      for (const event of manifest.events) assert.ok(section.includes(`<code>${event}</code>`), `${manifest.name}: ${event}`);
      assert.equal((section.match(/<li>/g) ?? []).length, manifest.permissions.length);
      // Every manifest takes companyIds (lib/plugins/manifest.ts commonSettings).
      assert.ok(section.includes('<code>companyIds</code>'), `${manifest.name}: settings table`);
    }
  }
});

test('the tenants.json example names the required settings only', () => {
  const [, html] = pluginsPage('en', assets);
  const chat = html.slice(html.indexOf('<section id="chat-alert"'));
  assert.match(chat, /&#34;chat-alert&#34;: \{\s+&#34;url&#34;: &#34;…&#34;,\s+&#34;format&#34;: &#34;…&#34;\s+\}/);
});
