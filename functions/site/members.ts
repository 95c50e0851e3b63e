/**
 * /api/members/* (site stack: CloudFront → API Gateway HTTP API → this function): the member
 * API of lib/members. CloudFront's viewer-request function passes the site's host on as
 * x-site-host (links in mails point at the site) and CloudFront the viewer's address. With a
 * gateway named (PAYEE_API_URL): online testing through its admin API (this function's role,
 * SigV4) and support plans paid through it with the site's own merchant key; with a WeChat
 * website application, login with WeChat.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { adminRequest } from '../../cli/client.ts';
import { documentClient, tableName } from '../../lib/aws/dynamodb.ts';
import { API_PREFIX, memberApi } from '../../lib/members/http.ts';
import { PurchaseService } from '../../lib/members/purchase.ts';
import { memberRoutes } from '../../lib/members/routes.ts';
import { SandboxService } from '../../lib/members/sandbox.ts';
import { SesMailer } from '../../lib/members/ses-mailer.ts';
import { MemberService } from '../../lib/members/service.ts';
import { MemberStore } from '../../lib/members/store.ts';
import { OAuthLogin } from '../../lib/members/oauth-login.ts';
import { WechatProvider } from '../../lib/members/wechat-login.ts';

const { AWS_REGION: region = '', MAIL_FROM = '', PAYEE_API_URL: apiUrl, WECHAT_SANDBOX_URL: wechatSandboxUrl, SITE_MERCHANT_KEY: apiKey, SITE_NOTIFY_SECRET: notifySecret } = process.env;
const { WECHAT_LOGIN_APPID: appid, WECHAT_LOGIN_SECRET: secret } = process.env;
const store = new MemberStore(documentClient(), tableName());
const service = new MemberService(store, new SesMailer(region, MAIL_FROM));
const credentials = fromEnv();
const sandbox =
  apiUrl && wechatSandboxUrl
    ? new SandboxService(store, { admin: (method, path, body) => adminRequest({ apiUrl, region, credentials }, method, path, body), apiUrl, wechatSandboxUrl, allowPrivateUrls: false })
    : undefined;
const purchase = apiUrl && apiKey && notifySecret ? new PurchaseService(store, { apiUrl, apiKey, notifySecret }) : undefined;
// WeChat's own hosts: the website application registered at open.weixin.qq.com.
const logins = appid && secret ? [new OAuthLogin(service, new WechatProvider({ appid, secret, connectUrl: 'https://open.weixin.qq.com', apiUrl: 'https://api.weixin.qq.com' }))] : [];
const api = memberApi(service, memberRoutes(service, { sandbox, purchase, logins }));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // HTTP APIs (payload 2.0) hand the cookies apart from the headers.
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const viewer = headers['cloudfront-viewer-address'];
  const res = await api({
    method: event.requestContext.http.method,
    path: event.rawPath.slice(API_PREFIX.length) || '/',
    query: event.rawQueryString,
    headers,
    body: event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '',
    // CloudFront-Viewer-Address is ip:port (IPv6 with colons): the part before the last colon.
    ip: viewer ? viewer.slice(0, viewer.lastIndexOf(':')) : event.requestContext.http.sourceIp,
    siteUrl: `https://${headers['x-site-host'] ?? headers.host}`,
  });
  return { statusCode: res.status, headers: res.headers, cookies: res.cookies, body: res.body };
}
