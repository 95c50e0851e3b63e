/**
 * The conformance scenarios, written once for every language. Each drives the SDK under test
 * through its adapter (`ctx.sdk`), and the driver itself plays the world around it: the buyer
 * paying in a provider sandbox, faults (the emulator's controls, the sandbox's, the fault proxy),
 * a merchant endpoint receiving notifications, and its own reads of the API to check outcomes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Merchant } from '../../infra/local/merchants.ts';
import type { Target } from '../../infra/local/target.ts';
import type { Ready, SdkError } from './adapter-process.ts';
import type { FaultProxy } from './fault-proxy.ts';
import type { MerchantEndpoint } from '../../test/support/merchant-endpoint.ts';

export interface Context {
  target: Target;
  ready: Ready;
  /** This language's merchant; the `default` client is configured with its key, straight to the API. */
  merchant: Merchant;
  proxy: FaultProxy;
  /** A merchant's notify endpoint: every POST it received, raw. */
  receiver: MerchantEndpoint;
  /** A call that must succeed: its result. */
  sdk(op: string, args?: Record<string, unknown>): Promise<any>;
  /** A call that must fail: the SDK's error. */
  sdkError(op: string, args?: Record<string, unknown>): Promise<SdkError>;
  configure(client: string, options: { apiKey?: string; baseUrl?: string; maxRetries?: number; timeoutMs?: number }): Promise<void>;
  newMerchant(name: string, tier?: string): Promise<Merchant>;
  /** The operator's admin API (SigV4-signed with the target's admin credential): its reply's body. */
  admin(method: string, path: string, body?: unknown): Promise<any>;
  /** The driver's own read of the API, beside the SDK. */
  raw(apiKey: string, method: string, path: string): Promise<{ status: number; body: any }>;
  /** The buyer pays in the payment's provider sandbox. */
  pay(payNo: string, channel?: string): Promise<void>;
  /** The Alipay sandbox fails this merchant's next `count` calls (`http500` → payee answers 503 provider_unavailable). */
  alipayFault(merchant: Merchant, mode: 'http500' | 'timeout', count: number): Promise<void>;
  /** The emulator's fault controls (`/dynamodb/pause`, `/functions/<Name>/crash-after-run`). */
  chaos(path: string, body?: unknown): Promise<void>;
  eventually<T>(read: () => Promise<T>, done: (x: T) => boolean, ms: number, what: string): Promise<T>;
  uid(prefix: string): string;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: Context): Promise<void>;
}

const paymentParams = (ctx: Context, overrides: Record<string, unknown> = {}) => ({
  method: 'alipay.qr',
  outTradeNo: ctx.uid('O'),
  subject: 'conformance',
  amount: 1999,
  currency: 'CNY',
  ...overrides,
});

/** Every method the demo merchant's configs serve, with the fields it needs. */
const METHODS: Record<string, Record<string, unknown>> = {
  'alipay.qr': {},
  'alipay.page': { returnUrl: 'https://shop.example/return' },
  'alipay.wap': { returnUrl: 'https://shop.example/return' },
  'alipay.app': {},
  'wechat.native': {},
  'wechat.jsapi': { payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } },
  'wechat.h5': { payer: { clientIp: '203.0.113.7' } },
  'wechat.app': {},
  'unionpay.web': { returnUrl: 'https://shop.example/return' },
  'unionpay.app': {},
  'paypal.checkout': { currency: 'USD', returnUrl: 'https://shop.example/return' },
};

