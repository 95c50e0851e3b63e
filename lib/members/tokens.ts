/**
 * Tokens of the member API. Signed ones (HMAC-SHA256, a purpose and an expiry inside) for links
 * that need no table read to check: e-mail verification, OAuth `state`. Random ones (32 bytes)
 * for what must be single-use or revocable: sessions, password resets, invitations; only their
 * SHA-256 is stored, so a copy of the table opens no session.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MemberError } from './errors.ts';

export type TokenPurpose = 'verify' | 'oauth-state';

export interface SignedClaims {
  purpose: TokenPurpose;
  /** The user (verify) or a browser nonce (oauth-state). */
  sub: string;
  /** Unix seconds. */
  exp: number;
}

const mac = (secret: Buffer, body: string) => createHmac('sha256', secret).update(body).digest();

export function signToken(secret: Buffer, claims: SignedClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The claims of a token this secret signed for `purpose`, or a 400 naming `param` (invalid or expired). */
export function openToken(secret: Buffer, token: string, purpose: TokenPurpose, param: string, nowS = Math.floor(Date.now() / 1000)): SignedClaims {
  const [body, signature] = token.split('.');
  const given = Buffer.from(signature ?? '', 'base64url');
  const expected = body ? mac(secret, body) : Buffer.alloc(0);
  if (!body || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new MemberError(400, 'token_invalid', `${param} is not a valid link or code`, param);
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignedClaims;
  if (claims.purpose !== purpose) throw new MemberError(400, 'token_invalid', `${param} is not a valid link or code`, param);
  if (claims.exp <= nowS) throw new MemberError(400, 'token_expired', `${param} has expired: ask for a new one`, param);
  return claims;
}

export const randomToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
