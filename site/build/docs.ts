/**
 * The docs pages' bodies: sections of the repository's README and docs/, rendered with marked.
 * A section that is gone (a heading renamed) stops the build, so a page never goes quietly empty.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked } from 'marked';
import { SOURCE_URL, type Lang } from './content.ts';
import { href as sitePath } from './layout.ts';

/** Where each docs page comes from: a file, and the `## ` sections of it (all of it when none are named). */
export const DOC_SOURCES: Record<string, { file: string; sections?: readonly string[] }> = {
  quickstart: { file: 'README.md', sections: ['Quickstart', 'Walkthrough'] },
  concepts: { file: 'README.md', sections: ['The API in brief'] },
  notifications: { file: 'docs/notifications.md' },
  deploying: { file: 'README.md', sections: ['Deploying a tenant', 'Onboarding a tenant'] },
  operating: { file: 'README.md', sections: ['Onboarding a merchant', 'Administering payee'] },
};

/** The `## <title>` section of a Markdown text, up to the next `## ` heading. */
export function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) throw new Error(`no section "## ${title}"`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/**
 * A link of the repository's Markdown as the site has it: a doc the site renders → its page,
 * another repository file → the source on GitHub, anything absolute or an anchor → as it is.
 */
export function siteLink(href: string, fromFile: string, lang: Lang): string {
  if (/^[a-z]+:|^#|^\//i.test(href)) return href;
  const [path = '', anchor] = href.split('#');
  const resolved = join(fromFile, '..', path).replaceAll('\\', '/');
  const page = Object.entries(DOC_SOURCES).find(([, s]) => s.file === resolved && !s.sections)?.[0];
  if (page) return `${sitePath(lang, `docs/${page}.html`)}${anchor ? `#${anchor}` : ''}`;
  const readme = /^sdk\/([a-z0-9-]+)\/README\.md$/.exec(resolved);
  if (readme) return sitePath(lang, `sdks/${readme[1]}.html`);
  return `${SOURCE_URL}/blob/main/${resolved}${anchor ? `#${anchor}` : ''}`;
}

export function renderMarkdown(markdown: string, fromFile: string, lang: Lang): string {
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'link') token.href = siteLink(token.href, fromFile, lang);
    },
    renderer: {
      // Headings get ids so that the README's own anchors (#administering-payee) keep working.
      heading({ tokens, depth, text }) {
        const id = text.toLowerCase().replace(/<[^>]+>|`/g, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

/** The rendered body of a docs page, read from the repository at `root`. */
export function docBody(slug: string, root: string, lang: Lang): string {
  const source = DOC_SOURCES[slug];
  if (!source) throw new Error(`no docs page "${slug}"`);
  const text = readFileSync(join(root, source.file), 'utf8');
  const markdown = source.sections ? source.sections.map((s) => section(text, s)).join('\n\n') : text.replace(/^# .*\n/, '');
  return renderMarkdown(markdown, source.file, lang);
}