/** Exactly one payment for the order number, the one the SDK answered. */
async function exactlyOne(ctx: Context, outTradeNo: string, payNo: string) {
  const listed = await ctx.raw(ctx.merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${encodeURIComponent(outTradeNo)}`);
  assert.deepEqual(listed.body.data.map((p: { payNo: string }) => p.payNo), [payNo], 'exactly one payment for the order');
}

function assertApiError(error: SdkError, expected: Partial<SdkError>) {
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, error[k as keyof SdkError]])), expected, `${error.class}: ${error.message}`);
  assert.ok(error.requestId, 'the error carries the requestId');
}

/** Creates a payment, has the buyer pay it while the SDK's createAndWait follows it. */
async function paidWhileWaiting(ctx: Context, params: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const waiting = ctx.sdk('createAndWait', { params, maxWaitMs: 30_000, minDelayMs: 200, maxDelayMs: 1_000, ...extra });
  const created = await ctx.eventually(
    () => ctx.raw(ctx.merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${encodeURIComponent(String(params.outTradeNo))}`),
    (r) => r.body.data?.[0]?.status === 'PENDING',
    15_000,
    'the payment created by createAndWait',
  );
  await ctx.pay(created.body.data[0].payNo, String(params.method).split('.')[0]);
  return waiting;
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'create-read-every-method',
    title: 'create and read a payment of every method (by payNo and by outTradeNo)',
    async run(ctx) {
      for (const [method, fields] of Object.entries(METHODS)) {
        const params = paymentParams(ctx, { method, ...fields });
        const created = await ctx.sdk('createPayment', { params });
        assert.equal(created.status, 'PENDING', `${method}: ${JSON.stringify(created.failure ?? created)}`);
        assert.equal(created.method, method);
        assert.ok(created.action?.type && created.action.value, `${method} has an action`);
        const read = await ctx.sdk('getPayment', { payNo: created.payNo });
        assert.deepEqual(read, created, `${method}: get answers what create did`);
        assert.equal((await ctx.sdk('getPaymentByOutTradeNo', { outTradeNo: params.outTradeNo }))?.payNo, created.payNo);
      }
      assert.equal(await ctx.sdk('getPaymentByOutTradeNo', { outTradeNo: ctx.uid('none') }), null);
    },
  },
  {
    id: 'list-three-pages',
    title: 'auto-pagination: every payment across three pages, newest first',
    async run(ctx) {
      const merchant = await ctx.newMerchant('conformance-list');
      await ctx.configure('list', { apiKey: merchant.apiKey, baseUrl: ctx.proxy.url });
      const payNos: string[] = [];
      for (let i = 0; i < 5; i++) payNos.unshift((await ctx.sdk('createPayment', { client: 'list', params: paymentParams(ctx) })).payNo);
      const page = await ctx.sdk('listPayments', { client: 'list', params: { limit: 2 } });
      assert.deepEqual(page.data.map((p: { payNo: string }) => p.payNo), payNos.slice(0, 2));
      assert.ok(page.nextCursor, 'the first page has a nextCursor');
      ctx.proxy.reset();
      const all = await ctx.sdk('listAllPayments', { client: 'list', params: { limit: 2 } });
      assert.deepEqual(all.map((p: { payNo: string }) => p.payNo), payNos);
      assert.equal(ctx.proxy.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/payments?')).length, 3, 'three pages read');
    },
  },
  {
    id: 'create-and-wait-paid',
    title: 'createAndWait follows a payment the buyer pays meanwhile to SUCCEEDED',
    async run(ctx) {
      const params = paymentParams(ctx);
      const paid = await paidWhileWaiting(ctx, params);
      assert.equal(paid.status, 'SUCCEEDED');
      assert.ok(paid.paidAt && paid.providerTradeNo);
      assert.equal(paid.refundableAmount, params.amount);
    },
  },
  {
    id: 'create-and-wait-timeout',
    title: 'createAndWait gives up at its deadline with the payment as last seen',
    async run(ctx) {
      const started = Date.now();
      const error = await ctx.sdkError('createAndWait', { params: paymentParams(ctx), maxWaitMs: 2_000, minDelayMs: 200, maxDelayMs: 500 });
      const took = Date.now() - started;
      assert.equal(error.kind, 'wait_timeout', error.message);
      assert.equal(error.last?.status, 'PENDING');
      assert.ok(took >= 2_000 && took < 10_000, `gave up after ${took} ms`);
    },
  },
  {
    id: 'wait-for',
    title: 'waitFor(payNo, statuses, deadline) sees a payment paid after it started',
    async run(ctx) {
      const created = await ctx.sdk('createPayment', { params: paymentParams(ctx, { method: 'wechat.native' }) });
      const waiting = ctx.sdk('waitFor', { payNo: created.payNo, statuses: ['SUCCEEDED'], maxWaitMs: 30_000, minDelayMs: 200, maxDelayMs: 1_000 });
      await ctx.pay(created.payNo, 'wechat');
      assert.equal((await waiting).status, 'SUCCEEDED');
    },
  },
  {
    id: 'retry-after-503',
    title: 'a create answered 503 provider_unavailable (Retry-After) is retried with its key: one payment',
    async run(ctx) {
      await ctx.alipayFault(ctx.merchant, 'http500', 1);
      await ctx.configure('retrying', { apiKey: ctx.merchant.apiKey, baseUrl: ctx.proxy.url, maxRetries: 2 });
      ctx.proxy.reset();
      const params = paymentParams(ctx);
      const created = await ctx.sdk('createPayment', { client: 'retrying', params });
      assert.equal(created.status, 'PENDING');
      const posts = ctx.proxy.requests.filter((r) => r.method === 'POST');
      assert.deepEqual(posts.map((r) => r.outcome), [503, 201]);
      assert.equal(posts[0]!.headers['idempotency-key'], posts[1]!.headers['idempotency-key'], 'the same Idempotency-Key');
      await exactlyOne(ctx, params.outTradeNo, created.payNo);
    },
  },
  {
    id: 'retry-after-crash',
    title: 'a create whose function crashed after storing it (5xx) is retried: the API replays it, one payment',
    async run(ctx) {
      await ctx.configure('retrying', { apiKey: ctx.merchant.apiKey, baseUrl: ctx.proxy.url, maxRetries: 2 });
      ctx.proxy.reset();
      const params = paymentParams(ctx);
      await ctx.chaos('/functions/CreatePayment/crash-after-run', { count: 1 });
      const created = await ctx.sdk('createPayment', { client: 'retrying', params });
      const posts = ctx.proxy.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 2, 'one retry');
      assert.ok(typeof posts[0]!.outcome === 'number' && posts[0]!.outcome >= 500, `first answer ${posts[0]!.outcome}`);
      assert.equal(posts[0]!.headers['idempotency-key'], posts[1]!.headers['idempotency-key']);
      await exactlyOne(ctx, params.outTradeNo, created.payNo);
    },
  },
  {
    id: 'retry-after-dropped-connection',
    title: "a create whose answer was lost with the connection is retried with its key: one payment",
    async run(ctx) {
      await ctx.configure('retrying', { apiKey: ctx.merchant.apiKey, baseUrl: ctx.proxy.url, maxRetries: 2 });
      ctx.proxy.reset();
      ctx.proxy.dropAnswers((r) => r.method === 'POST' && r.path === '/v1/payments');
      const params = paymentParams(ctx);
      const created = await ctx.sdk('createPayment', { client: 'retrying', params });
      const posts = ctx.proxy.requests.filter((r) => r.method === 'POST');
      assert.deepEqual(posts.map((r) => r.outcome), ['dropped', 201]);
      assert.equal(posts[0]!.headers['idempotency-key'], posts[1]!.headers['idempotency-key']);
      await exactlyOne(ctx, params.outTradeNo, created.payNo);
    },
  },
  {
    id: 'caller-idempotency-key',
    title: "a caller's own Idempotency-Key wins; the same key with another body is refused (idempotency)",
    async run(ctx) {
      const key = ctx.uid('key');
      const params = paymentParams(ctx);
      const first = await ctx.sdk('createPayment', { params, idempotencyKey: key });
      assert.deepEqual(await ctx.sdk('createPayment', { params, idempotencyKey: key }), first, 'replayed');
      const error = await ctx.sdkError('createPayment', { params: { ...params, amount: 1 }, idempotencyKey: key });
      assertApiError(error, { kind: 'idempotency', status: 422, code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    },
  },
  {
    id: 'error-invalid-request',
    title: "bad input gets the API's own 400 as a typed error naming the field",
    async run(ctx) {
      assertApiError(await ctx.sdkError('createPayment', { params: paymentParams(ctx, { amount: 0 }) }), { kind: 'invalid_request', status: 400, code: 'parameter_invalid', param: 'amount' });
      assertApiError(await ctx.sdkError('createPayment', { params: paymentParams(ctx, { method: 'wechat.jsapi' }) }), { kind: 'invalid_request', status: 400, code: 'parameter_missing', param: 'payer.openid' });
    },
  },
  {
    id: 'error-authentication',
    title: 'an unknown API key is an authentication error (403), not retried',
    async run(ctx) {
      await ctx.configure('stranger', { apiKey: 'pk_not_a_key', baseUrl: ctx.proxy.url });
      ctx.proxy.reset();
      const error = await ctx.sdkError('getPayment', { client: 'stranger', payNo: 'P00000000000000000000000000' });
      assert.deepEqual([error.kind, error.status], ['authentication', 403], error.message);
      assert.equal(ctx.proxy.requests.length, 1, 'not retried');
    },
  },
  {
    id: 'error-not-found',
    title: 'an unknown payment is not_found (404 resource_missing)',
    async run(ctx) {
      assertApiError(await ctx.sdkError('getPayment', { payNo: 'P01KAX9QZW0G8S5T6V7X2Y3Z4A' }), { kind: 'not_found', status: 404, code: 'resource_missing' });
    },
  },
  {
    id: 'error-conflict',
    title: 'a duplicate outTradeNo is a conflict naming the existing payment; closing a closed one too',
    async run(ctx) {
      const params = paymentParams(ctx);
      const first = await ctx.sdk('createPayment', { params });
      assertApiError(await ctx.sdkError('createPayment', { params }), { kind: 'conflict', status: 409, code: 'duplicate_out_trade_no', payNo: first.payNo });
    },
  },
  {
    id: 'error-rate-limit',
    title: "over the key's usage plan: a rate_limit error (429)",
    async run(ctx) {
      const trial = await ctx.newMerchant('conformance-trial', 'trial');
      await ctx.configure('trial', { apiKey: trial.apiKey, maxRetries: 0 });
      // The driver keeps the trial plan's bucket (10 tokens, 5 a second) empty with a steady stream
      // of its own calls, five in flight, while the SDK calls: a token that comes back goes to the
      // stream far more often than to the SDK, however slowly a loaded machine runs either.
      const error = await ctx.eventually(
        async () => {
          let draining = true;
          let emptied!: () => void;
          const empty = new Promise<void>((resolve) => (emptied = resolve));
          const drain = Promise.all(
            Array.from({ length: 5 }, async () => {
              while (draining) if ((await ctx.raw(trial.apiKey, 'GET', '/v1/payments?limit=1')).status === 429) emptied();
            }),
          );
          try {
            await empty;
            // A call that got through (200) is no answer yet: try again.
            return await ctx.sdkError('listPayments', { client: 'trial', params: { limit: 1 } }).catch(() => undefined);
          } finally {
            draining = false;
            await drain;
          }
        },
        (e) => e?.kind === 'rate_limit',
        30_000,
        'a 429 for the SDK',
      );
      assert.equal(error!.status, 429);
    },
  },
  {
    id: 'error-provider-unavailable',
    title: 'the provider failing: provider_unavailable (503, Retry-After) with retries off',
    async run(ctx) {
      await ctx.configure('once', { apiKey: ctx.merchant.apiKey, maxRetries: 0 });
      await ctx.alipayFault(ctx.merchant, 'http500', 1);
      const error = await ctx.sdkError('createPayment', { client: 'once', params: paymentParams(ctx) });
      assertApiError(error, { kind: 'provider', status: 503, code: 'provider_unavailable' });
      assert.equal(error.retryAfterMs, 2_000);
    },
  },
  {
    id: 'error-service-unavailable',
    title: "payee's storage not answering: service_unavailable (503, Retry-After) with retries off",
    async run(ctx) {
      await ctx.configure('once', { apiKey: ctx.merchant.apiKey, maxRetries: 0 });
      const created = await ctx.sdk('createPayment', { params: paymentParams(ctx) });
      await ctx.chaos('/dynamodb/pause');
      let error: SdkError;
      try {
        error = await ctx.sdkError('getPayment', { client: 'once', payNo: created.payNo });
      } finally {
        await ctx.chaos('/dynamodb/resume');
      }
      assertApiError(error, { kind: 'unavailable', status: 503, code: 'service_unavailable' });
      assert.equal(error.retryAfterMs, 2_000);
    },
  },
  {
    id: 'error-connection',
    title: 'nothing listening: a connection error after the retries',
    async run(ctx) {
      await ctx.configure('nowhere', { apiKey: ctx.merchant.apiKey, baseUrl: 'http://127.0.0.1:9/live', maxRetries: 1, timeoutMs: 2_000 });
      const error = await ctx.sdkError('getPayment', { client: 'nowhere', payNo: 'P01KAX9QZW0G8S5T6V7X2Y3Z4A' });
      assert.equal(error.kind, 'connection', error.message);
    },
  },
  {
    id: 'refunds-partial-and-full',
    title: 'refund part, then the rest (refundAndWait and create), list them; more than is left is a conflict',
    async run(ctx) {
      const params = paymentParams(ctx, { amount: 1000 });
      const paid = await paidWhileWaiting(ctx, params);
      assert.equal(paid.status, 'SUCCEEDED');
      const part = await ctx.sdk('refundAndWait', { payNo: paid.payNo, params: { amount: 300, reason: 'size exchange' }, maxWaitMs: 30_000, minDelayMs: 200, maxDelayMs: 1_000 });
      assert.deepEqual([part.status, part.amount], ['SUCCEEDED', 300]);
      const partly = await ctx.sdk('waitFor', { payNo: paid.payNo, statuses: ['PARTIALLY_REFUNDED'], maxWaitMs: 15_000, minDelayMs: 200, maxDelayMs: 1_000 });
      assert.equal(partly.refundableAmount, 700);
      assertApiError(await ctx.sdkError('createRefund', { payNo: paid.payNo, params: { amount: 701 } }), { kind: 'conflict', status: 409, code: 'refund_exceeds_refundable' });
      const rest = await ctx.sdk('createRefund', { payNo: paid.payNo, params: { amount: 700 } });
      assert.equal(rest.amount, 700);
      const refunded = await ctx.sdk('waitFor', { payNo: paid.payNo, statuses: ['REFUNDED'], maxWaitMs: 30_000, minDelayMs: 200, maxDelayMs: 1_000 });
      assert.equal(refunded.refundableAmount, 0);
      const refunds = await ctx.sdk('listRefunds', { payNo: paid.payNo });
      assert.deepEqual(refunds.data.map((r: { amount: number }) => r.amount).sort(), [300, 700]);
    },
  },
  {
    id: 'close-and-sync',
    title: 'close an unpaid payment (again: a conflict); sync a paid one; its events',
    async run(ctx) {
      const open = await ctx.sdk('createPayment', { params: paymentParams(ctx) });
      assert.equal((await ctx.sdk('closePayment', { payNo: open.payNo })).status, 'CLOSED');
      assertApiError(await ctx.sdkError('closePayment', { payNo: open.payNo }), { kind: 'conflict', status: 409, code: 'payment_not_closable' });
      const created = await ctx.sdk('createPayment', { params: paymentParams(ctx) });
      await ctx.pay(created.payNo);
      const synced = await ctx.sdk('syncPayment', { payNo: created.payNo });
      assert.equal(synced.payment.payNo, created.payNo);
      assert.equal(synced.provider.status, 'SUCCEEDED');
      await ctx.sdk('waitFor', { payNo: created.payNo, statuses: ['SUCCEEDED'], maxWaitMs: 30_000, minDelayMs: 200, maxDelayMs: 1_000 });
      const events = await ctx.sdk('listPaymentEvents', { payNo: created.payNo });
      assert.ok(events.data.some((e: { toStatus?: string; outcome: string }) => e.outcome === 'applied' && e.toStatus === 'SUCCEEDED'), JSON.stringify(events.data));
    },
  },
  {
    id: 'notification-live',
    title: 'a live notification verifies; the same body tampered is refused; list and resend',
    async run(ctx) {
      const params = paymentParams(ctx, { notifyUrl: ctx.receiver.url });
      const paid = await paidWhileWaiting(ctx, params);
      const received = await ctx.eventually(async () => ctx.receiver.received.find((n) => n.rawBody.includes(paid.payNo)), Boolean, 30_000, 'the notification');
      const secret = ctx.merchant.notifySecret;
      const event = await ctx.sdk('verifyNotification', { rawBody: received!.rawBody, header: received!.headers['payee-signature'], secret });
      assert.deepEqual([event.type, event.data.payNo, event.data.status], ['payment.succeeded', paid.payNo, 'SUCCEEDED']);
      const tampered = received!.rawBody.replace(`"amount":${params.amount}`, `"amount":${params.amount + 1}`);
      assert.notEqual(tampered, received!.rawBody);
      assert.equal((await ctx.sdkError('verifyNotification', { rawBody: tampered, header: received!.headers['payee-signature'], secret })).kind, 'signature');
      const listed = await ctx.eventually(() => ctx.sdk('listNotifications', { payNo: paid.payNo }), (l) => l.data[0]?.status === 'DELIVERED', 15_000, 'DELIVERED');
      assert.equal(listed.data[0].notificationId, event.id);
      const resent = await ctx.sdk('resendNotification', { payNo: paid.payNo });
      assert.notEqual(resent.notificationId, event.id);
      const again = await ctx.eventually(async () => ctx.receiver.received.find((n) => n.rawBody.includes(resent.notificationId)), Boolean, 30_000, 'the resent notification');
      assert.equal((await ctx.sdk('verifyNotification', { rawBody: again!.rawBody, header: again!.headers['payee-signature'], secret })).id, resent.notificationId);
    },
  },
  {
    id: 'signature-vectors',
    title: 'every vector of docs/vectors/notification-signature.json; stale and tampered refused',
    async run(ctx) {
      const { vectors } = JSON.parse(readFileSync(new URL('../../docs/vectors/notification-signature.json', import.meta.url), 'utf8')) as {
        vectors: { name: string; secret: string; t: number; body: string; header: string }[];
      };
      for (const v of vectors) {
        await ctx.sdk('verifySignature', { rawBody: v.body, header: v.header, secret: v.secret, now: v.t }).catch((e: Error) => assert.fail(`${v.name}: ${e.message}`));
        assert.equal((await ctx.sdkError('verifySignature', { rawBody: v.body, header: v.header, secret: v.secret, now: v.t + 301 })).kind, 'signature', `${v.name}: stale`);
        assert.equal((await ctx.sdkError('verifySignature', { rawBody: `${v.body} `, header: v.header, secret: v.secret, now: v.t })).kind, 'signature', `${v.name}: tampered`);
      }
      const [v] = vectors;
      assert.equal((await ctx.sdk('verifySignature', { rawBody: v!.body, header: v!.header, secret: v!.secret, now: v!.t + 1000, toleranceSeconds: 1000 })), null, 'a wider tolerance');
    },
  },
  {
    id: 'reports-and-document',
    title: "the day's reconciliation reports, its daily report, and the OpenAPI document the SDK follows",
    async run(ctx) {
      const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const reports = await ctx.sdk('getReconciliation', { params: { day } });
      assert.equal(reports.day, day);
      assert.ok(Array.isArray(reports.data));
      const daily = await ctx.sdk('getDailyReport', { params: { from: day, to: day, groupBy: 'method' } });
      assert.deepEqual([daily.from, daily.to, daily.groupBy], [day, day, 'method']);
      assert.ok(daily.data.every((row: { day: string; created: { count: number } }) => row.day === day && row.created.count >= 0));
      const backwards = await ctx.sdkError('getDailyReport', { params: { from: day, to: '2000-01-01' } });
      assertApiError(backwards, { kind: 'invalid_request', status: 400, param: 'to' });
      const document = await ctx.sdk('getOpenApi');
      const local = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
      assert.equal(document.info.version, local.info.version);
    },
  },
  {
    id: 'groups-batch',
    title: 'a batch group: one create (replayed with its key), read, listed across pages, a member paid, the rest closed',
    async run(ctx) {
      const members = [0, 1].map(() => ({ outTradeNo: ctx.uid('O'), subject: 'conformance member', amount: 1000, currency: 'CNY' }));
      const params = { mode: 'batch', method: 'alipay.qr', members };
      const key = `conformance-${ctx.uid('group')}`;
      const created = await ctx.sdk('createGroup', { params, idempotencyKey: key });
      assert.match(created.groupNo, /^G[0-9A-Z]{26}$/);
      assert.equal(created.status, 'open');
      assert.deepEqual(created.members.map((m: { payment?: { status: string } }) => m.payment?.status), ['PENDING', 'PENDING']);
      assert.equal((await ctx.sdk('createGroup', { params, idempotencyKey: key })).groupNo, created.groupNo, 'the same key answers the same group');
      assert.deepEqual(await ctx.sdk('getGroup', { groupNo: created.groupNo }), created, 'get answers what create did');

      const second = await ctx.sdk('createGroup', { params: { ...params, members: members.map((m) => ({ ...m, outTradeNo: ctx.uid('O') })) } });
      const listed = await ctx.sdk('listAllGroups', { params: { limit: 1 } });
      const groupNos = listed.map((g: { groupNo: string }) => g.groupNo);
      assert.ok(groupNos.indexOf(second.groupNo) >= 0 && groupNos.indexOf(second.groupNo) < groupNos.indexOf(created.groupNo), 'both listed, newest first, one per page');

      const [first, other] = created.members.map((m: { payNo: string }) => m.payNo);
      await ctx.pay(first, 'alipay');
      await ctx.eventually(() => ctx.sdk('getGroup', { groupNo: created.groupNo }), (g) => g.status === 'partially_paid', 15_000, 'the group partially paid');
      const closed = await ctx.sdk('closeGroup', { groupNo: created.groupNo });
      assert.ok(['closed', 'mixed', 'partially_paid'].includes(closed.status), closed.status);
      const settled = await ctx.eventually(() => ctx.sdk('getGroup', { groupNo: created.groupNo }), (g) => g.status === 'mixed', 15_000, 'the group mixed: one paid, one closed');
      assert.deepEqual(
        settled.members.map((m: { payNo: string; payment: { status: string } }) => [m.payNo, m.payment.status]),
        [[first, 'SUCCEEDED'], [other, 'CLOSED']],
      );

      const tooMany = Array.from({ length: 51 }, () => ({ outTradeNo: ctx.uid('O'), subject: 'x', amount: 1, currency: 'CNY' }));
      assertApiError(await ctx.sdkError('createGroup', { params: { ...params, members: tooMany } }), { kind: 'invalid_request', status: 400, param: 'members' });
    },
  },
  {
    id: 'notification-group',
    title: "a group's live group.paid verifies to a GroupNotification with its members; tampered, it is refused",
    async run(ctx) {
      const members = [0, 1].map((i) => ({ outTradeNo: ctx.uid('O'), subject: 'conformance member', amount: 1000 + i, currency: 'CNY' }));
      const group = await ctx.sdk('createGroup', { params: { mode: 'batch', method: 'alipay.qr', notifyUrl: ctx.receiver.url, members } });
      const payNos = group.members.map((m: { payNo: string }) => m.payNo);
      for (const payNo of payNos) await ctx.pay(payNo, 'alipay');
      const isGroupPaid = (n: { rawBody: string }) => n.rawBody.includes(group.groupNo) && n.rawBody.includes('"type":"group.paid"');
      const received = await ctx.eventually(async () => ctx.receiver.received.find(isGroupPaid), Boolean, 30_000, 'the group.paid notification');
      const secret = ctx.merchant.notifySecret;
      const event = await ctx.sdk('verifyNotification', { rawBody: received!.rawBody, header: received!.headers['payee-signature'], secret });
      assert.deepEqual([event.type, event.data.groupNo, event.data.status], ['group.paid', group.groupNo, 'paid']);
      assert.deepEqual(
        event.data.members.map((m: { payNo: string; payment: { status: string; amount: number } }) => [m.payNo, m.payment.status, m.payment.amount]),
        payNos.map((payNo: string, i: number) => [payNo, 'SUCCEEDED', 1000 + i]),
      );
      const tampered = received!.rawBody.replace('"amount":1001', '"amount":1002');
      assert.notEqual(tampered, received!.rawBody);
      assert.equal((await ctx.sdkError('verifyNotification', { rawBody: tampered, header: received!.headers['payee-signature'], secret })).kind, 'signature');
    },
  },
  {
    id: 'ledger-accounts',
    title: 'the ledger: accounts opened, a payment with detail lines posting when paid, a balance.transfer, an overdraw refused, flows across pages',
    async run(ctx) {
      // This language's merchant: its accounts are its own, and the sandbox knows its Alipay app.
      await ctx.admin('PUT', `/v1/admin/companies/${ctx.merchant.companyId}/ledger`, { enabled: true });
      await ctx.configure('ledger', {});
      const open = (params: Record<string, unknown>) => ctx.sdk('createAccount', { client: 'ledger', params: { currency: 'CNY', ...params } });
      const clearing = await open({ type: 'asset', name: 'alipay clearing', overdraftLimit: null });
      const wallet = await open({ type: 'liability', name: 'wallet' });
      const other = await open({ type: 'liability', name: 'other wallet' });
      assert.match(wallet.accountId, /^A[0-9A-Z]{26}$/);
      assert.deepEqual(await ctx.sdk('getAccount', { client: 'ledger', accountId: wallet.accountId }), wallet);
      const accounts = await ctx.sdk('listAllAccounts', { client: 'ledger', params: { limit: 2 } });
      assert.deepEqual(accounts.map((a: { accountId: string }) => a.accountId).sort(), [clearing, wallet, other].map((a) => a.accountId).sort());

      const payment = await ctx.sdk('createPayment', {
        client: 'ledger',
        params: {
          ...paymentParams(ctx, { amount: 3000 }),
          details: [
            { accountOut: clearing.accountId, accountRec: wallet.accountId, amount: 2000, memo: 'goods' },
            { accountOut: clearing.accountId, accountRec: wallet.accountId, amount: 1000, memo: 'shipping' },
          ],
        },
      });
      assert.deepEqual(payment.details.map((d: { amount: number }) => d.amount), [2000, 1000]);
      const pending = await ctx.sdk('getAccount', { client: 'ledger', accountId: wallet.accountId });
      assert.deepEqual([pending.balance.posted, pending.balance.pendingIncoming], [0, 3000]);
      await ctx.pay(payment.payNo, 'alipay');
      const posted = await ctx.eventually(
        () => ctx.sdk('getAccount', { client: 'ledger', accountId: wallet.accountId }),
        (a) => a.balance.posted === 3000,
        15_000,
        'the wallet credited when the payment succeeded',
      );
      assert.equal(posted.balance.pendingIncoming, 0);

      const transfer = await ctx.sdk('createPayment', {
        client: 'ledger',
        params: { method: 'balance.transfer', outTradeNo: ctx.uid('T'), subject: 'move', amount: 1200, currency: 'CNY', details: [{ accountOut: wallet.accountId, accountRec: other.accountId, amount: 1200 }] },
      });
      assert.equal(transfer.status, 'SUCCEEDED', 'a transfer settles at once');
      const overdraw = await ctx.sdkError('createPayment', {
        client: 'ledger',
        params: { method: 'balance.transfer', outTradeNo: ctx.uid('T'), subject: 'too much', amount: 1801, currency: 'CNY', details: [{ accountOut: wallet.accountId, accountRec: other.accountId, amount: 1801 }] },
      });
      assertApiError(overdraw, { kind: 'conflict', status: 409, code: 'insufficient_funds', param: 'details.0.accountOut' });
      assert.equal((await ctx.sdk('getAccountBalance', { client: 'ledger', accountId: wallet.accountId })).posted, 1800, 'the refused transfer changed nothing');

      const flows = await ctx.sdk('listAllAccountFlows', { client: 'ledger', accountId: wallet.accountId, params: { limit: 2 } });
      // Pending holds and their voids never move the posted balance; posts and settled moves do.
      const settled = flows.filter((f: { kind: string }) => f.kind === 'post' || f.kind === 'posted');
      const net = settled.reduce((n: number, f: { direction: string; amount: number }) => n + (f.direction === 'credit' ? f.amount : -f.amount), 0);
      assert.equal(net, 1800, `the wallet's posted flows add up to its balance: ${JSON.stringify(flows.map((f: { kind: string; direction: string; amount: number }) => [f.kind, f.direction, f.amount]))}`);
      assert.equal((await ctx.sdk('getAccountBalance', { client: 'ledger', accountId: wallet.accountId, at: '2000-01-01T00:00:00Z' })).posted, 0, 'nothing posted in 2000');
    },
  },
  {
    id: 'call-variants',
    title: "every call style the SDK offers (sync, async, ...) creates, reads, lists and waits",
    async run(ctx) {
      for (const variant of ctx.ready.variants) {
        const params = paymentParams(ctx);
        const created = await ctx.sdk('createPayment', { params, variant });
        assert.equal((await ctx.sdk('getPayment', { payNo: created.payNo, variant })).payNo, created.payNo, variant);
        assert.ok((await ctx.sdk('listPayments', { params: { limit: 1 }, variant })).data.length === 1, variant);
        const paid = await paidWhileWaiting(ctx, paymentParams(ctx), { variant });
        assert.equal(paid.status, 'SUCCEEDED', variant);
      }
    },
  },
];
