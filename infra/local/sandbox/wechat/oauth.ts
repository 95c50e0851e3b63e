/**
 * WeChat website login (网站应用微信登录, PROTOCOLS.md §7) as open.weixin.qq.com and
 * api.weixin.qq.com answer it:
 *   GET /connect/qrconnect?appid&redirect_uri&response_type=code&scope=snsapi_login&state
 *       the QR page; here a page whose "confirm" link stands for the user's scan and consent
 *   GET /connect/confirm?ticket&user   → 302 redirect_uri?code=…&state=… (code: 10 min, single use)
 *   GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
 *       → {access_token, expires_in, refresh_token, openid, scope, unionid} or {errcode, errmsg}
 * Simulator-only: POST /sandbox/oauth-apps → {appid, secret} (a website application).
 * openid is per application and user, unionid per user, as WeChat's are.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, sendJson } from '../http.ts';

const CODE_TTL_MS = 10 * 60_000;
const id = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 28);
const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function oauthRoutes() {
  const apps = new Map<string, string>();
  const tickets = new Map<string, { appid: string; redirectUri: string; state: string }>();
  const codes = new Map<string, { appid: string; user: string; at: number; used: boolean }>();

  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const q = url.searchParams;
    if (req.method === 'POST' && url.pathname === '/sandbox/oauth-apps') {
      const appid = `wx${randomBytes(8).toString('hex')}`;
      const secret = randomBytes(16).toString('hex');
      apps.set(appid, secret);
      sendJson(res, 201, { appid, secret });
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/connect/qrconnect') {
      const appid = q.get('appid') ?? '';
      const redirectUri = q.get('redirect_uri') ?? '';
      // WeChat shows its own error page for a bad request (参数错误); the sandbox says which.
      const problem = !apps.has(appid) ? 'appid' : q.get('scope') !== 'snsapi_login' ? 'scope' : q.get('response_type') !== 'code' ? 'response_type' : !/^https?:\/\//.test(redirectUri) ? 'redirect_uri' : undefined;
      if (problem) return send(res, 400, 'text/html;charset=utf-8', `<!doctype html><title>参数错误</title><p>参数错误: ${problem}</p>`), true;
      const ticket = randomBytes(12).toString('hex');
      tickets.set(ticket, { appid, redirectUri, state: q.get('state') ?? '' });
      send(
        res,
        200,
        'text/html;charset=utf-8',
        `<!doctype html><title>微信登录 (sandbox)</title><h1>微信登录</h1><p>Sandbox: the user scans this code and confirms.</p>
<form action="/connect/confirm" method="get"><input type="hidden" name="ticket" value="${esc(ticket)}"><label>user <input name="user" value="sandbox-user"></label> <button id="confirm" type="submit">确认登录</button></form>`,
      );
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/connect/confirm') {
      const ticket = tickets.get(q.get('ticket') ?? '');
      if (!ticket) return sendJson(res, 404, { error: 'no such QR code' }), true;
      tickets.delete(q.get('ticket')!);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { appid: ticket.appid, user: q.get('user') || 'sandbox-user', at: Date.now(), used: false });
      const back = new URL(ticket.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', ticket.state);
      res.writeHead(302, { location: back.toString() }).end();
      return true;
    }
    if (req.method === 'GET' && url.pathname === '/sns/oauth2/access_token') {
      const appid = q.get('appid') ?? '';
      if (!apps.has(appid)) return sendJson(res, 200, { errcode: 40013, errmsg: 'invalid appid' }), true;
      if (apps.get(appid) !== q.get('secret')) return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' }), true;
      if (q.get('grant_type') !== 'authorization_code') return sendJson(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' }), true;
      const code = codes.get(q.get('code') ?? '');
      if (!code || code.appid !== appid || Date.now() - code.at > CODE_TTL_MS) return sendJson(res, 200, { errcode: 40029, errmsg: 'invalid code' }), true;
      if (code.used) return sendJson(res, 200, { errcode: 40163, errmsg: 'code been used' }), true;
      code.used = true;
      sendJson(res, 200, {
        access_token: randomBytes(24).toString('base64url'),
        expires_in: 7200,
        refresh_token: randomBytes(24).toString('base64url'),
        openid: `o${id('openid', appid, code.user)}`,
        scope: 'snsapi_login',
        unionid: `u${id('unionid', code.user)}`,
      });
      return true;
    }
    return false;
  };
}
