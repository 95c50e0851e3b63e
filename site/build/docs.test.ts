import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { STRINGS } from './content.ts';
import { DOC_SOURCES, docBody, renderMarkdown, section, siteLink } from './docs.ts';

const root = resolve(import.meta.dirname, '../..');

test('section: from its heading to the next ## heading, ### kept', () => {
  const md = '# T\n\n## A\none\n### A1\ntwo\n## B\nthree\n';
  assert.equal(section(md, 'A'), '## A\none\n### A1\ntwo');
  assert.equal(section(md, 'B'), '## B\nthree\n');
  assert.throws(() => section(md, 'C'), /no section "## C"/);
});

test('siteLink: rendered docs to their page, SDK READMEs to the SDK page, other files to the source, the rest as is', () => {
  assert.equal(siteLink('docs/notifications.md', 'README.md', 'en'), '/docs/notifications.html');
  assert.equal(siteLink('docs/notifications.md#test-vectors', 'README.md', 'zh'), '/zh/docs/notifications.html#test-vectors');
  assert.equal(siteLink('../../docs/notifications.md', 'sdk/go/README.md', 'en'), '/docs/notifications.html');
  assert.equal(siteLink('typescript/README.md', 'sdk/README.md', 'zh'), '/zh/sdks/typescript.html');
  assert.equal(siteLink('../docs/openapi.json', 'sdk/README.md', 'en'), 'https://github.com/payee-dev/payee/blob/main/docs/openapi.json');
  assert.equal(siteLink('#administering-payee', 'README.md', 'en'), '#administering-payee');
  assert.equal(siteLink('https://example.com/x', 'README.md', 'en'), 'https://example.com/x');
});

test('headings get ids the README links to', () => {
  assert.match(renderMarkdown('## Administering payee\n', 'README.md', 'en'), /<h2 id="administering-payee">Administering payee<\/h2>/);
});

test('every docs page of both languages has a source, and each source renders (its sections are in the repository)', () => {
  for (const lang of ['en', 'zh'] as const) assert.deepEqual(STRINGS[lang].docs.pages.map((p) => p.slug), Object.keys(DOC_SOURCES));
  for (const slug of Object.keys(DOC_SOURCES)) {
    const html = docBody(slug, root, 'en');
    assert.ok(html.length > 1000, `${slug}: ${html.length} characters`);
    assert.doesNotMatch(html, /href="[^"]*\.md(#[^"]*)?"/, `${slug} links to a Markdown file`);
  }
});
