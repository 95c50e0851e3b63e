/**
 * Alipay login: openauth's publicAppAuthorize.htm, then the gateway call alipay.system.oauth.token
 * (grant_type and code as common parameters, RSA2-signed as every call; the reply's signature
 * verified) for the user's user_id.
 */
import { verifiedReply } from '../channels/alipay/client.ts';
import { requestSignContent, signRsa2 } from '../channels/alipay/sign.ts';
import { toAlipayTime } from '../channels/alipay/time.ts';
import { MemberError } from './errors.ts';
import { codeRefused, type OAuthProvider, type ProviderUser } from './oauth-login.ts';

export interface AlipayApp {
  appId: string;
  privateKeyPem: string;
  alipayPublicKeyPem: string;
  /** openauth.alipay.com */
  authorizeUrl: string;
  /** https://openapi.alipay.com/gateway.do */
  gatewayUrl: string;
}

const METHOD = 'alipay.system.oauth.token';

export class AlipayProvider implements OAuthProvider {
  readonly name = 'alipay';
  constructor(private readonly app: AlipayApp) {}

  authorizeUrl(redirectUri: string, state: string): string {
    return `${this.app.authorizeUrl}/oauth2/publicAppAuthorize.htm?${new URLSearchParams({ app_id: this.app.appId, scope: 'auth_base', redirect_uri: redirectUri, state })}`;
  }

  async exchange(code: string): Promise<ProviderUser> {
    const params: Record<string, string> = { app_id: this.app.appId, method: METHOD, format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: toAlipayTime(new Date()), version: '1.0', grant_type: 'authorization_code', code };
    params.sign = signRsa2(requestSignContent(params), this.app.privateKeyPem);
    const res = await fetch(this.app.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params).toString(), signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    if (!res || res.status !== 200) throw new MemberError(502, 'provider_unavailable', 'Alipay did not answer; try again');
    let reply;
    try {
      reply = verifiedReply(await res.text(), METHOD, this.app.alipayPublicKeyPem);
    } catch {
      throw new MemberError(502, 'provider_unavailable', 'Alipay’s answer could not be verified; try again');
    }
    if (reply.code !== '10000' || typeof reply.user_id !== 'string') throw codeRefused('Alipay', `${reply.sub_code ?? reply.code} ${reply.sub_msg ?? reply.msg ?? ''}`.trim());
    return { subject: reply.user_id, ids: { user_id: reply.user_id, ...(typeof reply.open_id === 'string' ? { open_id: reply.open_id } : {}) } };
  }
}
