/**
 * OAuth2 client-credentials access tokens (§4.1 "Auth"), one per app and API host, kept per
 * container until shortly before they expire: a token request per API call would double every
 * call's latency, and PayPal's tokens live for hours.
 */
import { createHash } from 'node:crypto';
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { PayPalConfig } from './config.ts';

/** Renew this long before PayPal's expiry, so that a token never expires on the way. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const CACHE_LIMIT = 64;

interface CachedToken {
  token: string;
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();

/** The app's credentials were refused by the token endpoint: a configuration fault, not an outage. */
export class PayPalAuthRefused extends Error {}

/**
 * Per API host and client id, and a digest of the secret: a pay config saved with a wrong or
 * rotated secret must fail now, not when the token from the old secret expires.
 */
const cacheKey = (config: PayPalConfig) =>
  `${config.baseUrl}\n${config.clientId}\n${createHash('sha256').update(config.clientSecret, 'utf8').digest('base64url')}`;

/** Forget the cached token (PayPal answered 401 to it: revoked or expired early). */
export function dropToken(config: PayPalConfig): void {
  tokens.delete(cacheKey(config));
}

export async function accessToken(call: ChannelCall<PayPalConfig>): Promise<string> {
  const key = cacheKey(call.config);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > call.now().getTime()) return cached.token;

  const { clientId, clientSecret, baseUrl } = call.config;
  const response = await callProvider(
    call,
    new URL('/v1/oauth2/token', baseUrl),
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    },
    'paypal token',
  );
  if (response.status === 401 || response.status === 400) {
    throw new PayPalAuthRefused(`paypal token: HTTP ${response.status} ${response.body.slice(0, 200)}`);
  }
  if (response.status !== 200) throw new ProviderUnavailable(`paypal token: HTTP ${response.status}`);
  let reply: { access_token?: unknown; expires_in?: unknown };
  try {
    reply = JSON.parse(response.body) as typeof reply;
  } catch {
    throw new ProviderUnavailable('paypal token: reply is not JSON');
  }
  if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
    throw new ProviderUnavailable('paypal token: reply has no access_token / expires_in');
  }
  // A token that would already be inside the margin is used for this call but not kept.
  const expiresAt = call.now().getTime() + reply.expires_in * 1000 - EXPIRY_MARGIN_MS;
  if (expiresAt > call.now().getTime()) {
    if (tokens.size >= CACHE_LIMIT && !tokens.has(key)) tokens.delete(tokens.keys().next().value as string);
    tokens.set(key, { token: reply.access_token, expiresAt });
  }
  return reply.access_token;
}
