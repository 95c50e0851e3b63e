/**
 * The built site (site/dist) in a real browser: Debian's Chromium driven by playwright-core. Every
 * page of both languages loads without a console error or a request leaving the site, within the
 * time budget; the home page's JavaScript stays within its budget; content pages read the same
 * without JavaScript; every link inside the site resolves. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startSiteServer, type SiteServer } from '../../infra/local/site-server.ts';
import { gatewayViewOf } from '../../lib/status/gateway-view.ts';
import { summarize } from '../../lib/status/summary.ts';
import { SNIPPETS } from '../build/snippets.ts';

const site = resolve(import.meta.dirname, '..');
const dist = join(site, 'dist');
const artifacts = join(site, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * The budget: a page's first load in under a second on the local server, as the browser's
 * Navigation Timing has it from the first byte of the page to the end of its load event — the
 * page's own time, not the wait for a machine shared with other work to answer (printed apart).
 */
const LOAD_BUDGET_MS = 1000;
/** The API reference carries Redoc (about 2.8 MB, 0.7 MB compressed) and hydrates it. */
const API_LOAD_BUDGET_MS = 4000;
const HOME_JS_BUDGET_BYTES = 100 * 1024;

/** Every page of the build, as site paths (`/`, `/zh/docs/quickstart.html`, ...). */
function pages(dir = dist): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'assets' ? [] : pages(path);
    if (!e.name.endsWith('.html')) return [];
    return [`/${relative(dist, path).replaceAll('\\', '/')}`.replace(/(^|\/)index\.html$/, '$1')];
  });
}

/**
 * What /status.json answers here: Alipay passing, WeChat Pay failing its last two closes, the others
 * without records; the gateway's view from report rows of Alipay today and earlier and PayPal earlier.
 */
const now = new Date();
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const check = (m: number, closeOk: boolean, closeMs = 40) => ({
  at: minutesAgo(m),
  ok: closeOk,
  ms: 60 + closeMs,
  steps: [
    { api: 'createPayment' as const, ok: true, ms: 50 },
    { api: 'syncPayment' as const, ok: true, ms: 10 },
    { api: 'closePayment' as const, ok: closeOk, ms: closeMs, ...(closeOk ? {} : { error: 'HTTP 503' }) },
  ],
});
const today = now.toISOString().slice(0, 10);
const STATUS = summarize({
  now,
  checks: { alipay: [check(3, true, 40), check(2, true, 140), check(1, true, 240)], wechat: [check(3, true), check(2, false), check(1, false)], unionpay: [], paypal: [] },
  channelDays: { alipay: [{ day: today, total: 3, ok: 3 }], wechat: [{ day: today, total: 3, ok: 1 }], unionpay: [], paypal: [] },
  apiDays: { createPayment: [{ day: today, total: 6, ok: 6 }], syncPayment: [{ day: today, total: 6, ok: 6 }], closePayment: [{ day: today, total: 6, ok: 4 }] },
  gateway: gatewayViewOf(
    [
      { day: '2026-12-01', group: 'alipay', currency: 'CNY', ...tallies(2, 2), callbackLatency: { count: 2, p50Ms: 2000, p95Ms: 30_000 } },
      { day: '2026-12-03', group: 'alipay', currency: 'CNY', ...tallies(4, 3), callbackLatency: { count: 3, p50Ms: 1000, p95Ms: 5000 } },
      { day: '2026-12-02', group: 'paypal', currency: 'USD', ...tallies(1, 0), callbackLatency: { count: 0 } },
    ],
    '2026-11-27',
    '2026-12-03',
  ),
});

function tallies(created: number, succeeded: number) {
  const t = (count: number) => ({ count, amount: count * 100 });
  return { created: t(created), succeeded: t(succeeded), closed: t(created - succeeded), failed: t(0), refunded: t(0), timeToPay: { count: succeeded } };
}

