/** Error mapping of PayPal API replies, through an injected ProviderHttp playing PayPal's edge cases. */
import { describe, expect, it } from 'vitest';
import type { ProviderHttp, ProviderResponse } from '../../http/provider-http.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { paypalApi } from './client.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';

let app = 0;
/** Answers the token endpoint properly and every API call with `reply`. */
function call(reply: Partial<ProviderResponse> | Error) {
  const seen: { path: string; headers: Record<string, string> }[] = [];
  const http: ProviderHttp = async (url, request) => {
    const path = new URL(url).pathname;
    seen.push({ path, headers: request.headers ?? {} });
    if (path === '/v1/oauth2/token') return { status: 200, headers: {}, body: JSON.stringify({ access_token: `T${seen.length}`, expires_in: 32400 }) };
    if (reply instanceof Error) throw reply;
    return { status: 200, headers: {}, body: '{}', ...reply };
  };
  const config: PayPalConfig = paypal.configSchema.parse({ clientId: `client-${++app}`, clientSecret: 's', webhookId: 'W', baseUrl: 'https://paypal.test' });
  return { call: { config, http, timeoutMs: 1000, now: () => new Date() }, seen };
}

const post = { method: 'POST' as const, requestId: 'P1', body: {} };

describe('paypalApi', () => {
  it('sends the bearer token, JSON and PayPal-Request-Id on POSTs', async () => {
    const { call: c, seen } = call({ status: 201, body: '{"id":"O1"}' });
    expect(await paypalApi(c, '/v2/checkout/orders', post)).toEqual({ status: 201, body: { id: 'O1' } });
    expect(seen[1]!.headers).toMatchObject({ authorization: 'Bearer T1', 'content-type': 'application/json', 'paypal-request-id': 'P1' });
  });

  it('returns 4xx answers for the caller to read', async () => {
    const { call: c } = call({ status: 422, body: '{"name":"UNPROCESSABLE_ENTITY","details":[{"issue":"ORDER_NOT_APPROVED"}]}' });
    expect(await paypalApi(c, '/v2/checkout/orders/O1/capture', post)).toMatchObject({ status: 422 });
  });

  it.each([
    ['a network error', new Error('ECONNRESET')],
    ['a 500', { status: 500, body: '{"name":"INTERNAL_SERVER_ERROR"}' }],
    ['a 503 page', { status: 503, body: '<html>' }],
    ['a 429', { status: 429, body: '{"name":"RATE_LIMIT_REACHED"}' }],
    ['a reply that is not JSON', { status: 201, body: '<html>' }],
    ['a JSON array', { status: 200, body: '[]' }],
    ['a redirect', { status: 302, body: '' }],
    ['a 401 twice', { status: 401, body: '{}' }],
  ])('throws ProviderUnavailable on %s', async (_, reply) => {
    await expect(paypalApi(call(reply).call, '/v2/checkout/orders', post)).rejects.toThrow(ProviderUnavailable);
  });
});
