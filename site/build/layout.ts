/** The shell every page shares: head, navigation with the language switch, footer. */
import { SOURCE_URL, STRINGS, type Lang } from './content.ts';
import { MEMBER_WORDS } from './member-content.ts';

/**
 * The logo inline: as an <img> of favicon.svg it was a request on every page's way to its load
 * event (pages are no-cache, so is the icon) and an SVG document of its own to lay out, about half
 * of a page’s load time on this machine.
 */
const LOGO = '<svg class="logo" width="24" height="24" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#0b6e4f"/><text x="16" y="22" font-size="16" font-weight="700" fill="#fff" text-anchor="middle">贝</text></svg>';

export interface Assets {
  readonly css: readonly string[];
  readonly js: readonly string[];
}

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The site path of a page in a language: English at the root, Chinese under /zh. */
export function href(lang: Lang, page: string): string {
  return `${lang === 'en' ? '' : '/zh'}/${page}`;
}

export type Section = 'home' | 'docs' | 'api' | 'sdks' | 'plugins' | 'pricing' | 'status' | 'members' | 'none';

export interface PageOptions {
  readonly lang: Lang;
  /** The page's path without the language prefix, e.g. `docs/quickstart.html` or `` for home. */
  readonly page: string;
  readonly title: string;
  readonly description?: string;
  readonly section: Section;
  readonly body: string;
  readonly assets: Assets;
  /** The body is a whole app with its own <main> (the API reference): not wrapped in the page's. */
  readonly bare?: boolean;
}

export function page(o: PageOptions): string {
  const t = STRINGS[o.lang];
  const other: Lang = o.lang === 'en' ? 'zh' : 'en';
  const nav = (section: Section, label: string, target: string) =>
    `<a href="${href(o.lang, target)}"${o.section === section ? ' aria-current="page"' : ''}>${esc(label)}</a>`;
  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
${o.description ? `<meta name="description" content="${esc(o.description)}">\n` : ''}<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="alternate" hreflang="en" href="${href('en', o.page)}">
<link rel="alternate" hreflang="zh-CN" href="${href('zh', o.page)}">
${o.assets.css.map((c) => `<link rel="stylesheet" href="${c}">`).join('\n')}
${o.assets.js.map((j) => `<script type="module" src="${j}"></script>`).join('\n')}
</head>
<body>
<header class="top">
<nav aria-label="main">
<a class="brand" href="${href(o.lang, '')}">${LOGO} ${esc(t.nav.home)}</a>
${nav('docs', t.nav.docs, 'docs/')}
${nav('api', t.nav.api, 'api/')}
${nav('sdks', t.nav.sdks, 'sdks/')}
${nav('plugins', t.nav.plugins, 'plugins.html')}
${nav('pricing', t.nav.pricing, 'pricing.html')}
${nav('status', t.nav.status, 'status.html')}
<a href="${SOURCE_URL}">${esc(t.nav.source)}</a>
${nav('members', MEMBER_WORDS[o.lang].nav, 'members/dashboard.html')}
<a class="lang" href="${href(other, o.page)}" hreflang="${STRINGS[other].htmlLang}" lang="${STRINGS[other].htmlLang}">${esc(t.otherLang.label)}</a>
</nav>
</header>
${o.bare ? `<div id="main" class="app">${o.body}</div>` : `<main id="main">\n${o.body}\n</main>`}
<footer class="bottom"><p>${esc(t.footer)} <a href="${SOURCE_URL}">${esc(t.nav.source)}</a></p></footer>
</body>
</html>
`;
}
