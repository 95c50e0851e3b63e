// The member API against DynamoDB Local, as the site sends it: sign-up, the mail in the outbox,
// verification, login with the session cookie, limits, reset, sub-users, and bad input that
// changes nothing.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, startDynamo, type LocalDynamo } from '../../infra/local/emulator/dynamodb.ts';
import { accountRoutes, memberApi, parseCookies, type MemberRequest, type MemberResponse } from './http.ts';
import { OutboxMailer } from './outbox.ts';
import { MemberService } from './service.ts';
import { MemberStore } from './store.ts';

const region = 'us-east-1';
const tableName = 'site';
let dynamo: LocalDynamo;
let client: DynamoDBDocumentClient;
let outbox: OutboxMailer;
let api: (req: MemberRequest) => Promise<MemberResponse>;

beforeAll(async () => {
  dynamo = await startDynamo(0, '127.0.0.1', region);
  const raw = dynamoClient(dynamo.endpoint, region);
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['PK', 'SK'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    }),
  );
  client = DynamoDBDocumentClient.from(raw);
  outbox = new OutboxMailer(mkdtempSync(join(tmpdir(), 'payee-outbox-')));
  const service = new MemberService(new MemberStore(client, tableName), outbox);
  api = memberApi(service, accountRoutes(service));
});
afterAll(async () => {
  await dynamo?.stop();
});

