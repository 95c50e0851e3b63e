/**
 * The member API over HTTP, one function for both homes: the site stack's Lambda (API Gateway
 * behind CloudFront's /api/members/*) and the local site server. JSON in and out; the session in
 * an HttpOnly, Secure, SameSite=Lax cookie; the CSRF check before every state-changing request.
 */
import * as z from 'zod/mini';
import { PayeeError } from '../domain/errors.ts';
import { parseWith } from '../http/validation.ts';
import { logger } from '../observability/logger.ts';
import { CSRF_COOKIE, checkCsrf, newCsrfToken } from './csrf.ts';
import { MemberError } from './errors.ts';
import { inviteBody, logInBody, resetConfirmBody, resetRequestBody, signUpBody, verifyBody } from './schemas.ts';
import { SESSION_TTL_S, type Lang, type MemberService, type RequestContext } from './service.ts';
import type { User } from './store.ts';

export const API_PREFIX = '/api/members';
export const SESSION_COOKIE = 'payee_session';

export interface MemberRequest {
  method: string;
  /** The path from /api/members on, without the query. */
  path: string;
  /** The query string, without `?`. */
  query?: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: string;
  /** The client's address (rate limits, the login log). */
  ip: string;
  /** The site's own address, for links in mails. */
  siteUrl: string;
}

export interface MemberResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
}

interface Call {
  req: MemberRequest;
  /** The query string's parameters. */
  query: URLSearchParams;
  ctx: RequestContext;
  cookies: Record<string, string>;
  json: unknown;
  params: string[];
  /** The logged-in user, or a 401. */
  user(): Promise<User>;
  setCookie(cookie: string): void;
}

/** A route's answer: JSON, or a redirect (`location`) for the browser's OAuth round trips. */
type Answer = { status: number; body: unknown; location?: string };
type Route = ((call: Call) => Promise<Answer>) & { csrfExempt?: true };

/** A route another server calls (payee's notification), authenticated by its own signature: no CSRF token to carry. */
export const signedByCaller = (route: Route): Route => Object.assign(route, { csrfExempt: true as const });

/** Extra routes the later parts of the member API add (online testing, plans, third-party login). */
export type RouteTable = Record<string, Route>;

export function cookie(name: string, value: string, options: { maxAge?: number; httpOnly?: boolean } = {}): string {
  return [`${name}=${value}`, 'Path=/', 'Secure', 'SameSite=Lax', ...(options.httpOnly === false ? [] : ['HttpOnly']), ...(options.maxAge === undefined ? [] : [`Max-Age=${options.maxAge}`])].join('; ');
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] ??= part.slice(eq + 1).trim();
  }
  return cookies;
}

export const body = <S extends z.ZodMiniType>(schema: S, call: Call): z.output<S> => parseWith(schema, call.json);

export function accountRoutes(service: MemberService): RouteTable {
  return {
    // The page's first call: who is logged in, and the CSRF token for its forms.
    'GET /session': async (call) => {
      let csrf = call.cookies[CSRF_COOKIE];
      if (!csrf || csrf.length < 32) {
        csrf = newCsrfToken();
        call.setCookie(cookie(CSRF_COOKIE, csrf, { httpOnly: false }));
      }
      const user = await call.user().catch(() => undefined);
      return { status: 200, body: { csrf, user: user ? await service.view(user, { full: true }) : null } };
    },
    'POST /signup': async (call) => ({ status: 201, body: { user: await service.signUp(body(signUpBody, call), call.ctx) } }),
    'POST /verify': async (call) => ({ status: 200, body: { user: await service.verify(body(verifyBody, call).token) } }),
    'POST /login': async (call) => {
      const { session, user } = await service.logIn(body(logInBody, call), call.ctx);
      call.setCookie(cookie(SESSION_COOKIE, session, { maxAge: SESSION_TTL_S }));
      return { status: 200, body: { user } };
    },
    'POST /logout': async (call) => {
      await service.logOut(call.cookies[SESSION_COOKIE]);
      call.setCookie(cookie(SESSION_COOKIE, '', { maxAge: 0 }));
      return { status: 200, body: { ok: true } };
    },
    'POST /password-reset': async (call) => {
      await service.requestReset(body(resetRequestBody, call).email, call.ctx);
      return { status: 202, body: { ok: true } };
    },
    'POST /password-reset/confirm': async (call) => {
      const { token, password } = body(resetConfirmBody, call);
      return { status: 200, body: { user: await service.setPasswordWith('reset', token, password) } };
    },
    'POST /invitations/accept': async (call) => {
      const { token, password } = body(resetConfirmBody, call);
      return { status: 200, body: { user: await service.setPasswordWith('invite', token, password) } };
    },
    'GET /me': async (call) => ({ status: 200, body: { user: await service.view(await call.user(), { full: true }) } }),
    'POST /users': async (call) => ({ status: 201, body: { user: await service.invite(await call.user(), body(inviteBody, call), call.ctx) } }),
  };
}

