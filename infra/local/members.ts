/**
 * The member API on this machine: lib/members on the site's table in DynamoDB Local, its mails in
 * an outbox directory the local site shows at /dev/outbox, online testing on the local gateway
 * (its admin API with the stack's operator credential, the WeChat Pay sandbox), and support plans
 * paid through it: the site is a merchant of the local gateway (a pay config per sandbox).
 */
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminRequest } from '../../cli/client.ts';
import { memberApi } from '../../lib/members/http.ts';
import { OutboxMailer } from '../../lib/members/outbox.ts';
import { memberRoutes } from '../../lib/members/routes.ts';
import { PurchaseService } from '../../lib/members/purchase.ts';
import { SandboxService } from '../../lib/members/sandbox.ts';
import { MemberService } from '../../lib/members/service.ts';
import { MemberStore } from '../../lib/members/store.ts';
import { AlipayProvider } from '../../lib/members/alipay-login.ts';
import { OAuthLogin } from '../../lib/members/oauth-login.ts';
import { WechatProvider } from '../../lib/members/wechat-login.ts';
import type { SiteMerchantKey } from '../../lib/status/report.ts';
import { ensureSiteTable } from '../../lib/status/store.ts';
import { LOCAL_SITE_TABLE } from './canary.ts';
import { createMerchant } from './merchants.ts';
import type { LocalMembers } from './site-server.ts';
import { clientConfig, type Target } from './target.ts';

export async function startMembers(
  target: Target,
  options: { outboxDir: string; tableName?: string },
): Promise<LocalMembers & { service: MemberService; store: MemberStore; merchant: SiteMerchantKey }> {
  const tableName = options.tableName ?? LOCAL_SITE_TABLE;
  const client = new DynamoDBClient(clientConfig(target, 'dynamodb'));
  await ensureSiteTable(client, tableName);
  const outbox = new OutboxMailer(options.outboxDir);
  const store = new MemberStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName);
  const service = new MemberService(store, outbox);
  const { admin, sandbox } = target;
  const testing =
    admin && sandbox?.wechat
      ? new SandboxService(store, {
          admin: (method, path, body) => adminRequest({ apiUrl: target.apiUrl, region: target.region, credentials: admin }, method, path, body),
          apiUrl: target.apiUrl,
          wechatSandboxUrl: sandbox.wechat.url,
          allowPrivateUrls: true,
        })
      : undefined;
  const site = await createMerchant(target, { name: 'payee website' });
  const purchase = new PurchaseService(store, { apiUrl: target.apiUrl, apiKey: site.apiKey, notifySecret: site.notifySecret });
  const logins = sandbox ? await sandboxLogins(service, { wechat: sandbox.wechat?.url, alipay: { url: sandbox.alipay.url, gatewayUrl: sandbox.alipay.gatewayUrl, publicKeyPem: sandbox.alipay.publicKeyPem } }) : [];
  return { service, store, outbox, merchant: { apiUrl: target.apiUrl, apiKey: site.apiKey }, handle: memberApi(service, memberRoutes(service, { sandbox: testing, purchase, logins })) };
}

/** Login with WeChat and Alipay through their sandboxes: a website application at each. */
export async function sandboxLogins(service: MemberService, sandboxes: { wechat?: string; alipay?: { url: string; gatewayUrl: string; publicKeyPem: string } }): Promise<OAuthLogin[]> {
  const logins: OAuthLogin[] = [];
  if (sandboxes.wechat) logins.push(new OAuthLogin(service, new WechatProvider({ ...(await wechatLoginApp(sandboxes.wechat)), connectUrl: sandboxes.wechat, apiUrl: sandboxes.wechat })));
  if (sandboxes.alipay) logins.push(new OAuthLogin(service, new AlipayProvider(await alipayLoginApp(sandboxes.alipay))));
  return logins;
}

/** The site's website application at the WeChat sandbox (an appid and secret of its own). */
export async function wechatLoginApp(sandboxUrl: string): Promise<{ appid: string; secret: string }> {
  const res = await fetch(`${sandboxUrl}/sandbox/oauth-apps`, { method: 'POST' });
  if (!res.ok) throw new Error(`WeChat sandbox refused the login app: ${res.status}`);
  return (await res.json()) as { appid: string; secret: string };
}

/** The site's web application at the Alipay sandbox: a key pair of its own, the public half registered. */
export async function alipayLoginApp(sandbox: { url: string; gatewayUrl: string; publicKeyPem: string }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const appId = `2021${Date.now().toString().slice(-8)}${randomInt(10_000).toString().padStart(4, '0')}`;
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const res = await fetch(`${sandbox.url}/sandbox/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId, appPublicKeyPem: publicKeyPem, sellerId: '2088000000000000' }) });
  if (!res.ok) throw new Error(`Alipay sandbox refused the login app: ${res.status}`);
  return { appId, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alipayPublicKeyPem: sandbox.publicKeyPem, authorizeUrl: sandbox.url, gatewayUrl: sandbox.gatewayUrl };
}
