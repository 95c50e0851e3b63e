/** Third-party login's routes: off to the provider, and back. The browser follows redirects; errors are JSON naming the field. */
import { MemberError } from './errors.ts';
import { cookie, SESSION_COOKIE, type RouteTable } from './http.ts';
import { OAUTH_COOKIE, type OAuthLogin } from './oauth-login.ts';
import { SESSION_TTL_S } from './service.ts';

export function oauthRoutes(logins: OAuthLogin[]): RouteTable {
  const byName = new Map(logins.map((l) => [l.provider.name as string, l]));
  const login = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new MemberError(404, 'resource_missing', `No login with ${name}`, 'provider');
    return found;
  };
  const page = (lang: string, path: string) => `${lang === 'zh' ? '/zh' : ''}/members/${path}`;
  return {
    'GET /oauth/:/start': async (call) => {
      const { location, nonce } = await login(call.params[0]!).start(call.ctx);
      call.setCookie(cookie(OAUTH_COOKIE, `${nonce}.${call.query.get('lang') === 'zh' ? 'zh' : 'en'}`, { maxAge: 600 }));
      return { status: 302, body: {}, location };
    },
    'GET /oauth/:/callback': async (call) => {
      const provider = login(call.params[0]!);
      const [nonce, lang = 'en'] = (call.cookies[OAUTH_COOKIE] ?? '').split('.');
      const current = await call.user().catch(() => undefined);
      // WeChat returns `code`, Alipay `auth_code`.
      const code = call.query.get('code') ?? call.query.get('auth_code');
      const { session, linked } = await provider.finish({ code, state: call.query.get('state'), nonce }, current, call.ctx);
      call.setCookie(cookie(OAUTH_COOKIE, '', { maxAge: 0 }));
      if (session) call.setCookie(cookie(SESSION_COOKIE, session, { maxAge: SESSION_TTL_S }));
      return { status: 302, body: {}, location: linked ? page(lang, 'dashboard.html') : `${page(lang, 'login.html')}?error=${provider.provider.name}_not_linked` };
    },
  };
}
