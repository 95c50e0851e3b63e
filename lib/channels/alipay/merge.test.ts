/**
 * Alipay merge pay (merge.ts) against the local Alipay sandbox over real HTTP: the signed requests
 * each method builds, one buyer payment of the merge notifying every sub-order on its own (each
 * notify verified with the sandbox's Alipay key), per-member query and close, and refusals.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../../infra/local/sandbox/alipay/index.ts';
import { requestContent } from '../../../infra/local/sandbox/alipay/protocol.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { ChannelCall, CombinedRequest } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { verifyRsa2 } from './sign.ts';
import { startNotifyReceiver, type NotifyReceiver } from './testing.ts';

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = {
  private: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  public: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const APP_ID = '2021000000000077';
const SELLER_ID = '2088000000000077';

let sandbox: AlipaySandbox;
let receiver: NotifyReceiver;
beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: APP_ID, appPublicKeyPem: pem.public, sellerId: SELLER_ID });
  receiver = await startNotifyReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function call(overrides: Record<string, unknown> = {}): ChannelCall<AlipayConfig> {
  const config = alipay.configSchema.parse({ appId: APP_ID, privateKey: pem.private, alipayPublicKey: sandbox.alipayPublicKeyPem, gatewayUrl: sandbox.gatewayUrl, sellerId: SELLER_ID, ...overrides });
  return { config, http: providerHttp, timeoutMs: 3000, now: () => new Date() };
}

let seq = 0;
function group(method: string, amounts = [1000, 2050, 99]): CombinedRequest {
  const groupNo = `G${process.pid}T${Date.now()}N${++seq}`;
  return {
    groupNo,
    method,
    members: amounts.map((amount, i) => ({ payNo: `${groupNo}M${i}`, subject: `商品 ${i}`, amount, currency: 'CNY' })),
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl: receiver.url,
    returnUrl: 'https://shop.example/done',
  };
}

const refs = (g: CombinedRequest) => g.members.map((m) => ({ payNo: m.payNo, amount: m.amount, currency: m.currency }));
const params = (query: string) => Object.fromEntries(new URLSearchParams(query));

async function until<T>(read: () => T, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done within ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('alipay merge pay', () => {
  it('wap: precreates the merge, then a signed wap.merge.pay naming its pre_order_no; one payment notifies every sub-order', async () => {
    const g = group('alipay.wap');
    const outcome = await alipay.combined!.create(call(), g);
    if (outcome.outcome !== 'created' || outcome.action.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
    const url = new URL(outcome.action.value);
    const sent = Object.fromEntries(url.searchParams);
    expect(sent).toMatchObject({ app_id: APP_ID, method: 'alipay.trade.wap.merge.pay', sign_type: 'RSA2', return_url: g.returnUrl });
    expect(verifyRsa2(requestContent(sent), sent.sign!, pem.public)).toBe(true);
    const { pre_order_no: preOrderNo } = JSON.parse(sent.biz_content!);
    expect(preOrderNo).toMatch(/^\d{28}$/);

    // The precreate made one trade per member, with the member's amount, product and the notify URL.
    const merge = (await (await fetch(`${sandbox.url}/sandbox/merges/${preOrderNo}`)).json()) as { trades: Record<string, unknown>[] };
    expect(merge.trades.map((t) => [t.outTradeNo, t.totalAmount, t.productCode, t.notifyUrl, t.status])).toEqual([
      [g.members[0]!.payNo, '10.00', 'QUICK_WAP_WAY', receiver.url, 'WAIT_BUYER_PAY'],
      [g.members[1]!.payNo, '20.50', 'QUICK_WAP_WAY', receiver.url, 'WAIT_BUYER_PAY'],
      [g.members[2]!.payNo, '0.99', 'QUICK_WAP_WAY', receiver.url, 'WAIT_BUYER_PAY'],
    ]);
    // The buyer's browser reaches the cashier of the whole merge.
    const cashier = await (await fetch(url)).text();
    for (const m of g.members) expect(cashier).toContain(m.payNo);

    const paid = await fetch(`${sandbox.url}/sandbox/merges/${preOrderNo}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
    const bodies = await until(() => receiver.bodies.filter((b) => b.includes(g.groupNo)), (b) => b.length === 3);
    const events = [];
    for (const rawBody of bodies) {
      const verdict = await alipay.verifyCallback(call(), { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody });
      if (!verdict.ok || !('event' in verdict)) throw new Error(`expected a verified event, got ${JSON.stringify(verdict)}`);
      events.push(verdict.event);
    }
    expect(events.map((e) => [e.payNo, e.status, e.amount]).sort()).toEqual(g.members.map((m) => [m.payNo, 'SUCCEEDED', m.amount]).sort());

    const found = await alipay.combined!.query(call(), { groupNo: g.groupNo, members: refs(g) });
    expect([...found.entries()].map(([payNo, p]) => [payNo, p.status, p.amount])).toEqual(g.members.map((m) => [m.payNo, 'SUCCEEDED', m.amount]));
    // Paid sub-orders are not closed: close leaves them, and the query still says SUCCEEDED.
    expect(await alipay.combined!.close(call(), { groupNo: g.groupNo, members: refs(g) })).toEqual({ outcome: 'closed' });
    expect([...(await alipay.combined!.query(call(), { groupNo: g.groupNo, members: refs(g) })).values()].map((p) => p.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('app: the order string for the Alipay app names alipay.trade.app.merge.pay and the pre_order_no, signed with the app key', async () => {
    const g = group('alipay.app', [300, 400]);
    const outcome = await alipay.combined!.create(call(), g);
    if (outcome.outcome !== 'created' || outcome.action.type !== 'app_params') throw new Error(`expected app params, got ${JSON.stringify(outcome)}`);
    const sent = params(outcome.action.value);
    expect(sent.method).toBe('alipay.trade.app.merge.pay');
    expect(sent.notify_url).toBeUndefined();
    expect(verifyRsa2(requestContent(sent), sent.sign!, pem.public)).toBe(true);
    const { pre_order_no: preOrderNo } = JSON.parse(sent.biz_content!);
    const merge = (await (await fetch(`${sandbox.url}/sandbox/merges/${preOrderNo}`)).json()) as { trades: { productCode: string }[] };
    expect(merge.trades.map((t) => t.productCode)).toEqual(['QUICK_MSECURITY_PAY', 'QUICK_MSECURITY_PAY']);
  });

  it('page: one signed page.merge.pay carrying every order_detail; opening it creates the sub-orders', async () => {
    const g = group('alipay.page', [100, 200]);
    const outcome = await alipay.combined!.create(call(), g);
    if (outcome.outcome !== 'created' || outcome.action.type !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
    const url = new URL(outcome.action.value);
    expect(url.searchParams.get('method')).toBe('alipay.trade.page.merge.pay');
    const biz = JSON.parse(url.searchParams.get('biz_content')!);
    expect(biz.order_details).toEqual(
      g.members.map((m, i) => ({ app_id: APP_ID, out_trade_no: m.payNo, seller_id: SELLER_ID, product_code: 'FAST_INSTANT_TRADE_PAY', total_amount: ['1.00', '2.00'][i], subject: m.subject })),
    );
    expect((await alipay.combined!.query(call(), { groupNo: g.groupNo, members: refs(g) })).get(g.members[0]!.payNo)).toEqual({ status: 'NOT_FOUND' });
    expect(await (await fetch(url)).text()).toContain(g.members[1]!.payNo);
    expect([...(await alipay.combined!.query(call(), { groupNo: g.groupNo, members: refs(g) })).values()].map((p) => p.status)).toEqual(['PENDING', 'PENDING']);
  });

  it('close: every sub-order closed at Alipay (each notified TRADE_CLOSED); the merge can no longer be paid', async () => {
    const g = group('alipay.wap', [500, 600]);
    const outcome = await alipay.combined!.create(call(), g);
    if (outcome.outcome !== 'created' || outcome.action.type !== 'redirect') throw new Error('expected a redirect');
    const preOrderNo = JSON.parse(new URL(outcome.action.value).searchParams.get('biz_content')!).pre_order_no;
    expect(await alipay.combined!.close(call(), { groupNo: g.groupNo, members: refs(g) })).toEqual({ outcome: 'closed' });
    const found = await alipay.combined!.query(call(), { groupNo: g.groupNo, members: refs(g) });
    expect([...found.values()].map((p) => [p.status, p.providerStatus])).toEqual([['CLOSED', 'TRADE_CLOSED'], ['CLOSED', 'TRADE_CLOSED']]);
    expect((await fetch(`${sandbox.url}/sandbox/merges/${preOrderNo}/pay`, { method: 'POST' })).status).toBe(409);
  });

  it("refusals: Alipay's word for a bad sub-order, the qr method, an ISV config", async () => {
    expect(await alipay.combined!.create(call(), group('alipay.wap', [100, 10_000_000_001]))).toMatchObject({ outcome: 'refused', code: 'isv.invalid-parameter' });
    const repeated = group('alipay.wap');
    repeated.members = repeated.members.map((m) => ({ ...m, payNo: `${repeated.groupNo}same` }));
    expect(await alipay.combined!.create(call(), repeated)).toMatchObject({ outcome: 'refused', code: 'isv.invalid-parameter', message: expect.stringContaining('重复') });
    expect(await alipay.combined!.create(call(), group('alipay.qr'))).toMatchObject({ outcome: 'refused', code: 'method_not_supported' });
    expect(await alipay.combined!.create(call({ mode: 'isv', appAuthToken: 'token' }), group('alipay.wap'))).toMatchObject({ outcome: 'refused', code: 'merge_isv_unsupported' });
  });
});
