/** Refund outcomes against the local UnionPay sandbox over real HTTP: held refunds, the refund query, failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnionpaySandbox, type UnionpaySandbox } from '../../../infra/local/sandbox/unionpay/index.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { newRefundNo, payNoOf } from '../../domain/ids.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, ProviderPaymentRef } from '../channel.ts';
import type { UnionpayConfig } from './config.ts';
import { unionpay } from './index.ts';

let sandbox: UnionpaySandbox;
let config: UnionpayConfig;
const callbackUrl = 'http://127.0.0.1:1/callbacks/unionpay/cfg_1';

async function hook(path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

beforeAll(async () => {
  sandbox = await startUnionpaySandbox({ notifyTimeScale: 1 / 6000 });
  config = unionpay.configSchema.parse((await hook('/sandbox/merchants')).payeeConfig);
});
afterAll(() => sandbox.close());

const call = (timeoutMs = 2000): ChannelCall<UnionpayConfig> => ({ config, http: providerHttp, timeoutMs, now: () => new Date() });

async function paid(amount = 1999): Promise<ProviderPaymentRef> {
  const payNo = payNoOf('Ctest', crypto.randomUUID());
  const createdAt = new Date();
  await unionpay.create(call(), { createdAt, payNo, method: 'unionpay.app', subject: '退款', amount, currency: 'CNY', expiresAt: new Date(Date.now() + 600_000), callbackUrl });
  const order = await hook(`/sandbox/trades/${payNo}/pay`);
  return { payNo, createdAt, amount, currency: 'CNY', providerTradeNo: order.queryId };
}

describe('unionpay refunds', () => {
  it('a held refund is PROCESSING (origRespCode 05) until it settles; its notification names the payment and verifies', async () => {
    const payment = await paid();
    const refundNo = newRefundNo();
    await hook('/sandbox/refund-plan', { settle: 'hold', notify: false, merchant: config.merId });
    expect(await unionpay.refund(call(), { payment, refundNo, amount: 700, callbackUrl })).toMatchObject({ outcome: 'processing' });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await unionpay.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'PROCESSING', providerStatus: '05', amount: 700 });

    await hook(`/sandbox/refunds/${refundNo}`, { respCode: '00', notify: false });
    expect(await unionpay.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'SUCCEEDED', providerStatus: '00', amount: 700 });
    const notification = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    const verdict = await unionpay.verifyCallback(call(), { headers: notification.headers, rawBody: notification.body });
    expect(verdict).toMatchObject({ ok: true, refund: { payNo: payment.payNo, refundNo, status: 'SUCCEEDED', amount: 700, currency: 'CNY' } });
    const tampered = notification.body.replace('txnAmt=700', 'txnAmt=70');
    expect(await unionpay.verifyCallback(call(), { headers: notification.headers, rawBody: tampered })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('a refund UnionPay fails (01) is FAILED by query and by its notification', async () => {
    const payment = await paid();
    const refundNo = newRefundNo();
    await hook('/sandbox/refund-plan', { settle: '01', notify: false, merchant: config.merId });
    await unionpay.refund(call(), { payment, refundNo, amount: 1999, callbackUrl });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await unionpay.queryRefund(call(), { payment, refundNo })).toMatchObject({ status: 'FAILED', providerStatus: '01' });
    const notification = await hook(`/sandbox/refunds/${refundNo}/notifications`, { send: false });
    expect(await unionpay.verifyCallback(call(), { headers: notification.headers, rawBody: notification.body })).toMatchObject({ ok: true, refund: { status: 'FAILED', providerStatus: '01' } });
  });

  it('query: a refund UnionPay never received is NOT_FOUND (34); 5xx and timeouts are ProviderUnavailable', async () => {
    const payment = await paid();
    expect(await unionpay.queryRefund(call(), { payment, refundNo: newRefundNo() })).toEqual({ status: 'NOT_FOUND', providerStatus: '34' });
    for (const mode of ['http500', 'timeout', 'badsign']) {
      await hook('/sandbox/faults', { mode, count: 1, merchant: config.merId });
      await expect(unionpay.queryRefund(call(300), { payment, refundNo: newRefundNo() }), mode).rejects.toBeInstanceOf(ProviderUnavailable);
    }
  });
});
