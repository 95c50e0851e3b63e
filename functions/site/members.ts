/**
 * /api/members/* (site stack: CloudFront → API Gateway HTTP API → this function): the member
 * API of lib/members. CloudFront's viewer-request function passes the site's host on as
 * x-site-host (links in mails point at the site) and CloudFront the viewer's address.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentClient, tableName } from '../../lib/aws/dynamodb.ts';
import { memberRoutes } from '../../lib/members/routes.ts';
import { API_PREFIX, memberApi } from '../../lib/members/http.ts';
import { SesMailer } from '../../lib/members/ses-mailer.ts';
import { MemberService } from '../../lib/members/service.ts';
import { MemberStore } from '../../lib/members/store.ts';

const service = new MemberService(new MemberStore(documentClient(), tableName()), new SesMailer(process.env.AWS_REGION!, process.env.MAIL_FROM!));
const api = memberApi(service, memberRoutes(service));

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  // HTTP APIs (payload 2.0) hand the cookies apart from the headers.
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  const viewer = headers['cloudfront-viewer-address'];
  const res = await api({
    method: event.requestContext.http.method,
    path: event.rawPath.slice(API_PREFIX.length) || '/',
    headers,
    body: event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '',
    // CloudFront-Viewer-Address is ip:port (IPv6 with colons): the part before the last colon.
    ip: viewer ? viewer.slice(0, viewer.lastIndexOf(':')) : event.requestContext.http.sourceIp,
    siteUrl: `https://${headers['x-site-host'] ?? headers.host}`,
  });
  return { statusCode: res.status, headers: res.headers, cookies: res.cookies, body: res.body };
}
