/**
 * The member pages in a real browser (Debian's Chromium, playwright-core) against the member API
 * on DynamoDB Local, served by the local site server as `npm start` serves it: sign up → the
 * mail in the local outbox → verify → log in → dashboard; bad input shown on its field and
 * changing nothing. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { dynamoClient, startDynamo, type LocalDynamo } from '../../infra/local/emulator/dynamodb.ts';
import { startSiteServer, type SiteServer } from '../../infra/local/site-server.ts';
import { memberApi } from '../../lib/members/http.ts';
import { OutboxMailer } from '../../lib/members/outbox.ts';
import { memberRoutes } from '../../lib/members/routes.ts';
import { MemberService } from '../../lib/members/service.ts';
import { MemberStore } from '../../lib/members/store.ts';
import { signToken } from '../../lib/members/tokens.ts';
import { ensureSiteTable } from '../../lib/status/store.ts';

const site = resolve(import.meta.dirname, '..');
const dist = join(site, 'dist');
const artifacts = join(site, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TABLE = 'site';
const PASSWORD = 'Tiger lily 2026';

let dynamo: LocalDynamo;
let client: DynamoDBDocumentClient;
let store: MemberStore;
let server: SiteServer;
let browser: Browser;

before(async () => {
  if (!existsSync(join(dist, 'members', 'signup.html'))) throw new Error(`${dist} has no member pages: run npm run build in site/ first`);
  mkdirSync(artifacts, { recursive: true });
  dynamo = await startDynamo(0, '127.0.0.1', 'us-east-1');
  const raw = dynamoClient(dynamo.endpoint, 'us-east-1');
  await ensureSiteTable(raw, TABLE);
  client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  store = new MemberStore(client, TABLE);
  const outbox = new OutboxMailer(mkdtempSync(join(tmpdir(), 'payee-site-outbox-')));
  const service = new MemberService(store, outbox);
  server = await startSiteServer({ dir: dist, members: { outbox, handle: memberApi(service, memberRoutes(service)) } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.stop();
});

const table = async () => (await client.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

/** A fresh browser profile (its own cookies) with console errors recorded. */
async function person() {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  const open = async (path: string) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // A refused request is the API's clear answer, shown on the page: not a script error.
      if (m.type() === 'error' && !/status of (40\d|429)/.test(m.text())) errors.push(m.text());
    });
    await page.goto(server.url + path);
    await page.locator('body[data-ready]').waitFor();
    return page;
  };
  return { context, errors, open };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `members-${name}.png`), fullPage: true });

async function signUp(page: Page, email: string, password = PASSWORD) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.member button[type=submit]');
}