/** A browser of its own: cookies kept between calls, the CSRF header sent from its cookie. */
function browser(ip = '198.51.100.7') {
  const jar: Record<string, string> = {};
  const call = async (method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) => {
    const headers: Record<string, string> = { cookie: Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ') };
    if (options.csrf !== false && jar.payee_csrf) headers['x-csrf-token'] = jar.payee_csrf;
    const res = await api({ method, path, headers, body: body === undefined ? '' : JSON.stringify(body), ip, siteUrl: 'http://site.test' });
    for (const c of res.cookies) {
      const [pair, ...attributes] = c.split('; ');
      const [name, value] = Object.entries(parseCookies(pair))[0]!;
      if (attributes.includes('Max-Age=0')) delete jar[name];
      else jar[name] = value;
    }
    return { status: res.status, headers: res.headers, cookies: res.cookies, body: JSON.parse(res.body) };
  };
  return { jar, call, start: () => call('GET', '/session') };
}

const table = async () => (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
const lastMailTo = async (to: string) => (await outbox.list()).find((m) => m.to === to)!;
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const password = 'Tiger lily 2026';

async function member(email: string) {
  const b = browser();
  await b.start();
  expect((await b.call('POST', '/signup', { email, password })).status).toBe(201);
  expect((await b.call('POST', '/verify', { token: tokenOf((await lastMailTo(email)).link) })).status).toBe(200);
  expect((await b.call('POST', '/login', { email, password })).status).toBe(200);
  return b;
}

describe('member API', () => {
  it('signs up, mails a verification link, refuses login until verified, then logs in with an HttpOnly Secure SameSite cookie', async () => {
    const b = browser();
    const session = await b.start();
    expect(session.body).toMatchObject({ user: null, csrf: expect.any(String) });
    expect(session.cookies[0]).toMatch(/^payee_csrf=.+; Path=\/; Secure; SameSite=Lax$/);

    const signUp = await b.call('POST', '/signup', { email: ' Ann@Example.com ', password });
    expect(signUp.status).toBe(201);
    expect(signUp.body.user).toMatchObject({ email: 'ann@example.com', verified: false, role: 'owner' });
    expect(JSON.stringify(signUp.body)).not.toMatch(/scrypt|passwordHash/);

    expect((await b.call('POST', '/login', { email: 'ann@example.com', password })).body.error).toMatchObject({ code: 'email_unverified' });
    const mail = await lastMailTo('ann@example.com');
    expect(mail.link).toMatch(/^http:\/\/site\.test\/members\/verify\.html\?token=/);
    expect((await b.call('POST', '/verify', { token: tokenOf(mail.link) })).body.user).toMatchObject({ verified: true });

    const login = await b.call('POST', '/login', { email: 'ann@example.com', password });
    expect(login.status).toBe(200);
    expect(login.cookies[0]).toMatch(/^payee_session=[\w-]{43}; Path=\/; Secure; SameSite=Lax; HttpOnly; Max-Age=604800$/);
    const me = await b.call('GET', '/me');
    expect(me.body.user).toMatchObject({ email: 'ann@example.com', online: { lastLoginAt: expect.any(String) } });
    // The session is stored by its hash only; no item holds the clear session id.
    const items = JSON.stringify(await table());
    expect(items).not.toContain(b.jar.payee_session);
    expect(items).toContain('usr_online');

    expect((await b.call('POST', '/logout')).status).toBe(200);
    expect((await b.call('GET', '/me')).status).toBe(401);
    const online = (await table()).find((i) => i.PK === `USR#${me.body.user.userId}` && i.SK === 'ONLINE')!;
    expect(online).toMatchObject({ kind: 'usr_online', lastLoginAt: expect.any(String), lastLogoutAt: expect.any(String) });
  });

  it('refuses a duplicate e-mail (409 email), a weak password (400 password), bad JSON, a CSRF-less post and a bad link, changing nothing', async () => {
    await member('dup@example.com');
    const before = await table();
    const b = browser();
    await b.start();
    expect(await b.call('POST', '/signup', { email: 'DUP@example.com', password })).toMatchObject({ status: 409, body: { error: { code: 'email_taken', param: 'email' } } });
    expect(await b.call('POST', '/signup', { email: 'new@example.com', password: 'password' })).toMatchObject({ status: 400, body: { error: { code: 'password_weak', param: 'password' } } });
    expect(await b.call('POST', '/signup', { email: 'not-an-email', password })).toMatchObject({ status: 400, body: { error: { param: 'email' } } });
    expect(await b.call('POST', '/signup', { email: 'new@example.com', password, admin: true })).toMatchObject({ status: 400, body: { error: { param: 'admin' } } });
    expect(await b.call('POST', '/signup', { email: 'new@example.com', password }, { csrf: false })).toMatchObject({ status: 403, body: { error: { code: 'csrf_failed' } } });
    expect(await b.call('POST', '/verify', { token: 'e30.AAAA' })).toMatchObject({ status: 400, body: { error: { code: 'token_invalid', param: 'token' } } });
    expect(await b.call('POST', '/nothing', {})).toMatchObject({ status: 404 });
    expect(await table()).toEqual(before);
  });

  it('limits failed logins: the fifth failure in 15 minutes closes the login with a 429 and Retry-After, even for the right password', async () => {
    await member('limit@example.com');
    const b = browser('203.0.113.9');
    await b.start();
    for (let i = 0; i < 5; i++) expect((await b.call('POST', '/login', { email: 'limit@example.com', password: `Wrong guess ${i}x` })).status).toBe(401);
    const refused = await b.call('POST', '/login', { email: 'limit@example.com', password });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts' } } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The IP's failures close it for other e-mails too.
    expect((await b.call('POST', '/login', { email: 'dup@example.com', password })).status).toBe(429);
  });

  it('resets a password by a mailed link that works once and keeps a weak password from spending it', async () => {
    const m = await member('reset@example.com');
    expect((await m.call('POST', '/password-reset', { email: 'reset@example.com' })).status).toBe(202);
    expect((await m.call('POST', '/password-reset', { email: 'nobody@example.com' })).status).toBe(202);
    const token = tokenOf((await lastMailTo('reset@example.com')).link);
    expect((await m.call('POST', '/password-reset/confirm', { token, password: 'weak' })).body.error).toMatchObject({ param: 'password' });
    expect((await m.call('POST', '/password-reset/confirm', { token, password: 'New tiger 2027' })).status).toBe(200);
    // A new password ends every session opened before it (whoever held the old one is logged out).
    expect((await m.call('GET', '/me')).status).toBe(401);
    expect((await m.call('POST', '/password-reset/confirm', { token, password: 'Other tiger 2028' })).body.error).toMatchObject({ code: 'token_invalid', param: 'token' });
    expect((await browser('192.0.2.1').call('POST', '/login', { email: 'reset@example.com', password: 'New tiger 2027' }, { csrf: false })).status).toBe(403);
    const b = browser('192.0.2.1');
    await b.start();
    expect((await b.call('POST', '/login', { email: 'reset@example.com', password: 'New tiger 2027' })).status).toBe(200);
  });

  it('limits reset mails: the fourth to one address in 15 minutes is a 429 naming email, and nothing is mailed', async () => {
    await member('bombed@example.com');
    const b = browser('203.0.113.77');
    await b.start();
    const mails = async () => (await outbox.list()).filter((m) => m.to === 'bombed@example.com').length;
    const before = await mails();
    for (let i = 0; i < 3; i++) expect((await b.call('POST', '/password-reset', { email: 'bombed@example.com' })).status).toBe(202);
    const refused = await b.call('POST', '/password-reset', { email: 'bombed@example.com' });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts', param: 'email' } } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await mails()).toBe(before + 3);
  });

  it('lets the owner invite developers and viewers under the account; they cannot invite', async () => {
    const owner = await member('owner@example.com');
    const invited = await owner.call('POST', '/users', { email: 'dev@example.com', role: 'developer' });
    expect(invited).toMatchObject({ status: 201, body: { user: { role: 'developer', parentId: expect.stringMatching(/^U/), verified: false } } });
    expect((await owner.call('POST', '/users', { email: 'x@example.com', role: 'owner' })).body.error).toMatchObject({ param: 'role' });
    const dev = browser();
    await dev.start();
    expect((await dev.call('POST', '/invitations/accept', { token: tokenOf((await lastMailTo('dev@example.com')).link), password: 'Dev tiger 2026' })).status).toBe(200);
    expect((await dev.call('POST', '/login', { email: 'dev@example.com', password: 'Dev tiger 2026' })).status).toBe(200);
    expect((await dev.call('GET', '/me')).body.user).toMatchObject({ role: 'developer', parentId: invited.body.user.parentId });
    expect((await dev.call('POST', '/users', { email: 'v@example.com', role: 'viewer' })).body.error).toMatchObject({ code: 'role_forbidden' });
    expect((await owner.call('GET', '/me')).body.user.children).toEqual([{ userId: invited.body.user.userId, email: 'dev@example.com', role: 'developer', verified: true }]);
  });
});
