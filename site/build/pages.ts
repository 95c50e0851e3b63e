/** The site's own pages (everything but the API reference), as [path, html] pairs per language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { architectureSvg } from './architecture.ts';
import { STRINGS, type Lang } from './content.ts';
import { docBody, renderMarkdown } from './docs.ts';
import { esc, href, page, type Assets } from './layout.ts';
import { formatAmount, PLANS } from './plans.ts';
import type { Sdk } from './sdks.ts';
import { memberPages } from './member-pages.ts';
import { pluginsPage } from './plugins.ts';
import { MEMBER_WORDS } from './member-content.ts';

export type Page = readonly [path: string, html: string];

function home(lang: Lang, assets: Assets): Page {
  const h = STRINGS[lang].home;
  const body = `<section class="hero">
<h1>${esc(h.tagline)}</h1>
<p class="lead">${esc(h.lead)}</p>
<p class="actions"><a class="button" href="${href(lang, 'docs/quickstart.html')}">${esc(h.start)}</a> <a class="button secondary" href="${href(lang, 'api/')}">${esc(h.readApi)}</a></p>
</section>
<section id="providers"><h2>${esc(h.providersTitle)}</h2>
<ul class="cards">${h.providers.map((p) => `<li><h3>${esc(p.name)}</h3><p class="methods"><code>${esc(p.methods)}</code></p><p>${esc(p.text)}</p></li>`).join('')}</ul>
</section>
<section id="architecture"><h2>${esc(h.architectureTitle)}</h2>
<p>${esc(h.architectureText)}</p>
${architectureSvg(lang)}
</section>
<section id="features"><h2>${esc(h.featuresTitle)}</h2>
<ul class="cards features">${h.features.map((f) => `<li><h3>${esc(f.title)}</h3><p>${esc(f.text)}</p></li>`).join('')}</ul>
</section>
<section id="aws"><h2>${esc(h.awsTitle)}</h2>${h.awsText.map((p) => `<p>${esc(p)}</p>`).join('')}</section>`;
  return ['index.html', page({ lang, page: '', title: h.title, description: h.lead, section: 'home', body, assets })];
}

function docsIndex(lang: Lang, assets: Assets): Page {
  const d = STRINGS[lang].docs;
  const body = `<h1>${esc(d.title)}</h1><p class="lead">${esc(d.intro)}</p>
<ul class="cards">${d.pages.map((p) => `<li><h2><a href="${href(lang, `docs/${p.slug}.html`)}">${esc(p.title)}</a></h2><p>${esc(p.summary)}</p></li>`).join('')}</ul>`;
  return ['docs/index.html', page({ lang, page: 'docs/', title: d.title, section: 'docs', body, assets })];
}

function docPages(lang: Lang, assets: Assets, root: string): Page[] {
  const d = STRINGS[lang].docs;
  const side = (current: string) =>
    `<nav class="side" aria-label="${esc(d.title)}"><ul>${d.pages.map((p) => `<li><a href="${href(lang, `docs/${p.slug}.html`)}"${p.slug === current ? ' aria-current="page"' : ''}>${esc(p.title)}</a></li>`).join('')}</ul></nav>`;
  return d.pages.map((p) => {
    const body = `<div class="with-side">${side(p.slug)}<article class="prose">
<h1>${esc(p.title)}</h1><p class="lead">${esc(p.summary)}</p>${d.englishOnly ? `<p class="note" lang="${STRINGS[lang].htmlLang}">${esc(d.englishOnly)}</p>` : ''}
<div lang="en">${docBody(p.slug, root, lang)}</div></article></div>`;
    return [`docs/${p.slug}.html`, page({ lang, page: `docs/${p.slug}.html`, title: `${p.title} — payee`, description: p.summary, section: 'docs', body, assets })] as const;
  });
}

function sdkPages(lang: Lang, assets: Assets, root: string, sdks: readonly Sdk[]): Page[] {
  const s = STRINGS[lang].sdks;
  const index = `<h1>${esc(s.title)}</h1><p class="lead">${esc(s.intro)}</p>
<table><thead><tr><th>${esc(s.language)}</th><th>${esc(s.package)}</th><th>${esc(s.operations)}</th></tr></thead><tbody>
${sdks.map((k) => `<tr><td><a href="${href(lang, `sdks/${k.language}.html`)}">${esc(k.label)}</a></td><td><code>${esc(k.package)}</code></td><td>${Object.keys(k.operations).length}</td></tr>`).join('\n')}
</tbody></table>
<div class="prose" lang="en">${renderMarkdown(readFileSync(join(root, 'sdk/README.md'), 'utf8').replace(/^# .*\n/, '').replace(/<!-- parity:start[\s\S]*$/, ''), 'sdk/README.md', lang)}</div>`;
  return [
    ['sdks/index.html', page({ lang, page: 'sdks/', title: `${s.title} — payee`, section: 'sdks', body: index, assets })],
    ...sdks.map((k): Page => {
      const body = `<article class="prose" lang="en">${renderMarkdown(readFileSync(join(root, k.readme), 'utf8'), k.readme, lang)}</article>`;
      return [`sdks/${k.language}.html`, page({ lang, page: `sdks/${k.language}.html`, title: `${k.label} SDK — payee`, section: 'sdks', body, assets })];
    }),
  ];
}

function pricing(lang: Lang, assets: Assets): Page {
  const p = STRINGS[lang].pricing;
  const body = `<h1>${esc(p.title)}</h1><p class="lead">${esc(p.intro)}</p>
<ul class="cards plans">${PLANS.map((plan) => {
    const text = p.plans[plan.id];
    const price = plan.amount === 0 ? esc(p.free) : `${esc(formatAmount(plan, lang))} <small>${esc(p.perYear)}</small>`;
    const buy = plan.amount === 0 ? '' : `<p><a class="button" href="${href(lang, `members/plan.html?plan=${plan.id}`)}">${esc(MEMBER_WORDS[lang].plan.buy)}</a></p>`;
    return `<li id="plan-${plan.id}"><h2>${esc(text.name)}</h2><p class="price">${price}</p><ul>${text.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>${buy}</li>`;
  }).join('')}</ul>`;
  return ['pricing.html', page({ lang, page: 'pricing.html', title: `${p.title} — payee`, section: 'pricing', body, assets })];
}

/** The figures come from /status.json at view time (src/status.ts); the page carries their words. */
function status(lang: Lang, assets: Assets): Page {
  const t = STRINGS[lang].status;
  const body = `<h1>${esc(t.title)}</h1><p class="lead">${esc(t.intro)}</p>
<noscript><p class="note">${esc(t.noscript)} <a href="/status.json">/status.json</a></p></noscript>
<div id="status" data-words="${esc(JSON.stringify({ ...t, lang: STRINGS[lang].htmlLang }))}"></div>
<p><a href="/status.json">${esc(t.json)}</a></p>`;
  return ['status.html', page({ lang, page: 'status.html', title: `${t.title} — payee`, section: 'status', body, assets })];
}

function notFound(lang: Lang, assets: Assets): Page {
  const n = STRINGS[lang].notFound;
  return ['404.html', page({ lang, page: '404.html', title: n.title, section: 'none', body: `<h1>${esc(n.title)}</h1><p>${esc(n.text)} <a href="${href(lang, '')}">${esc(STRINGS[lang].nav.home)}</a></p>`, assets })];
}

/** Every page of one language, paths relative to that language's root. */
export function sitePages(lang: Lang, assets: Assets, statusAssets: Assets, root: string, sdks: readonly Sdk[], memberAssets: Assets): Page[] {
  return [
    home(lang, assets),
    docsIndex(lang, assets),
    ...docPages(lang, assets, root),
    ...sdkPages(lang, assets, root, sdks),
    pluginsPage(lang, assets),
    pricing(lang, assets),
    status(lang, statusAssets),
    ...memberPages(lang, memberAssets),
    notFound(lang, assets),
  ];
}
