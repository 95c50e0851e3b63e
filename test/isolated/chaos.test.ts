/**
 * Failures on the way from callback to table, on a local stack of this project's own (these
 * tests freeze DynamoDB and crash functions, which would disturb tests running beside them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Merchant } from '../../infra/local/merchants.ts';
import { chaos, queueDepth, setVisibilityTimeout, sqsClient } from '../support/chaos.ts';
import { eventsOf, eventually, paymentOf, sandboxPost, deliverAlipayNotify } from '../support/callbacks.ts';
import { call, newMerchant, sampleBody, target } from '../support/target.ts';

const local = !!target().chaosUrl && !!target().sandbox;

describe.skipIf(!local)('callbacks under failure', () => {
  let merchant: Merchant;
  const queues = () => target().queues!;
  beforeAll(async () => {
    merchant = await newMerchant('chaos');
  });

  async function createPayment() {
    const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
    expect(res.status).toBe(201);
    return res.body as { payNo: string; amount: number };
  }

  it('a worker that dies after its DynamoDB write, before the message is acknowledged: applied once on redelivery', async () => {
    // Redelivery after 2 s instead of 30 s: the same behaviour, within a test's patience.
    await setVisibilityTimeout(queues().callbacks, 2);
    const payment = await createPayment();
    await chaos('/functions/StatusWorker/crash-after-run', { count: 1 });
    await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
    // The write happened on the first run...
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED');
    // ...the message came back and was processed again; then the queue is empty.
    await eventually(() => queueDepth(queues().callbacks), (n) => n === 0, 20_000);
    const events = await eventsOf(merchant, payment.payNo);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'applied', toStatus: 'SUCCEEDED' });
  });

  it('DynamoDB unreachable for a while: queued events wait and are applied afterwards', async () => {
    const payments = [await createPayment(), await createPayment()];
    const bodies = [];
    for (const p of payments) {
      bodies.push((await sandboxPost(`/sandbox/trades/${p.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false })).body);
    }
    // Longer than the worker's 5 s timeout, as in the stack (30 s = 6 × 5 s): a hung attempt is
    // over before its message is handed out again.
    await setVisibilityTimeout(queues().callbacks, 6);
    await chaos('/functions/StatusWorker/crash-after-run', { count: 0 });
    await chaos('/dynamodb/pause');
    let resumed = false;
    try {
      for (const [i, p] of payments.entries()) {
        await sqsClient().send(
          new SendMessageCommand({
            QueueUrl: queues().callbacks,
            MessageGroupId: p.payNo,
            MessageDeduplicationId: `outage-${p.payNo}`,
            MessageBody: JSON.stringify(eventFromNotify(bodies[i]!)),
          }),
        );
      }
      await new Promise((r) => setTimeout(r, 8000));
      await chaos('/dynamodb/resume');
      resumed = true;
    } finally {
      if (!resumed) await chaos('/dynamodb/resume');
    }
    for (const p of payments) {
      await eventually(() => paymentOf(merchant, p.payNo), (x) => x.status === 'SUCCEEDED', 40_000);
      expect(await eventsOf(merchant, p.payNo)).toHaveLength(1);
    }
    expect(await queueDepth(queues().callbacksDeadLetter)).toBe(0);
  });

  it('the provider keeps retrying while payee cannot take its notify; nothing is lost', async () => {
    const payment = await createPayment();
    await chaos('/dynamodb/pause');
    try {
      await sandboxPost(`/sandbox/trades/${payment.payNo}/pay`);
      // Past the callback function's 10 s timeout: the first delivery gets a 5xx, not `success`.
      await new Promise((r) => setTimeout(r, 11_000));
    } finally {
      await chaos('/dynamodb/resume');
    }
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED', 40_000);
    const deliveries = (await (await fetch(`${target().sandbox!.alipay.url}/sandbox/trades/${payment.payNo}/deliveries`)).json()) as { body?: string }[];
    expect(deliveries.length).toBeGreaterThan(1);
    expect(deliveries.at(-1)?.body).toBe('success');
  });

  it('DynamoDB unresponsive: a create answers 503 service_unavailable in the error shape before its timeout; the same key then creates it once', async () => {
    // The authorizer's answer is cached (60 s) after one call, so the create itself meets the outage.
    expect((await call(merchant.apiKey, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    const body = sampleBody();
    const headers = { 'Idempotency-Key': `outage-${body.outTradeNo}` };
    await chaos('/dynamodb/pause');
    let res;
    const started = Date.now();
    try {
      res = await call(merchant.apiKey, 'POST', '/v1/payments', { body, headers });
    } finally {
      await chaos('/dynamodb/resume');
    }
    // Within CreatePayment's 15 s timeout: two attempts of a third of it each.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body.error).toMatchObject({ type: 'unavailable', code: 'service_unavailable', requestId: expect.any(String) });
    const retried = await eventually(() => call(merchant.apiKey, 'POST', '/v1/payments', { body, headers }), (r) => r.status === 201, 30_000);
    const listed = await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${body.outTradeNo}`);
    expect(listed.body.data.map((p: { payNo: string }) => p.payNo)).toEqual([retried.body.payNo]);
  });

  it('DynamoDB unresponsive while a new API key is checked: 503 service_unavailable in the error shape, then served', async () => {
    const fresh = await newMerchant('chaos-fresh-key');
    await chaos('/dynamodb/pause');
    let res;
    try {
      res = await call(fresh.apiKey, 'GET', '/v1/payments?limit=1');
    } finally {
      await chaos('/dynamodb/resume');
    }
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body.error).toMatchObject({ type: 'unavailable', code: 'service_unavailable', requestId: expect.any(String) });
    await eventually(() => call(fresh.apiKey, 'GET', '/v1/payments?limit=1'), (r) => r.status === 200, 20_000);
  });

  it('a poison message goes to the DLQ while other payments keep flowing', async () => {
    await setVisibilityTimeout(queues().callbacks, 2);
    await sqsClient().send(
      new SendMessageCommand({ QueueUrl: queues().callbacks, MessageGroupId: 'poison', MessageDeduplicationId: `poison-${Date.now()}`, MessageBody: '{"not":"an event"' }),
    );
    const payment = await createPayment();
    const { body } = await sandboxPost(`/sandbox/trades/${payment.payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    expect(await deliverAlipayNotify(merchant.payId, body)).toEqual({ status: 200, text: 'success' });
    await eventually(() => paymentOf(merchant, payment.payNo), (p) => p.status === 'SUCCEEDED', 10_000);
    // 5 receives 2 s apart, then the redrive.
    await eventually(() => queueDepth(queues().callbacksDeadLetter), (n) => n === 1, 40_000);
    const { Messages = [] } = await sqsClient().send(new ReceiveMessageCommand({ QueueUrl: queues().callbacksDeadLetter, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body)).toEqual(['{"not":"an event"']);
  });
});

/** What the callback Lambda would have enqueued for this notify (the test plays it while DynamoDB is down). */
function eventFromNotify(body: string) {
  const f = new URLSearchParams(body);
  const gmt8ToIso = (s: string) => new Date(`${s.replace(' ', 'T')}+08:00`).toISOString();
  return {
    eventId: `alipay-${f.get('notify_id')}-${f.get('trade_status')}`,
    payNo: f.get('out_trade_no'),
    channel: 'alipay',
    status: 'SUCCEEDED',
    providerStatus: f.get('trade_status'),
    providerTradeNo: f.get('trade_no'),
    amount: Math.round(Number(f.get('total_amount')) * 100),
    currency: 'CNY',
    paidAt: gmt8ToIso(f.get('gmt_payment')!),
    notifiedAt: gmt8ToIso(f.get('notify_time')!),
  };
}
