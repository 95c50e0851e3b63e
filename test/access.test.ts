/** API Gateway's answers: 403 for a missing, unknown or disabled key; 429 beyond the usage plan. */
import { describe, expect, it } from 'vitest';
import { APIGatewayClient, UpdateApiKeyCommand } from '@aws-sdk/client-api-gateway';
import { clientConfig } from '../infra/local/target.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

describe('API keys and usage plans', () => {
  it('403 Forbidden without a key, with an unknown key, and the payment is not created', async () => {
    const body = sampleBody();
    for (const key of [undefined, 'pk_not_a_key']) {
      const res = await call(key, 'POST', '/v1/payments', { body });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: 'Forbidden' });
    }
    for (const path of ['/v1/payments', '/v1/openapi.json']) {
      expect((await call(undefined, 'GET', path)).status).toBe(403);
    }
  });

  it('serves the OpenAPI document without a key at /openapi.json, the same as with one', async () => {
    const open = await call(undefined, 'GET', '/openapi.json');
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toMatch(/^application\/json/);
    expect(open.body).toEqual((await call((await newMerchant('openapi')).apiKey, 'GET', '/v1/openapi.json')).body);
  });

  it('403 once API Gateway disables the key', async () => {
    const m = await newMerchant('disabled');
    expect((await call(m.apiKey, 'GET', '/v1/payments')).status).toBe(200);
    const t = target();
    const apigw = new APIGatewayClient(clientConfig(t, 'apigateway'));
    await apigw.send(new UpdateApiKeyCommand({ apiKey: m.apiKeyId, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
    const res = await call(m.apiKey, 'GET', '/v1/payments');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: 'Forbidden' });
  });

  it('429 Too Many Requests beyond the trial plan\'s throttle', async () => {
    const m = await newMerchant('trial', 'trial');
    const replies = await Promise.all(Array.from({ length: 40 }, () => call(m.apiKey, 'GET', '/v1/payments?limit=1')));
    const statuses = replies.map((r) => r.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(replies.find((r) => r.status === 429)!.body).toEqual({ message: 'Too Many Requests' });
  });

  it('unknown routes answer 404 route_not_found in the error shape', async () => {
    const m = await newMerchant('routes');
    const res = await call(m.apiKey, 'GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ type: 'not_found', code: 'route_not_found', requestId: expect.any(String) });
  });
});
