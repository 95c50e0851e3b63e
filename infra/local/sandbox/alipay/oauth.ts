/**
 * Alipay web login (PROTOCOLS.md §7) as openauth.alipay.com and the gateway answer it:
 *   GET /oauth2/publicAppAuthorize.htm?app_id&scope=auth_base|auth_user&redirect_uri&state
 *       the consent page; here a page whose confirm button stands for the user's scan and consent
 *   GET /oauth2/confirm?ticket&user → 302 redirect_uri?app_id&source=alipay_wallet&scope&auth_code&state
 *   gateway.do alipay.system.oauth.token (grant_type=authorization_code, code: common parameters,
 *       signed as every call) → {user_id, open_id, access_token, expires_in, refresh_token, re_expires_in, auth_start}
 * An auth_code works once, for the app it was issued to, within 3 minutes; otherwise
 * 40002 isv.code-invalid. user_id is per user; open_id per app and user.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, success } from './biz.ts';
import type { Call, GatewayState } from './gateway.ts';
import { beijingTime } from './protocol.ts';
import { send } from '../http.ts';

const CODE_TTL_MS = 3 * 60_000;
const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const digits = (...parts: string[]) => BigInt(`0x${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 15)}`).toString().padStart(12, '0').slice(-12);

const tickets = new WeakMap<GatewayState, Map<string, { appId: string; scope: string; redirectUri: string; state: string }>>();
const codes = new WeakMap<GatewayState, Map<string, { appId: string; user: string; at: number; used: boolean }>>();
const of = <V>(map: WeakMap<GatewayState, Map<string, V>>, state: GatewayState) => {
  let m = map.get(state);
  if (!m) map.set(state, (m = new Map()));
  return m;
};

/** The consent page and its confirmation: true when the request was one of them. */
export function authorizeRoute(state: GatewayState, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const q = url.searchParams;
  if (req.method === 'GET' && url.pathname === '/oauth2/publicAppAuthorize.htm') {
    const appId = q.get('app_id') ?? '';
    const scope = q.get('scope') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const problem = !state.apps.has(appId) ? 'app_id' : !['auth_base', 'auth_user'].includes(scope) ? 'scope' : !/^https?:\/\//.test(redirectUri) ? 'redirect_uri' : undefined;
    if (problem) return send(res, 400, 'text/html;charset=utf-8', `<!doctype html><title>授权失败</title><p>参数错误: ${problem}</p>`), true;
    const ticket = randomBytes(12).toString('hex');
    of(tickets, state).set(ticket, { appId, scope, redirectUri, state: q.get('state') ?? '' });
    send(res, 200, 'text/html;charset=utf-8', `<!doctype html><title>支付宝授权 (sandbox)</title><h1>支付宝账号授权</h1>
<form action="/oauth2/confirm" method="get"><input type="hidden" name="ticket" value="${esc(ticket)}"><label>user <input name="user" value="sandbox-user"></label> <button id="confirm" type="submit">确认授权</button></form>`);
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/oauth2/confirm') {
    const ticket = of(tickets, state).get(q.get('ticket') ?? '');
    if (!ticket) return send(res, 404, 'text/plain', 'no such authorization'), true;
    of(tickets, state).delete(q.get('ticket')!);
    const code = randomBytes(16).toString('hex');
    of(codes, state).set(code, { appId: ticket.appId, user: q.get('user') || 'sandbox-user', at: Date.now(), used: false });
    const back = new URL(ticket.redirectUri);
    for (const [k, v] of Object.entries({ app_id: ticket.appId, source: 'alipay_wallet', scope: ticket.scope, auth_code: code, state: ticket.state })) back.searchParams.set(k, v);
    res.writeHead(302, { location: back.toString() }).end();
    return true;
  }
  return false;
}

/** alipay.system.oauth.token: an auth_code for the user's ids and tokens. */
export function oauthToken(call: Call) {
  const { params, app, state, now } = call;
  if (params.grant_type !== 'authorization_code') throw new GatewayError('40002', 'isv.invalid-parameter', 'grant_type 应为 authorization_code');
  if (!params.code) throw new GatewayError('40001', 'isv.missing-parameter', '缺少必选参数 code');
  const code = of(codes, state).get(params.code);
  if (!code || code.appId !== app.appId || code.used || now.getTime() - code.at > CODE_TTL_MS) throw new GatewayError('40002', 'isv.code-invalid', '授权码code无效');
  code.used = true;
  return success(call, {
    user_id: `2088${digits('user', code.user)}`,
    open_id: `0${createHash('sha256').update(`${app.appId}\0${code.user}`).digest('base64url').slice(0, 30)}`,
    access_token: `authusrB${randomBytes(16).toString('hex')}`,
    expires_in: '1296000',
    refresh_token: `authusrB${randomBytes(16).toString('hex')}`,
    re_expires_in: '2592000',
    auth_start: beijingTime(now),
  });
}
