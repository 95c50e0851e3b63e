import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConnectionError, ConflictError, IdempotencyError, InvalidRequestError, Payee, RateLimitError, ServiceUnavailableError, VERSION, API_VERSION } from '../src/index.ts';
import { apiError, fakeClock, scriptedServer, type Step } from './scripted-server.ts';

const payment = { payNo: 'P01', status: 'PENDING' };
const params = { method: 'alipay.qr', outTradeNo: 'A1', subject: 'T-shirt', amount: 1999, currency: 'CNY' } as const;
let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function setup(script: Step[], options: { maxRetries?: number; timeoutMs?: number } = {}) {
  const server = await scriptedServer(script);
  close = server.close;
  const clock = fakeClock();
  const payee = new Payee({ apiKey: 'pk_test', baseUrl: server.url, clock, ...options });
  return { payee, clock, received: server.received };
}

describe('retries', () => {
  it('waits what Retry-After asks after a 503, and sends the same Idempotency-Key again', async () => {
    const { payee, clock, received } = await setup([{ ...apiError(503, 'unavailable', 'service_unavailable'), headers: { 'retry-after': '2' } }, { status: 201, body: payment }]);
    assert.deepEqual(await payee.payments.create(params), payment);
    assert.deepEqual(clock.sleeps, [2000]);
    assert.equal(received.length, 2);
    const keys = received.map((r) => r.headers['idempotency-key']);
    assert.match(keys[0] as string, /^[0-9a-f-]{36}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(received[1]!.body, received[0]!.body);
  });

  it('backs off exponentially with jitter after dropped connections, then gives up with a ConnectionError', async () => {
    const { payee, clock, received } = await setup(['drop', 'drop', 'drop', 'drop'], { maxRetries: 3 });
    await assert.rejects(payee.payments.get('P01'), ConnectionError);
    assert.equal(received.length, 4);
    assert.equal(clock.sleeps.length, 3);
    // 500 ms doubling, × 0.5..1 jitter.
    clock.sleeps.forEach((ms, i) => assert.ok(ms >= 250 * 2 ** i && ms <= 500 * 2 ** i, `sleep ${i}: ${ms}`));
  });

  it('caps the backoff at maxRetryDelayMs', async () => {
    const server = await scriptedServer(['drop', 'drop', 'drop', { status: 200, body: payment }]);
    close = server.close;
    const clock = fakeClock();
    const payee = new Payee({ apiKey: 'k', baseUrl: server.url, clock, maxRetries: 3, initialRetryDelayMs: 1000, maxRetryDelayMs: 1500 });
    await payee.payments.get('P01');
    assert.ok(clock.sleeps.every((ms) => ms <= 1500), String(clock.sleeps));
    assert.ok(clock.sleeps[2]! >= 750);
  });

  it('retries a create whose answer was lost with the same key: the API replays the first answer', async () => {
    const { payee, received } = await setup(['drop', { status: 201, body: payment, headers: { 'idempotent-replayed': 'true' } }]);
    assert.deepEqual(await payee.payments.create(params), payment);
    assert.equal(received[0]!.headers['idempotency-key'], received[1]!.headers['idempotency-key']);
  });

  it("sends the caller's own Idempotency-Key on every attempt", async () => {
    const { payee, received } = await setup([apiError(500, 'internal', 'internal_error'), { status: 201, body: payment }]);
    await payee.payments.create(params, { idempotencyKey: 'order-A1' });
    assert.deepEqual(received.map((r) => r.headers['idempotency-key']), ['order-A1', 'order-A1']);
  });

  it('makes a new key for each call', async () => {
    const { payee, received } = await setup([{ status: 201, body: payment }, { status: 201, body: payment }]);
    await payee.payments.create(params);
    await payee.payments.create(params);
    assert.notEqual(received[0]!.headers['idempotency-key'], received[1]!.headers['idempotency-key']);
  });

  it('retries 409 idempotency_key_in_use and 429, never another 409', async () => {
    const { payee, received } = await setup([
      apiError(409, 'idempotency', 'idempotency_key_in_use'),
      { status: 429, body: { message: 'Too Many Requests' } },
      { status: 201, body: payment },
      apiError(409, 'conflict', 'duplicate_out_trade_no', { payNo: 'P00' }),
    ]);
    assert.deepEqual(await payee.payments.create(params), payment);
    const duplicate = await payee.payments.create(params).catch((e: unknown) => e);
    assert.ok(duplicate instanceof ConflictError);
    assert.equal(duplicate.payNo, 'P00');
    assert.equal(received.length, 4);
  });

  it('never retries a 400 or a 422, and names the field', async () => {
    const { payee, received } = await setup([apiError(400, 'invalid_request', 'parameter_invalid', { param: 'amount' }), apiError(422, 'idempotency', 'idempotency_key_reused', { param: 'Idempotency-Key' })]);
    const invalid = await payee.payments.create({ ...params, amount: -1 }).catch((e: unknown) => e);
    assert.ok(invalid instanceof InvalidRequestError);
    assert.deepEqual([invalid.status, invalid.code, invalid.param, invalid.requestId], [400, 'parameter_invalid', 'amount', 'req-parameter_invalid']);
    await assert.rejects(payee.payments.create(params), IdempotencyError);
    assert.equal(received.length, 2);
  });

  it('with maxRetries 0, the first 429 or 503 is the answer', async () => {
    const { payee, received } = await setup([{ status: 429, body: { message: 'Too Many Requests' } }, apiError(503, 'unavailable', 'service_unavailable')], { maxRetries: 0 });
    await assert.rejects(payee.payments.get('P01'), RateLimitError);
    await assert.rejects(payee.payments.get('P01'), ServiceUnavailableError);
    assert.equal(received.length, 2);
  });

  it('does not wait for a Retry-After beyond a minute', async () => {
    const { payee, clock } = await setup([{ ...apiError(503, 'provider', 'provider_unavailable'), headers: { 'retry-after': '3600' } }]);
    await assert.rejects(payee.payments.get('P01'), (e: unknown) => e instanceof Error && (e as { retryAfterMs?: number }).retryAfterMs === 3_600_000);
    assert.deepEqual(clock.sleeps, []);
  });

  it('ends an attempt that gets no answer at timeoutMs, as a ConnectionError, and retries it', async () => {
    const { payee, received } = await setup(['hang', { status: 200, body: payment }], { timeoutMs: 200 });
    assert.deepEqual(await payee.payments.get('P01'), payment);
    assert.equal(received.length, 2);
  });

  it('keeps the defaults for options given as undefined', async () => {
    const server = await scriptedServer(['drop', 'drop', 'drop', 'drop']);
    close = server.close;
    const clock = fakeClock();
    const payee = new Payee({ apiKey: 'k', baseUrl: server.url, clock, maxRetries: undefined, timeoutMs: undefined });
    await assert.rejects(payee.payments.get('P01'), ConnectionError);
    assert.equal(server.received.length, 3, 'two retries by default');
  });

  it('names itself, the API version and the key in every request', async () => {
    const { payee, received } = await setup([{ status: 200, body: { data: [] } }]);
    await payee.payments.list({ limit: 5, createdFrom: '2026-01-01T00:00:00Z' });
    const { headers, url, method } = received[0]!;
    assert.equal(method, 'GET');
    assert.equal(url, '/live/v1/payments?limit=5&createdFrom=2026-01-01T00%3A00%3A00Z');
    assert.equal(headers['x-api-key'], 'pk_test');
    assert.equal(headers['payee-version'], API_VERSION);
    assert.match(headers['user-agent'] as string, new RegExp(`^payee-typescript/${VERSION} node/`));
    assert.equal(headers['payee-client'], `typescript/${VERSION}`);
    assert.equal(headers['idempotency-key'], undefined);
  });
});