let server: SiteServer;
let browser: Browser;
let withJs: BrowserContext;
let withoutJs: BrowserContext;
before(async () => {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run npm run build in site/ first`);
  mkdirSync(artifacts, { recursive: true });
  server = await startSiteServer({ dir: dist, json: { '/status.json': async () => STATUS } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  withJs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  withoutJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path` in a fresh page, recording console errors, page errors and requests that leave the site. */
async function visit(path: string, options: { javaScript?: boolean } = {}) {
  const page = await (options.javaScript === false ? withoutJs : withJs).newPage();
  const errors: string[] = [];
  const external: string[] = [];
  const scripts: Promise<number>[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  // data: and blob: (Redoc's workers) URLs are the page's own; blob: URLs have the page's origin.
  page.on('request', (r) => !r.url().startsWith('data:') && new URL(r.url()).origin !== server.url && external.push(r.url()));
  page.on('response', (r) => {
    // A page closed before a script's body is read (every page but home's budget check) drops it.
    if (r.request().resourceType() === 'script') scripts.push(r.body().then((b) => gzipSync(b).length, () => 0));
  });
  const response = await page.goto(server.url + path, { waitUntil: 'load' });
  const { loadMs, firstByteMs } = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return { loadMs: nav!.loadEventEnd - nav!.responseStart, firstByteMs: nav!.responseStart - nav!.startTime };
  });
  return { page, status: response?.status(), errors, external, loadMs, firstByteMs, scriptBytes: async () => (await Promise.all(scripts)).reduce((a, b) => a + b, 0) };
}

const shot = (page: Page, path: string, suffix = '') =>
  page.screenshot({ path: join(artifacts, `${path.replace(/^\/|\.html$/g, '').replace(/\/$/, '/index').replaceAll('/', '-') || 'index'}${suffix}.png`), fullPage: !isApi(path) });
const isApi = (path: string) => /^(\/zh)?\/api\//.test(path);

test('every page loads in both languages: 200, no console error, nothing fetched from elsewhere, within the budget', async () => {
  // The member pages call the member API: members.test.ts loads them with one behind the site.
  const all = pages().filter((p) => !/^(\/zh)?\/members\//.test(p));
  assert.ok(all.includes('/') && all.includes('/zh/') && all.includes('/api/') && all.includes('/zh/api/'), all.join(' '));
  const slow: string[] = [];
  const times: Record<string, number> = {};
  const firstBytes: Record<string, number> = {};
  // The browser's first navigation also starts a renderer process: not the page's own time.
  await (await visit('/favicon.svg')).page.close();
  for (const path of all) {
    const v = await visit(path);
    assert.equal(v.status, 200, path);
    assert.deepEqual(v.errors, [], `${path}: console errors`);
    assert.deepEqual(v.external, [], `${path}: requests outside the site`);
    assert.ok((await v.page.locator('#main h1').first().textContent())?.trim(), `${path}: no heading`);
    times[path] = Math.round(v.loadMs);
    firstBytes[path] = Math.round(v.firstByteMs);
    const budget = isApi(path) ? API_LOAD_BUDGET_MS : LOAD_BUDGET_MS;
    if (v.loadMs > budget) {
      // On a machine busy with other work one load can stall: a page is over budget when a second load is too.
      const again = await visit(path);
      if (again.loadMs > budget) slow.push(`${path} ${Math.round(v.loadMs)} and ${Math.round(again.loadMs)} ms (budget ${budget} ms)`);
      await again.page.close();
    }
    await shot(v.page, path);
    await v.page.close();
  }
  console.log(`load times, first byte to load event end (ms): ${JSON.stringify(times)}`);
  console.log(`waits for the first byte (ms): ${JSON.stringify(firstBytes)}`);
  assert.deepEqual(slow, [], 'pages over their load budget');
});

test(`the home page's JavaScript is under ${HOME_JS_BUDGET_BYTES / 1024} KB compressed`, async () => {
  for (const path of ['/', '/zh/']) {
    const v = await visit(path);
    const bytes = await v.scriptBytes();
    console.log(`${path}: ${bytes} bytes of JavaScript (gzip)`);
    assert.ok(bytes > 0 && bytes < HOME_JS_BUDGET_BYTES, `${path}: ${bytes} bytes`);
    await v.page.close();
  }
});

test('content pages read the same without JavaScript (the API reference is prerendered)', async () => {
  const checks: [string, RegExp][] = [
    ['/', /Four providers/],
    ['/zh/', /四家渠道/],
    ['/docs/quickstart.html', /npm ci && npm start/],
    ['/docs/notifications.html', /Payee-Signature/],
    ['/sdks/go.html', /NewClient/],
    ['/pricing.html', /Premium support/],
    ['/api/', /Create a payment/],
  ];
  for (const [path, text] of checks) {
    const v = await visit(path, { javaScript: false });
    assert.match((await v.page.locator('#main').innerText()).replace(/\s+/g, ' '), text, path);
    await shot(v.page, path, '-nojs');
    await v.page.close();
  }
});

test('every link inside the site resolves, and the language switch leads to the same page in the other language', async () => {
  const links = new Set<string>();
  for (const path of pages()) {
    const html = await (await fetch(server.url + path)).text();
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#]+)/g)) {
      const url = new URL(href!.replaceAll('&amp;', '&'), server.url + path);
      // The member API's links (third-party login) need the API behind the site: members.test.ts.
      if (url.origin === server.url && !url.pathname.startsWith('/api/members/')) links.add(url.pathname);
    }
  }
  const broken: string[] = [];
  for (const link of links) {
    const res = await fetch(server.url + link);
    if (res.status !== 200) broken.push(`${link} ${res.status}`);
  }
  assert.deepEqual(broken, []);
  assert.ok(links.size > 50, `${links.size} links`);

  const v = await visit('/docs/concepts.html');
  await v.page.click('a.lang');
  await v.page.waitForURL(`${server.url}/zh/docs/concepts.html`);
  assert.equal(await v.page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await v.page.locator('main h1').textContent(), '核心概念');
  await v.page.close();
});

test('the API reference: an operation has its own address under /api/, with curl and each SDK call', async () => {
  const v = await visit('/zh/api/');
  await v.page.getByRole('link', { name: /Create a payment/ }).first().click();
  // Hydrated, Redoc routes in the fragment; its prerendered links (without JavaScript) are paths.
  await v.page.waitForURL(`${server.url}/zh/api/#/other/createpayment`);
  // A path address (the prerendered links', a shared link) is answered with the reference, which opens at the operation.
  const reloaded = await v.page.goto(`${server.url}/zh/api/other/createpayment`);
  assert.equal(reloaded?.status(), 200);
  await v.page.waitForURL(`${server.url}/zh/api/#/other/createpayment`);
  await v.page.getByRole('button', { name: 'curl' }).first().click();
  const sdks = Object.values(SNIPPETS).filter((l) => l.calls.createPayment).map((l) => l.label);
  assert.ok(sdks.length >= 4, sdks.join());
  assert.deepEqual(await v.page.getByRole('menuitem').allInnerTexts(), ['curl', ...sdks]);
  await v.page.getByRole('menuitem', { name: 'TypeScript' }).click();
  await v.page.getByText("payee.payments.create({").first().waitFor();
  await shot(v.page, '/zh/api/create-payment');
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.external, []);
  await v.page.close();
});

