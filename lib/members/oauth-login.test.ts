// Login with WeChat and with Alipay through the local sandboxes' login endpoints (WeChat's
// qrconnect and sns/oauth2/access_token; Alipay's publicAppAuthorize.htm and the signed
// alipay.system.oauth.token), the member API on DynamoDB Local behind the local site server:
// link, log in, and refusals that change nothing.
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, startDynamo, type LocalDynamo } from '../../infra/local/emulator/dynamodb.ts';
import { sandboxLogins } from '../../infra/local/members.ts';
import { startAlipaySandbox } from '../../infra/local/sandbox/alipay/index.ts';
import { startWechatSandbox } from '../../infra/local/sandbox/wechat/index.ts';
import { startSiteServer, type SiteServer } from '../../infra/local/site-server.ts';
import { ensureSiteTable } from '../status/store.ts';
import { memberApi } from './http.ts';
import { OutboxMailer } from './outbox.ts';
import { memberRoutes } from './routes.ts';
import { MemberService } from './service.ts';
import { MemberStore } from './store.ts';

let dynamo: LocalDynamo;
let client: DynamoDBDocumentClient;
let wechat: { url: string; close(): Promise<void> };
let alipay: Awaited<ReturnType<typeof startAlipaySandbox>>;
let site: SiteServer;
let outbox: OutboxMailer;

