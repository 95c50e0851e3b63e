/** Third-party login's routes: off to the provider, and back. The browser follows redirects; errors are JSON naming the field. */
import { cookie, SESSION_COOKIE, type RouteTable } from './http.ts';
import { SESSION_TTL_S } from './service.ts';
import { OAUTH_COOKIE, type WechatLogin } from './wechat-login.ts';

export function oauthRoutes(wechat: WechatLogin): RouteTable {
  const page = (lang: string, path: string) => `${lang === 'zh' ? '/zh' : ''}/members/${path}`;
  return {
    'GET /oauth/wechat/start': async (call) => {
      const { location, nonce } = await wechat.start(call.ctx);
      call.setCookie(cookie(OAUTH_COOKIE, `${nonce}.${call.query.get('lang') === 'zh' ? 'zh' : 'en'}`, { maxAge: 600 }));
      return { status: 302, body: {}, location };
    },
    'GET /oauth/wechat/callback': async (call) => {
      const [nonce, lang = 'en'] = (call.cookies[OAUTH_COOKIE] ?? '').split('.');
      const current = await call.user().catch(() => undefined);
      const { session, linked } = await wechat.finish({ code: call.query.get('code'), state: call.query.get('state'), nonce }, current, call.ctx);
      call.setCookie(cookie(OAUTH_COOKIE, '', { maxAge: 0 }));
      if (session) call.setCookie(cookie(SESSION_COOKIE, session, { maxAge: SESSION_TTL_S }));
      return { status: 302, body: {}, location: linked ? page(lang, 'dashboard.html') : `${page(lang, 'login.html')}?error=wechat_not_linked` };
    },
  };
}
