/** The channel against the local UnionPay sandbox over real HTTP: create → pay → callback → query → refund / close, and error mapping. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startUnionpaySandbox, type UnionpaySandbox } from '../../../infra/local/sandbox/unionpay/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { newRefundNo, payNoOf } from '../../domain/ids.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { CallbackVerdict, ChannelCall, CreateRequest } from '../channel.ts';
import type { UnionpayConfig } from './config.ts';
import { unionpay } from './index.ts';

let sandbox: UnionpaySandbox;
let merchant: Record<string, unknown>;
let otherMerchant: Record<string, unknown>;
/** payee's callback endpoint: verifies with the channel and answers as the Lambda would. */
let receiver: Server;
let callbackUrl: string;
const verdicts: CallbackVerdict[] = [];
/** Statuses the receiver answers first for an order's notifications, before verifying. */
const answerFirst = new Map<string, number[]>();

async function newMerchant(): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.url}/sandbox/merchants`, { method: 'POST' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { payeeConfig: Record<string, unknown> }).payeeConfig;
}

beforeAll(async () => {
  sandbox = await startUnionpaySandbox({ notifyTimeScale: 1 / 6000 });
  [merchant, otherMerchant] = await Promise.all([newMerchant(), newMerchant()]);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const forced = answerFirst.get(new URLSearchParams(rawBody).get('orderId') ?? '')?.shift();
      if (forced) return res.writeHead(forced).end('busy');
      const verdict = await unionpay.verifyCallback(call(), { headers: { 'content-type': req.headers['content-type'] }, rawBody });
      verdicts.push(verdict);
      const reply = verdict.ok ? unionpay.callbackReplies.accepted : unionpay.callbackReplies.rejected;
      res.writeHead(reply.statusCode, { 'content-type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks/unionpay/cfg_1`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

function call(overrides: Partial<UnionpayConfig> = {}, timeoutMs = 2000, config: Record<string, unknown> = merchant): ChannelCall<UnionpayConfig> {
  return { config: unionpay.configSchema.parse({ ...config, ...overrides }), http: providerHttp, timeoutMs, now: () => new Date() };
}

function request(method: string, amount = 1999): CreateRequest {
  return {
    createdAt: new Date(),
    payNo: payNoOf('Ctest', crypto.randomUUID()),
    method,
    subject: '测试商品',
    amount,
    currency: 'CNY',
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl,
    returnUrl: 'https://shop.example/done',
  };
}

async function fault(mode: string, count = 1, merchantId?: string): Promise<void> {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode, count, merchant: merchantId }) });
  expect(res.status).toBe(204);
}
beforeEach(() => fault('timeout', 0));

const until = async (check: () => Promise<boolean> | boolean): Promise<void> => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
};
const pay = (payNo: string) => fetch(`${sandbox.url}/sandbox/trades/${payNo}/pay`, { method: 'POST' });
const deliveries = async (payNo: string) => (await (await fetch(`${sandbox.url}/sandbox/trades/${payNo}/deliveries`)).json()) as { status?: number; txnType: string }[];

/** The browser submits the auto-submit form: its hidden inputs, posted as a form. */
async function submitForm(html: string): Promise<Response> {
  const action = /<form action="([^"]+)"/.exec(html)![1]!;
  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map(([, n, v]): [string, string] => [unescape(n!), unescape(v!)]);
  return fetch(unescape(action), { method: 'POST', body: new URLSearchParams(fields) });
}