beforeAll(async () => {
  dynamo = await startDynamo(0, '127.0.0.1', 'us-east-1');
  const raw = dynamoClient(dynamo.endpoint, 'us-east-1');
  await ensureSiteTable(raw, 'site');
  client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  wechat = await startWechatSandbox({ host: '127.0.0.1' });
  outbox = new OutboxMailer(mkdtempSync(join(tmpdir(), 'payee-outbox-')));
  const service = new MemberService(new MemberStore(client, 'site'), outbox);
  alipay = await startAlipaySandbox({ host: '127.0.0.1' });
  const logins = await sandboxLogins(service, { wechat: wechat.url, alipay: { url: alipay.url, gatewayUrl: alipay.gatewayUrl, publicKeyPem: alipay.alipayPublicKeyPem } });
  const dir = mkdtempSync(join(tmpdir(), 'payee-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  site = await startSiteServer({ dir, members: { outbox, handle: memberApi(service, memberRoutes(service, { logins })) } });
});
afterAll(async () => {
  await site?.close();
  await wechat?.close();
  await alipay?.close();
  await dynamo?.stop();
});

/** A browser: cookies kept per origin-less jar, redirects not followed (each hop checked). */
function browser() {
  const jar: Record<string, string> = {};
  const get = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(url.startsWith(site.url) ? { cookie: Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': jar.payee_csrf ?? '', 'content-type': 'application/json' } : {}) } });
    if (url.startsWith(site.url)) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        if (/Max-Age=0/.test(c)) delete jar[pair!.slice(0, eq)];
        else jar[pair!.slice(0, eq)] = pair!.slice(eq + 1);
      }
    }
    return res;
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await get(`${site.url}/api/members${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** Start → the provider's consent page → the user confirms as `user` → the callback URL the provider sends the browser to. */
  const toCallback = async (user: string, provider: 'wechat' | 'alipay' = 'wechat') => {
    const start = await get(`${site.url}/api/members/oauth/${provider}/start`);
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get('location')!);
    if (provider === 'wechat') {
      expect(consent.hash).toBe('#wechat_redirect');
      expect(Object.fromEntries(consent.searchParams)).toMatchObject({ response_type: 'code', scope: 'snsapi_login', redirect_uri: `${site.url}/api/members/oauth/wechat/callback` });
    } else {
      expect(consent.pathname).toBe('/oauth2/publicAppAuthorize.htm');
      expect(Object.fromEntries(consent.searchParams)).toMatchObject({ scope: 'auth_base', redirect_uri: `${site.url}/api/members/oauth/alipay/callback` });
    }
    const page = await (await get(consent.toString())).text();
    const ticket = /name="ticket" value="([^"]+)"/.exec(page)![1]!;
    const confirmed = await get(`${provider === 'wechat' ? `${wechat.url}/connect` : `${alipay.url}/oauth2`}/confirm?ticket=${ticket}&user=${encodeURIComponent(user)}`);
    expect(confirmed.status).toBe(302);
    return confirmed.headers.get('location')!;
  };
  return { jar, get, api, toCallback };
}

const table = async () => (await client.send(new ScanCommand({ TableName: 'site' }))).Items ?? [];

describe('third-party login', () => {
  it('links a WeChat user to the logged-in member (usr_ext_wechat with openid and unionid), then logs in as that member', async () => {
    const ann = browser();
    await ann.api('GET', '/session');
    await ann.api('POST', '/signup', { email: 'ann@example.com', password: 'Tiger lily 2026' });
    await ann.api('POST', '/verify', { token: new URL((await outbox.list())[0]!.link).searchParams.get('token') });
    expect((await ann.api('POST', '/login', { email: 'ann@example.com', password: 'Tiger lily 2026' })).status).toBe(200);
    const back = await ann.get(await ann.toCallback('alice'));
    expect([back.status, back.headers.get('location')]).toEqual([302, '/members/dashboard.html']);
    const me = (await ann.api('GET', '/me')).body.user;
    expect(me.links).toEqual([{ provider: 'wechat', linkedAt: expect.any(String) }]);
    const ext = (await table()).find((i) => i.SK === 'EXT#wechat')!;
    expect(ext).toMatchObject({ kind: 'usr_ext_wechat', PK: `USR#${me.userId}`, ids: { openid: expect.stringMatching(/^o/), unionid: expect.stringMatching(/^u/) } });

    const phone = browser();
    const callback = await phone.toCallback('alice');
    const oauthCookie = phone.jar.payee_oauth!;
    const login = await phone.get(callback);
    expect([login.status, login.headers.get('location')]).toEqual([302, '/members/dashboard.html']);
    expect(phone.jar.payee_session).toBeTruthy();
    expect((await phone.api('GET', '/me')).body.user).toMatchObject({ email: 'ann@example.com', online: { lastLoginAt: expect.any(String) } });

    // The same code and state again (a replay, the browser's state cookie put back): WeChat refuses the used code; nothing changes.
    const before = await table();
    phone.jar.payee_oauth = oauthCookie;
    const replay = await phone.get(callback);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as any).error).toMatchObject({ code: 'oauth_code_invalid', param: 'code' });
    expect(await table()).toEqual(before);
  });

  it('links an Alipay user (usr_ext_alipay with user_id) and logs in as that member; a used auth_code is refused, changing nothing', async () => {
    const cy = browser();
    await cy.api('GET', '/session');
    await cy.api('POST', '/signup', { email: 'cy@example.com', password: 'Tiger lily 2026' });
    await cy.api('POST', '/verify', { token: new URL((await outbox.list()).find((m) => m.to === 'cy@example.com')!.link).searchParams.get('token') });
    expect((await cy.api('POST', '/login', { email: 'cy@example.com', password: 'Tiger lily 2026' })).status).toBe(200);
    const linked = await cy.get(await cy.toCallback('cy-alipay', 'alipay'));
    expect([linked.status, linked.headers.get('location')]).toEqual([302, '/members/dashboard.html']);
    const me = (await cy.api('GET', '/me')).body.user;
    expect(me.links).toEqual([{ provider: 'alipay', linkedAt: expect.any(String) }]);
    expect((await table()).find((i) => i.PK === `USR#${me.userId}` && i.SK === 'EXT#alipay')).toMatchObject({ kind: 'usr_ext_alipay', subject: expect.stringMatching(/^2088\d{12}$/) });

    const phone = browser();
    const callback = await phone.toCallback('cy-alipay', 'alipay');
    expect(new URL(callback).searchParams.get('auth_code')).toBeTruthy();
    const oauthCookie = phone.jar.payee_oauth!;
    const login = await phone.get(callback);
    expect([login.status, login.headers.get('location')]).toEqual([302, '/members/dashboard.html']);
    expect((await phone.api('GET', '/me')).body.user.email).toBe('cy@example.com');
    const before = await table();
    phone.jar.payee_oauth = oauthCookie;
    const replay = await phone.get(callback);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as any).error).toMatchObject({ code: 'oauth_code_invalid', param: 'code', message: expect.stringContaining('isv.code-invalid') });
    expect(await table()).toEqual(before);
  });

  it('refuses a state from another browser or a forged one, and sends an unlinked WeChat user to the login page', async () => {
    const eve = browser();
    const victim = browser();
    const callback = await victim.toCallback('alice');
    await eve.get(`${site.url}/api/members/oauth/wechat/start`);
    const before = await table();
    const stolen = await eve.get(callback);
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as any).error).toMatchObject({ code: 'state_mismatch', param: 'state' });
    const forged = await eve.get(`${site.url}/api/members/oauth/wechat/callback?code=x&state=e30.AAAA`);
    expect(((await forged.json()) as any).error).toMatchObject({ code: 'token_invalid', param: 'state' });
    expect(eve.jar.payee_session).toBeUndefined();
    expect(await table()).toEqual(before);

    const bob = browser();
    const unlinked = await bob.get(await bob.toCallback('bob'));
    expect([unlinked.status, unlinked.headers.get('location')]).toEqual([302, '/members/login.html?error=wechat_not_linked']);
    expect(bob.jar.payee_session).toBeUndefined();
  });
});
