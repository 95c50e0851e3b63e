/**
 * CSRF protection of every state-changing member request: the double-submit token (a random
 * value in a cookie the site's script reads and repeats in the `x-csrf-token` header, which
 * another site can neither read nor set), and the browser's own word: a request a browser marks
 * `Sec-Fetch-Site: cross-site` is refused even with a token.
 */
import { timingSafeEqual } from 'node:crypto';
import { forbidden } from './errors.ts';
import { randomToken } from './tokens.ts';

export const CSRF_COOKIE = 'payee_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const newCsrfToken = randomToken;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkCsrf(method: string, headers: Record<string, string | undefined>, cookies: Record<string, string>): void {
  if (SAFE_METHODS.has(method)) return;
  if (headers['sec-fetch-site'] === 'cross-site') throw forbidden('csrf_failed', 'A request from another site is refused');
  const cookie = Buffer.from(cookies[CSRF_COOKIE] ?? '');
  const header = Buffer.from(headers[CSRF_HEADER] ?? '');
  if (cookie.length < 32 || cookie.length !== header.length || !timingSafeEqual(cookie, header)) {
    throw forbidden('csrf_failed', `The ${CSRF_HEADER} header must repeat the ${CSRF_COOKIE} cookie: reload the page and try again`);
  }
}
