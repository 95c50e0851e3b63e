/**
 * Login with WeChat (网站应用微信登录, PROTOCOLS.md §7): the browser goes to WeChat's QR page with a
 * signed `state` bound to a cookie of this browser; back with `code`, the code is exchanged at
 * sns/oauth2/access_token for openid and unionid. A logged-in member links the WeChat user to their
 * account (usr_ext_wechat); later the WeChat user logs in as that member. A bad state, or an
 * expired or used code, is a 400 that changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { logger } from '../observability/logger.ts';
import { MemberError } from './errors.ts';
import type { MemberService, RequestContext } from './service.ts';
import type { User } from './store.ts';
import { openToken, signToken } from './tokens.ts';

export interface WechatApp {
  appid: string;
  secret: string;
  /** open.weixin.qq.com (the QR page). */
  connectUrl: string;
  /** api.weixin.qq.com (the token exchange). */
  apiUrl: string;
}

export const OAUTH_COOKIE = 'payee_oauth';
const STATE_TTL_S = 600;

export class WechatLogin {
  constructor(
    private readonly service: MemberService,
    private readonly app: WechatApp,
  ) {}

  /** Where the browser goes, and the nonce its cookie must carry back. */
  async start(ctx: RequestContext): Promise<{ location: string; nonce: string }> {
    const nonce = randomBytes(16).toString('base64url');
    const state = signToken(await this.service.store.signingKey(), { purpose: 'oauth-state', sub: nonce, exp: Math.floor(Date.now() / 1000) + STATE_TTL_S });
    const q = new URLSearchParams({ appid: this.app.appid, redirect_uri: `${ctx.siteUrl}/api/members/oauth/wechat/callback`, response_type: 'code', scope: 'snsapi_login', state });
    return { location: `${this.app.connectUrl}/connect/qrconnect?${q}#wechat_redirect`, nonce };
  }

  /** The WeChat user of a returning browser: linked to `current` when logged in; the member to log in as otherwise. */
  async finish(input: { code: string | null; state: string | null; nonce: string | undefined }, current: User | undefined, ctx: RequestContext): Promise<{ session?: string; linked: boolean }> {
    const claims = openToken(await this.service.store.signingKey(), input.state ?? '', 'oauth-state', 'state');
    if (!input.nonce || claims.sub !== input.nonce) throw new MemberError(400, 'state_mismatch', 'state does not belong to this browser: start the login again', 'state');
    if (!input.code) throw new MemberError(400, 'parameter_missing', 'code is required', 'code');
    const q = new URLSearchParams({ appid: this.app.appid, secret: this.app.secret, code: input.code, grant_type: 'authorization_code' });
    const res = await fetch(`${this.app.apiUrl}/sns/oauth2/access_token?${q}`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const token = (await res?.json().catch(() => undefined)) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string } | undefined;
    if (!token) throw new MemberError(502, 'provider_unavailable', 'WeChat did not answer; try again');
    if (token.errcode || !token.openid) {
      logger.warn('member wechat login refused', { event: 'member.login', via: 'wechat', outcome: 'code_refused', errcode: token.errcode, ip: ctx.ip });
      throw new MemberError(400, 'oauth_code_invalid', `code was refused by WeChat (${token.errcode} ${token.errmsg}): it has expired or was used; log in again`, 'code');
    }
    const subject = token.unionid ?? token.openid;
    if (current) {
      const linked = await this.service.store.link(current.userId, { provider: 'wechat', subject, linkedAt: new Date().toISOString(), ids: { openid: token.openid, ...(token.unionid ? { unionid: token.unionid } : {}) } });
      if (!linked) throw new MemberError(409, 'already_linked', 'This WeChat user is linked to an account already', 'code');
      logger.info('member wechat linked', { event: 'member.link', via: 'wechat', userId: current.userId });
      return { linked: true };
    }
    const userId = await this.service.store.linkedUser('wechat', subject);
    const user = userId ? await this.service.store.user(userId) : undefined;
    if (!user) {
      logger.info('member wechat login refused', { event: 'member.login', via: 'wechat', outcome: 'not_linked', ip: ctx.ip });
      return { linked: false };
    }
    const session = await this.service.openSession(user, ctx);
    logger.info('member logged in', { event: 'member.login', via: 'wechat', outcome: 'ok', userId: user.userId, ip: ctx.ip });
    return { session, linked: true };
  }
}