describe('unionpay channel', () => {
  it('serves CNY through web and app; the key is the secret; production gateways by default', () => {
    expect(unionpay.methods).toEqual(['unionpay.web', 'unionpay.app']);
    expect(unionpay.currencies).toEqual(['CNY']);
    expect(unionpay.secretFields).toEqual(['signPrivateKey']);
    const parsed = unionpay.configSchema.parse({ ...merchant, frontTransUrl: undefined, queryTransUrl: undefined });
    expect(parsed.frontTransUrl).toBe('https://gateway.95516.com/gateway/api/frontTransReq.do');
    expect(parsed.queryTransUrl).toBe('https://gateway.95516.com/gateway/api/queryTrans.do');
    expect(unionpay.configSchema.safeParse({ ...merchant, signCert: 'nope' }).success).toBe(false);
    const mismatched = unionpay.configSchema.safeParse({ ...merchant, signCert: otherMerchant.signCert });
    expect(mismatched.success ? [] : mismatched.error.issues.map((issue) => issue.message)).toEqual(['signCert is not the certificate of signPrivateKey']);
  });

  it('web: a signed form the front gateway accepts; pay → verified callback → query → refund', async () => {
    const req = request('unionpay.web');
    const created = await unionpay.create(call(), req);
    if (created.outcome !== 'created' || created.action.type !== 'form') throw new Error(`expected a form, got ${JSON.stringify(created)}`);
    const cashier = await submitForm(created.action.value);
    expect(await cashier.text()).toContain(req.payNo);
    const order = (await (await fetch(`${sandbox.url}/sandbox/trades/${req.payNo}`)).json()) as Record<string, string>;
    expect(order).toMatchObject({ txnAmt: '1999', currencyCode: '156', channelType: '07', backUrl: callbackUrl, frontUrl: req.returnUrl, status: 'UNPAID' });
    expect(new Date(order.payTimeout!).getTime()).toBe(Math.floor(req.expiresAt.getTime() / 1000) * 1000);
    expect(await unionpay.query(call(), { createdAt: req.createdAt, payNo: req.payNo, currency: 'CNY' })).toEqual({ status: 'NOT_FOUND', providerStatus: '34' });

    verdicts.length = 0;
    expect((await pay(req.payNo)).status).toBe(200);
    await until(() => verdicts.length > 0);
    expect(verdicts[0]).toMatchObject({ ok: true, event: { payNo: req.payNo, status: 'SUCCEEDED', amount: 1999, currency: 'CNY' } });
    expect(await deliveries(req.payNo)).toMatchObject([{ status: 200, txnType: '01' }]);

    const found = await unionpay.query(call(), { createdAt: req.createdAt, payNo: req.payNo, currency: 'CNY' });
    expect(found).toMatchObject({ status: 'SUCCEEDED', amount: 1999, currency: 'CNY', providerStatus: '00' });
    expect(found.providerTradeNo).toBe((verdicts[0] as { event: { providerTradeNo: string } }).event.providerTradeNo);

    const payment = { payNo: req.payNo, createdAt: req.createdAt, amount: 1999, currency: 'CNY', providerTradeNo: found.providerTradeNo };
    const refundNo = newRefundNo();
    const refund = { payment, refundNo, amount: 1500, callbackUrl };
    const first = await unionpay.refund(call(), refund);
    expect(first).toMatchObject({ outcome: 'processing', providerRefundNo: expect.stringMatching(/^\d{21}$/) });
    expect(await unionpay.refund(call(), refund)).toEqual(first);
    expect(await unionpay.refund(call(), { ...refund, refundNo: newRefundNo(), amount: 499 })).toMatchObject({ outcome: 'processing' });
    expect(await unionpay.refund(call(), { ...refund, refundNo: newRefundNo(), amount: 1 })).toMatchObject({ outcome: 'refused', code: '01' });
    // Each refund settles a moment later and UnionPay notifies it, naming the payment in reqReserved.
    await until(() => verdicts.filter((v) => v.ok && 'refund' in v).length >= 2);
    expect(verdicts.filter((v) => v.ok && 'refund' in v)).toContainEqual({
      ok: true,
      refund: expect.objectContaining({ payNo: req.payNo, refundNo, status: 'SUCCEEDED', amount: 1500, providerRefundNo: (first as { providerRefundNo: string }).providerRefundNo }),
    });
    expect(await unionpay.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', amount: 1500, providerStatus: '00' });
    // A paid order is never closed.
    expect(await unionpay.close(call(), payment)).toMatchObject({ outcome: 'paid', payment: { status: 'SUCCEEDED' } });
  });

  it('app: appTransReq.do answers the tn; a refund without the queryId looks it up', async () => {
    const req = request('unionpay.app', 1);
    const created = await unionpay.create(call(), req);
    expect(created).toMatchObject({ outcome: 'created', action: { type: 'app_params', value: expect.stringMatching(/^\d{21}$/) } });
    // A retried create is the same order: the same tn.
    expect(await unionpay.create(call(), req)).toEqual(created);
    const payment = { payNo: req.payNo, createdAt: req.createdAt, amount: 1, currency: 'CNY' };
    expect(await unionpay.refund(call(), { payment, refundNo: newRefundNo(), amount: 1, callbackUrl })).toMatchObject({ outcome: 'refused', code: 'not_paid' });
    await pay(req.payNo);
    expect(await unionpay.refund(call(), { payment, refundNo: newRefundNo(), amount: 1, callbackUrl })).toMatchObject({ outcome: 'processing' });
  });

  it('the callback is retried on UnionPay’s schedule until HTTP 200', async () => {
    const req = request('unionpay.app');
    await unionpay.create(call(), req);
    answerFirst.set(req.payNo, [503, 500]);
    await pay(req.payNo);
    await until(async () => (await deliveries(req.payNo)).length >= 3);
    expect((await deliveries(req.payNo)).map((d) => d.status)).toEqual([503, 500, 200]);
  });

  it('close: an unpaid (or never submitted) order is closed; it reports closed', async () => {
    const req = request('unionpay.web');
    await unionpay.create(call(), req);
    expect(await unionpay.close(call(), { payNo: req.payNo, createdAt: req.createdAt, amount: 1999, currency: 'CNY' })).toEqual({ outcome: 'closed' });
  });

  it('refuses other methods and currencies before calling UnionPay', async () => {
    await expect(unionpay.create(call(), request('unionpay.qr'))).rejects.toThrow(/no method/);
    await expect(unionpay.create(call(), { ...request('unionpay.app'), currency: 'USD' })).rejects.toThrow(/CNY only/);
  });

  it('orders of another merchant are not this merchant’s', async () => {
    const req = request('unionpay.app');
    await unionpay.create(call(), req);
    await pay(req.payNo);
    expect(await unionpay.query(call({}, 2000, otherMerchant), { createdAt: req.createdAt, payNo: req.payNo, currency: 'CNY' })).toMatchObject({ status: 'NOT_FOUND' });
  });
});

describe('error mapping', () => {
  const unavailable = async (promise: Promise<unknown>) => {
    await expect(promise).rejects.toBeInstanceOf(ProviderUnavailable);
  };

  it('timeout → ProviderUnavailable (and the order was created)', async () => {
    await fault('timeout');
    const req = request('unionpay.app');
    await unavailable(unionpay.create(call({}, 300), req));
    expect((await fetch(`${sandbox.url}/sandbox/trades/${req.payNo}`)).status).toBe(200);
  });

  it('HTTP 500 → ProviderUnavailable', async () => {
    await fault('http500');
    await unavailable(unionpay.query(call(), { createdAt: new Date(), payNo: payNoOf('Ctest', crypto.randomUUID()), currency: 'CNY' }));
  });

  it('bad reply signature → ProviderUnavailable', async () => {
    await fault('badsign');
    await unavailable(unionpay.create(call(), request('unionpay.app')));
  });

  it('a reply whose certificate does not chain to the configured root → ProviderUnavailable', async () => {
    await unavailable(unionpay.query(call({ rootCert: otherRoot() }), { createdAt: new Date(), payNo: payNoOf('Ctest', crypto.randomUUID()), currency: 'CNY' }));
  });

  it('network error → ProviderUnavailable', async () => {
    await unavailable(unionpay.create(call({ appTransUrl: 'http://127.0.0.1:1/gateway/api/appTransReq.do' }), request('unionpay.app')));
  });

  it('faults are per merchant', async () => {
    await fault('http500', 1, otherMerchant.merId as string);
    expect(await unionpay.create(call(), request('unionpay.app'))).toMatchObject({ outcome: 'created' });
    await unavailable(unionpay.create(call({}, 2000, otherMerchant), request('unionpay.app')));
  });

  it('respCode 11 (signed with a certificate UnionPay does not know for this merId) → refused', async () => {
    const wrong = call({ signPrivateKey: otherMerchant.signPrivateKey as string, signCert: otherMerchant.signCert as string });
    expect(await unionpay.create(wrong, request('unionpay.app'))).toMatchObject({ outcome: 'refused', code: '11' });
  });

  it('respCode 12 (the orderId reused for another amount) → ProviderUnavailable: query tells the order’s state', async () => {
    const req = request('unionpay.app');
    await unionpay.create(call(), req);
    await expect(unionpay.create(call(), { ...req, amount: 2000 })).rejects.toThrow(/12 重复交易/);
  });

  it('query: 34 → NOT_FOUND', async () => {
    expect(await unionpay.query(call(), { createdAt: new Date(), payNo: payNoOf('Ctest', crypto.randomUUID()), currency: 'CNY' })).toEqual({ status: 'NOT_FOUND', providerStatus: '34' });
  });
});

/** Any root other than the sandbox's: its middle certificate. */
function otherRoot(): string {
  return merchant.middleCert as string;
}
