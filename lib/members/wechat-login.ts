/** WeChat website login (网站应用微信登录): /connect/qrconnect, then sns/oauth2/access_token for openid and unionid. */
import { MemberError } from './errors.ts';
import { codeRefused, type OAuthProvider, type ProviderUser } from './oauth-login.ts';

export interface WechatApp {
  appid: string;
  secret: string;
  /** open.weixin.qq.com (the QR page). */
  connectUrl: string;
  /** api.weixin.qq.com (the token exchange). */
  apiUrl: string;
}

export class WechatProvider implements OAuthProvider {
  readonly name = 'wechat';
  constructor(private readonly app: WechatApp) {}

  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({ appid: this.app.appid, redirect_uri: redirectUri, response_type: 'code', scope: 'snsapi_login', state });
    return `${this.app.connectUrl}/connect/qrconnect?${q}#wechat_redirect`;
  }

  async exchange(code: string): Promise<ProviderUser> {
    const q = new URLSearchParams({ appid: this.app.appid, secret: this.app.secret, code, grant_type: 'authorization_code' });
    const res = await fetch(`${this.app.apiUrl}/sns/oauth2/access_token?${q}`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const token = (await res?.json().catch(() => undefined)) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string } | undefined;
    if (!token) throw new MemberError(502, 'provider_unavailable', 'WeChat did not answer; try again');
    if (token.errcode || !token.openid) throw codeRefused('WeChat', `${token.errcode} ${token.errmsg}`);
    // unionid is the same user across the open platform's apps; openid only within this one.
    return { subject: token.unionid ?? token.openid, ids: { openid: token.openid, ...(token.unionid ? { unionid: token.unionid } : {}) } };
  }
}