test('the status page draws /status.json: each channel and API with its state, uptime, latency, 90 daily bars and incidents', async () => {
  const v = await visit('/status.html');
  const row = (name: string) => v.page.locator(`tr[data-name="${name}"] td`);
  await row('alipay').first().waitFor();
  assert.deepEqual((await row('alipay').allInnerTexts()).slice(0, 8), ['alipay', 'Operational', '100.00 %', '100.00 %', '100.00 %', '200 ms', '300 ms', '300 ms']);
  assert.deepEqual((await row('wechat').allInnerTexts()).slice(0, 5), ['wechat', 'Outage', '33.33 %', '33.33 %', '33.33 %']);
  assert.deepEqual((await row('paypal').allInnerTexts()).slice(0, 6), ['paypal', 'No data', '—', '—', '—', '—']);
  assert.deepEqual((await row('closePayment').allInnerTexts()).slice(0, 3), ['closePayment', 'Degraded', '66.67 %']);
  assert.equal(await v.page.locator('tr[data-name="alipay"] .bar').count(), 90);
  assert.equal(await v.page.locator('tr[data-name="alipay"] .bar.ok').count(), 1);
  assert.match(await v.page.locator('.incidents').first().innerText(), /wechat: .* \(2\) closePayment: HTTP 503/);
  // The gateway's view: today and the 7 days per channel, rates with their counts, callback bounds.
  const gateway = (channel: string) => v.page.locator(`tr[data-gateway="${channel}"] td`).allInnerTexts();
  assert.deepEqual(await gateway('alipay'), ['alipay', '75.00 % (3/4)', '≤ 1 s', '≤ 5 s', '83.33 % (5/6)', '≤ 2 s', '≤ 30 s']);
  assert.deepEqual(await gateway('paypal'), ['paypal', '—', '—', '—', '0.00 % (0/1)', '—', '—']);
  assert.deepEqual(await gateway('wechat'), ['wechat', '—', '—', '—', '—', '—', '—']);
  assert.match(await v.page.locator('#gateway-view thead').innerText(), /Today \(UTC\+8\) 2026-12-03[\s\S]*Last 7 days 2026-11-27 – 2026-12-03/);
  await shot(v.page, '/status.html', '-figures');
  assert.deepEqual(v.errors, []);
  await v.page.close();

  const zh = await visit('/zh/status.html');
  await zh.page.locator('tr[data-name="wechat"] td.state').waitFor();
  assert.equal(await zh.page.locator('tr[data-name="wechat"] td.state').innerText(), '中断');
  assert.match(await zh.page.locator('#gateway-view').innerText(), /网关自身的视角[\s\S]*今天（UTC\+8）[\s\S]*75\.00 % \(3\/4\)/);
  await zh.page.close();
});

test('a missing page is a 404 with the site around it', async () => {
  const v = await visit('/docs/nothing-here.html');
  assert.equal(v.status, 404);
  assert.match(await v.page.locator('main h1').innerText(), /Page not found/);
  await v.page.close();
});