async function verifyLink(email: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/dev/outbox`);
  const href = await page.locator('article.mail', { has: page.locator('.to', { hasText: email }) }).first().locator('a.link').getAttribute('href');
  await page.close();
  assert.ok(href, `no mail to ${email} in the outbox`);
  return href!;
}

test('sign up → verify from the outbox → log in → the dashboard; log out', async () => {
  const ann = await person();
  const signup = await ann.open('/members/signup.html');
  await signUp(signup, 'ann@example.com');
  await signup.locator('.form-error.done').waitFor();
  assert.match(await signup.locator('.form-error').innerText(), /sent you a mail/);
  await shot(signup, 'signup-done');

  const outbox = await ann.open('/members/login.html');
  await outbox.goto(`${server.url}/dev/outbox`);
  await shot(outbox, 'outbox');
  const link = await verifyLink('ann@example.com');
  assert.match(link, new RegExp(`^${server.url}/members/verify\\.html\\?token=`));
  const verify = await ann.open(new URL(link).pathname + new URL(link).search);
  await verify.locator('.form-error.done').waitFor();
  assert.match(await verify.locator('.form-error').innerText(), /confirmed/);
  await shot(verify, 'verify');

  const login = await ann.open('/members/login.html');
  await login.fill('#email', 'ann@example.com');
  await login.fill('#password', PASSWORD);
  await login.click('form.member button[type=submit]');
  await login.waitForURL(`${server.url}/members/dashboard.html`);
  await login.locator('body[data-ready]').waitFor();
  assert.equal(await login.locator('[data-field="email"]').innerText(), 'ann@example.com');
  assert.equal(await login.locator('[data-field="role"]').innerText(), 'Owner');
  assert.notEqual(await login.locator('[data-field="online.lastLoginAt"]').innerText(), '—');
  const cookies = await ann.context.cookies();
  const session = cookies.find((c) => c.name === 'payee_session');
  assert.ok(session, 'a session cookie');
  assert.deepEqual([session.httpOnly, session.secure, session.sameSite, session.path], [true, true, 'Lax', '/']);
  // The page's script cannot read the session.
  assert.doesNotMatch(await login.evaluate(() => document.cookie), /payee_session/);

  await login.fill('#invite-email', 'dev@example.com');
  await login.click('#invite button[type=submit]');
  await login.locator('[data-list="children"] tr').first().waitFor();
  assert.deepEqual(await login.locator('[data-list="children"] tr td').allInnerTexts(), ['dev@example.com', 'Developer', 'invited']);
  await shot(login, 'dashboard');

  await login.click('#logout button[type=submit]');
  await login.waitForURL(`${server.url}/members/login.html`);
  const again = await ann.open('/members/dashboard.html');
  assert.equal(await again.locator('[data-when="anonymous"]').isVisible(), true);
  assert.deepEqual(ann.errors, []);
  await ann.context.close();
});

test('the Chinese pages sign up in Chinese, and the mailed link leads back to them', async () => {
  const li = await person();
  const page = await li.open('/zh/members/signup.html');
  assert.equal(await page.locator('main h1').innerText(), '注册贝易会员');
  await signUp(page, 'li@example.com');
  await page.locator('.form-error.done').waitFor();
  assert.match(await page.locator('.form-error').innerText(), /确认链接/);
  assert.match(await verifyLink('li@example.com'), /\/zh\/members\/verify\.html\?token=/);
  await shot(page, 'zh-signup-done');
  await li.context.close();
});

test('bad input is refused on its field and changes nothing: duplicate e-mail, weak password, CSRF-less post, expired link, wrong password', async () => {
  const bob = await person();
  const page = await bob.open('/members/signup.html');
  await signUp(page, 'bob@example.com');
  await page.locator('.form-error.done').waitFor();
  const before = await table();

  await page.reload();
  await page.locator('body[data-ready]').waitFor();
  await signUp(page, 'BOB@example.com');
  await page.locator('.form-error[role=alert]:not([hidden])').waitFor();
  assert.match(await page.locator('.form-error').innerText(), /email is already registered/);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  await shot(page, 'signup-duplicate');

  await signUp(page, 'carol@example.com', 'password1');
  await page.waitForFunction(() => document.querySelector('#password')?.getAttribute('aria-invalid') === 'true');
  assert.match(await page.locator('.form-error').innerText(), /password must be 10 to 128 characters/);
  await shot(page, 'signup-weak-password');

  // A post without the CSRF header (what a form on another site could send) is refused.
  const forged = await page.evaluate(async () => {
    const res = await fetch('/api/members/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'mallory@example.com', password: 'Tiger lily 2026' }) });
    return { status: res.status, body: await res.json() };
  });
  assert.deepEqual([forged.status, forged.body.error.code], [403, 'csrf_failed']);

  // A verification link past its day.
  const bobId = before.find((i) => i.PK === 'EMAIL#bob@example.com')!.userId as string;
  const expired = signToken(await store.signingKey(), { purpose: 'verify', sub: bobId, exp: Math.floor(Date.now() / 1000) - 1 });
  const verify = await bob.open(`/members/verify.html?token=${encodeURIComponent(expired)}`);
  await verify.locator('.form-error[role=alert]:not([hidden])').waitFor();
  assert.match(await verify.locator('.form-error').innerText(), /expired/);
  await shot(verify, 'verify-expired');

  // Unverified, bob cannot log in; a wrong password says so without telling whether the e-mail exists.
  const login = await bob.open('/members/login.html');
  await login.fill('#email', 'nobody@example.com');
  await login.fill('#password', PASSWORD);
  await login.click('form.member button[type=submit]');
  await login.locator('.form-error[role=alert]:not([hidden])').waitFor();
  assert.match(await login.locator('.form-error').innerText(), /e-mail or the password is wrong/);

  const after = await table();
  const withoutCounters = (items: Record<string, unknown>[]) => items.filter((i) => !String(i.PK).startsWith('RATE#') && i.PK !== 'CONFIG');
  assert.deepEqual(withoutCounters(after), withoutCounters(before));
  assert.equal(after.find((i) => i.PK === `USR#${bobId}` && i.SK === 'INFO')!.verified, false);
  assert.deepEqual(bob.errors, []);
  await bob.context.close();
});
