/**
 * The member site end to end in a real browser (Debian's Chromium via playwright-core)
 * on the real local stack, the built site (site/dist) served as `npm start` serves it: a member
 * gets a sandbox company and its key from the dashboard, runs a test payment, pays it at the
 * WeChat Pay sandbox and sees it SUCCEEDED; buys a support plan, pays the Alipay QR at the
 * sandbox and sees the plan active; links WeChat and Alipay on the dashboard through the sandboxes'
 * consent pages and then logs in with each. Screenshots go to site/test-artifacts/.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startMembers } from '../infra/local/members.ts';
import { startSiteServer, type SiteServer } from '../infra/local/site-server.ts';
import { clientConfig } from '../infra/local/target.ts';
import type { OutboxMailer } from '../lib/members/outbox.ts';
import { statusReport } from '../lib/status/report.ts';
import { CanaryStore } from '../lib/status/store.ts';
import { statusSchema } from '../lib/status/summary.ts';
import { target } from './support/target.ts';
import { eventually } from './support/callbacks.ts';

const dist = resolve(import.meta.dirname, '../site/dist');
const artifacts = resolve(import.meta.dirname, '../site/test-artifacts');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PASSWORD = 'Tiger lily 2026';

let site: SiteServer;
let outbox: OutboxMailer;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(join(dist, 'members', 'dashboard.html'))) throw new Error('site/dist has no member pages: npm run build in site/ first');
  mkdirSync(artifacts, { recursive: true });
  const tableName = `payee-site-test-${randomBytes(4).toString('hex')}`;
  const members = await startMembers(target(), { outboxDir: mkdtempSync(join(tmpdir(), 'payee-outbox-')), tableName });
  outbox = members.outbox;
  // The status document as npm start serves it: this run's site merchant is the gateway view's (no canary runs here).
  const canary = new CanaryStore(DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(target(), 'dynamodb'))), tableName);
  site = await startSiteServer({ dir: dist, members, json: { '/status.json': () => statusReport(canary, { merchant: members.merchant }) } });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `members-${name}.png`), fullPage: true });

async function loggedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 800 } })).newPage();
  const open = async (path: string) => {
    await page.goto(site.url + path);
    await page.locator('body[data-ready]').waitFor();
  };
  await open('/members/signup.html');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('form.member button[type=submit]');
  await page.locator('.form-error.done').waitFor();
  const link = (await outbox.list()).find((m) => m.to === email)!.link;
  await open(new URL(link).pathname + new URL(link).search);
  await page.locator('.form-error.done').waitFor();
  await open('/members/login.html');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('form.member button[type=submit]');
  await page.waitForURL(`${site.url}/members/dashboard.html`);
  await page.locator('body[data-ready]').waitFor();
  return page;
}

describe('member site in a browser', () => {
  it('dashboard: a sandbox company and its key shown once, a test payment paid at the sandbox and listed SUCCEEDED', async () => {
    const page = await loggedIn(`eve-${randomBytes(3).toString('hex')}@example.com`);
    await page.click('#create-company button[type=submit]');
    await page.locator('#new-key:not([hidden])').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-new="env"]').innerText()).toMatch(/^export PAYEE_URL=http:\/\/\S+ PAYEE_KEY=\S{20,}$/);
    expect(await page.locator('details.snippet summary').allInnerTexts()).toEqual(expect.arrayContaining(['curl', 'TypeScript', 'Python', 'Go']));
    await shot(page, 'company-created');

    await page.click('.company button.button');
    const payNo = await page.locator('.company .pay-no').innerText({ timeout: 60_000 });
    expect(payNo).toMatch(/^P/);
    expect(await page.locator('.company code.qr').innerText()).toMatch(/^weixin:\/\//);
    // The code as a scannable image too (as the support plan shows it), loaded and drawn.
    expect(await page.locator('.company img.qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await page.waitForFunction(`document.querySelector('.company img.qr').naturalWidth > 0`, undefined, { timeout: 10_000 });
    const paid = await fetch(`${target().sandbox!.wechat!.url}/sandbox/trades/${payNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status).toBeLessThan(300);
    const row = page.locator('.company tbody.payments tr', { hasText: payNo });
    const deadline = Date.now() + 60_000;
    while (!/SUCCEEDED/.test(await row.innerText()) && Date.now() < deadline) {
      await page.click('.company button:text("Refresh")');
      await page.waitForTimeout(1000);
    }
    expect(await row.innerText()).toMatch(/SUCCEEDED/);
    await shot(page, 'test-payment-succeeded');
    // A new page load shows the company without its key.
    await page.reload();
    await page.locator('.company').waitFor();
    expect(await page.locator('#new-key').isHidden()).toBe(true);
  });

  it('pricing → a support plan: the Alipay code shown, paid at the sandbox, the plan active', async () => {
    const page = await loggedIn(`fay-${randomBytes(3).toString('hex')}@example.com`);
    await page.goto(`${site.url}/pricing.html`);
    await page.click('#plan-standard a.button');
    await page.waitForURL(`${site.url}/members/plan.html?plan=standard`);
    await page.locator('body[data-ready]').waitFor();
    await page.selectOption('#method', 'alipay.qr');
    const ordered = page.waitForResponse((r) => r.url().endsWith('/api/members/plans/orders') && r.request().method() === 'POST');
    await page.click('#buy-plan button[type=submit]');
    const { order } = (await (await ordered).json()) as { order: { payNo: string; qrCode: string } };
    await page.locator('#order:not([hidden])').waitFor();
    expect(await page.locator('[data-order="qr"]').innerText()).toBe(order.qrCode);
    // The code as a scannable image too, loaded and drawn.
    const image = page.locator('[data-order="qr-image"]');
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await page.waitForFunction(`document.querySelector('[data-order="qr-image"]').naturalWidth > 0`, undefined, { timeout: 10_000 });
    await shot(page, 'plan-qr');
    const paid = await fetch(`${target().sandbox!.alipay.url}/sandbox/trades/${order.payNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status).toBeLessThan(300);
    await page.locator('.order-state.paid').waitFor({ timeout: 90_000 });
    await shot(page, 'plan-active');
    await page.goto(`${site.url}/members/dashboard.html`);
    await page.locator('body[data-ready]').waitFor();
    expect(await page.locator('[data-field="plan"]').innerText()).toMatch(/^standard \(→ \d{4}-\d\d-\d\d\)$/);

    // The status page's gateway view counts that payment: the site merchant's only one, paid by
    // Alipay, once the daily counters' window (a few seconds) has folded it in.
    const status = await eventually(
      async () => statusSchema.parse(await (await fetch(`${site.url}/status.json`)).json()),
      (s) => (s.gateway?.channels.find((c) => c.channel === 'alipay')?.d7.callbacks ?? 0) > 0,
      30_000,
    );
    const alipay = status.gateway!.channels.find((c) => c.channel === 'alipay')!;
    expect(alipay.d7).toMatchObject({ created: 1, succeeded: 1, successRate: 100, callbacks: 1, callbackP95Ms: expect.any(Number) });
    expect(status.gateway!.channels.filter((c) => c.channel !== 'alipay').every((c) => c.d7.created === 0)).toBe(true);
    await page.goto(`${site.url}/status.html`);
    const row = page.locator('tr[data-gateway="alipay"] td');
    await row.first().waitFor();
    expect((await row.allInnerTexts())[4]).toBe('100.00 % (1/1)');
    await shot(page, 'status-gateway-view');
  });

  for (const provider of ['wechat', 'alipay'] as const) {
    it(`${provider}: linked on the dashboard through the sandbox's consent page, then a login with it`, async () => {
      const email = `${provider}-${randomBytes(3).toString('hex')}@example.com`;
      const sandboxUser = `user-${randomBytes(4).toString('hex')}`;
      const page = await loggedIn(email);
      await page.click(`#link-${provider}`);
      await page.locator('button#confirm').waitFor();
      await shot(page, `${provider}-consent`);
      await page.fill('input[name="user"]', sandboxUser);
      await page.click('button#confirm');
      await page.waitForURL(`${site.url}/members/dashboard.html`);
      await page.locator('body[data-ready]').waitFor();
      expect(await page.locator('[data-field="links"]').innerText()).toBe(provider);

      const other = await (await browser.newContext()).newPage();
      await other.goto(`${site.url}/members/login.html`);
      await other.locator('body[data-ready]').waitFor();
      await other.click(`#${provider}-login`);
      await other.fill('input[name="user"]', sandboxUser);
      await other.click('button#confirm');
      await other.waitForURL(`${site.url}/members/dashboard.html`);
      await other.locator('body[data-ready]').waitFor();
      expect(await other.locator('[data-field="email"]').innerText()).toBe(email);
      await shot(other, `${provider}-logged-in`);

      // A provider user linked to no member is sent back to the login page, logged out.
      const stranger = await (await browser.newContext()).newPage();
      await stranger.goto(`${site.url}/members/login.html`);
      await stranger.locator('body[data-ready]').waitFor();
      await stranger.click(`#${provider}-login`);
      await stranger.fill('input[name="user"]', `stranger-${randomBytes(4).toString('hex')}`);
      await stranger.click('button#confirm');
      await stranger.waitForURL(`${site.url}/members/login.html?error=${provider}_not_linked`);
      await stranger.locator('[data-query-error="not_linked"]:not([hidden])').waitFor();
    });
  }
});