/** `GET /companies/:id` matches the route `GET /companies/:`: the ids become `params`. */
function match(routes: RouteTable, method: string, path: string): { route: Route; params: string[] } | undefined {
  const parts = path.split('/');
  for (const [key, route] of Object.entries(routes)) {
    const [m, pattern] = key.split(' ') as [string, string];
    const want = pattern.split('/');
    if (m !== method || want.length !== parts.length) continue;
    const params: string[] = [];
    if (want.every((w, i) => (w === ':' ? (params.push(decodeURIComponent(parts[i]!)), parts[i] !== '') : w === parts[i]))) return { route, params };
  }
  return undefined;
}

const reply = (status: number, payload: unknown, cookies: string[], headers: Record<string, string> = {}): MemberResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  cookies,
  body: JSON.stringify(payload),
});

export function memberApi(service: MemberService, routes: RouteTable): (req: MemberRequest) => Promise<MemberResponse> {
  return async (req) => {
    const cookies: string[] = [];
    try {
      const found = match(routes, req.method === 'HEAD' ? 'GET' : req.method, req.path);
      if (!found) return reply(404, { error: { code: 'route_missing', message: `No ${req.method} ${API_PREFIX}${req.path}` } }, cookies);
      const jar = parseCookies(req.headers.cookie);
      if (!found.route.csrfExempt) checkCsrf(req.method, req.headers, jar);
      let json: unknown = {};
      if (req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE') {
        if (req.body.trim()) {
          try {
            json = JSON.parse(req.body);
          } catch {
            throw new MemberError(400, 'body_invalid', 'The body must be a JSON object', 'body');
          }
        }
      }
      const lang: Lang = req.headers['x-site-lang'] === 'zh' ? 'zh' : 'en';
      let user: Promise<User> | undefined;
      const { status, body, location } = await found.route({
        req,
        query: new URLSearchParams(req.query ?? ''),
        ctx: { siteUrl: req.siteUrl, ip: req.ip, lang },
        cookies: jar,
        json,
        params: found.params,
        user: () => (user ??= service.authenticate(jar[SESSION_COOKIE])),
        setCookie: (c) => cookies.push(c),
      });
      return reply(status, body, cookies, location ? { location } : {});
    } catch (err) {
      if (err instanceof MemberError) {
        return reply(err.status, { error: { code: err.code, message: err.message, param: err.param } }, cookies, err.retryAfter ? { 'retry-after': String(err.retryAfter) } : {});
      }
      if (err instanceof PayeeError && err.type === 'invalid_request') return reply(400, { error: { code: err.code, message: err.message, param: err.param } }, cookies);
      logger.error('member api failed', { event: 'member.error', path: req.path, error: (err as Error).message });
      return reply(500, { error: { code: 'internal_error', message: 'Something went wrong on our side; try again' } }, cookies);
    }
  };
}
