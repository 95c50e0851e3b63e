/**
 * Combined groups at Alipay (merge pay) and PayPal (one order of several purchase units) end to
 * end on the local stack, as test/groups.test.ts does for WeChat: paid by one buyer step at the
 * sandbox → every member SUCCEEDED through its own callbacks, the group paid, one group.paid;
 * closed → every member closed (at Alipay each sub-order is closed; PayPal has no close, so a later
 * approval is never captured); bad combined groups refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { eventsOf, eventually } from './support/callbacks.ts';
import { startMerchantEndpoint, type MerchantEndpoint } from './support/merchant-endpoint.ts';
import { call, companyItems, newMerchant, target } from './support/target.ts';

const hasSandbox = !!target().sandbox?.alipay && !!target().sandbox?.paypal;
let merchant: Merchant;
let endpoint: MerchantEndpoint;

beforeAll(async () => {
  if (!hasSandbox) return;
  merchant = await newMerchant('e2e-groups-combined');
  endpoint = await startMerchantEndpoint();
});
afterAll(async () => endpoint?.close());

const unique = () => `GC${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const member = (n: number, currency = 'CNY', overrides: Record<string, unknown> = {}) => ({ outTradeNo: `${unique()}-${n}`, subject: `item ${n}`, amount: 100 * (n + 1), currency, ...overrides });

async function sandbox(provider: 'alipay' | 'paypal', method: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${target().sandbox![provider]!.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const groupOf = async (groupNo: string) => (await call(merchant.apiKey, 'GET', `/v1/groups/${groupNo}`)).body;
const notificationsOf = (type: string, groupNo: string) => endpoint.received.map((r) => JSON.parse(r.rawBody)).filter((n) => n.type === type && n.data.groupNo === groupNo);

async function combinedGroup(method: string, members: Record<string, unknown>[], payId?: string) {
  const res = await call(merchant.apiKey, 'POST', '/v1/groups', {
    body: { mode: 'combined', method, notifyUrl: endpoint.url, returnUrl: 'https://shop.example/done', ...(payId ? { payId } : {}), members },
    headers: { 'Idempotency-Key': unique() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body).toMatchObject({ mode: 'combined', status: 'open', memberCount: members.length, action: { value: expect.any(String) } });
  for (const m of res.body.members) expect(m.payment).toMatchObject({ status: 'PENDING', action: res.body.action });
  return res.body;
}

/** Every member SUCCEEDED (one applied event each), the group paid, every member's own notification and exactly one group.paid. */
async function expectPaid(groupNo: string, deliveries: () => Promise<unknown>) {
  // Deadlines are generous: members' events through the FIFO queue on a loaded 2-core machine.
  const paid = await eventually(() => groupOf(groupNo), (g) => g.status === 'paid', 60_000).catch(async (error) => {
    throw new Error(`${error.message}\ndeliveries: ${JSON.stringify(await deliveries())}`);
  });
  for (const m of paid.members) {
    expect(m.payment.status).toBe('SUCCEEDED');
    expect((await eventsOf(merchant, m.payNo)).filter((e) => e.outcome === 'applied')).toHaveLength(1);
  }
  await eventually(async () => endpoint.received.map((r) => JSON.parse(r.rawBody)), (all) =>
    paid.members.every((m: any) => all.some((n) => n.type === 'payment.succeeded' && n.data.payNo === m.payNo)) && notificationsOf('group.paid', groupNo).length > 0, 45_000);
  expect(notificationsOf('group.paid', groupNo)[0].data).toMatchObject({ groupNo, status: 'paid' });
  // A sync of every member after the notification changes nothing and notifies nothing more.
  const synced = await call(merchant.apiKey, 'POST', `/v1/groups/${groupNo}/sync`);
  expect(synced.status).toBe(202);
  expect(synced.body.members.map((m: any) => m.provider)).toEqual(paid.members.map(() => 'SUCCEEDED'));
  await eventually(() => groupOf(groupNo), () => true);
  expect(notificationsOf('group.paid', groupNo)).toHaveLength(1);
  return paid;
}

async function expectClosed(groupNo: string, size: number) {
  const closed = await call(merchant.apiKey, 'POST', `/v1/groups/${groupNo}/close`);
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  expect(closed.body.status).toBe('closed');
  expect(closed.body.members.map((m: any) => m.payment.status)).toEqual(Array(size).fill('CLOSED'));
  await eventually(async () => notificationsOf('group.closed', groupNo), (n) => n.length > 0, 20_000);
  expect((await call(merchant.apiKey, 'POST', `/v1/groups/${groupNo}/close`)).body.error.code).toBe('group_not_closable');
  expect(notificationsOf('group.closed', groupNo)).toHaveLength(1);
  return closed.body;
}

describe.skipIf(!hasSandbox)('combined Alipay group (merge pay)', () => {
  // The signed parameters the buyer's browser (a redirect) or the Alipay app (an order string) takes to Alipay.
  const sent = (group: any) => new URLSearchParams(group.action.type === 'redirect' ? new URL(group.action.value).search : group.action.value);
  const preOrderNoOf = (group: any) => JSON.parse(sent(group).get('biz_content')!).pre_order_no as string;

  it('of 3, paid by one merge payment: each sub-order notified on its own, every member SUCCEEDED, the group paid, one group.paid', { timeout: 150_000 }, async () => {
    const group = await combinedGroup('alipay.wap', [member(0), member(1), member(2)]);
    expect(group.action.type).toBe('redirect');
    expect(sent(group).get('method')).toBe('alipay.trade.wap.merge.pay');
    const preOrderNo = preOrderNoOf(group);
    const merge = await sandbox('alipay', 'GET', `/sandbox/merges/${preOrderNo}`);
    expect(merge.body.trades.map((t: any) => [t.outTradeNo, t.totalAmount])).toEqual(group.members.map((m: any, i: number) => [m.payNo, ['1.00', '2.00', '3.00'][i]]));

    // The buyer pays the merge once; Alipay notifies each sub-order's TRADE_SUCCESS separately.
    const paidAtAlipay = await sandbox('alipay', 'POST', `/sandbox/merges/${preOrderNo}/pay`);
    expect(paidAtAlipay.status).toBe(200);
    expect(paidAtAlipay.body.trades.map((t: any) => t.status)).toEqual(['TRADE_SUCCESS', 'TRADE_SUCCESS', 'TRADE_SUCCESS']);
    await expectPaid(group.groupNo, () => Promise.all(group.members.map((m: any) => sandbox('alipay', 'GET', `/sandbox/trades/${m.payNo}/deliveries`))));
  });

  it('closed: every sub-order closed at Alipay, every member CLOSED, one group.closed; the merge can no longer be paid', { timeout: 90_000 }, async () => {
    const group = await combinedGroup('alipay.app', [member(0), member(1)]);
    expect(group.action.type).toBe('app_params');
    expect(sent(group).get('method')).toBe('alipay.trade.app.merge.pay');
    await expectClosed(group.groupNo, 2);
    for (const m of group.members) expect((await sandbox('alipay', 'GET', `/sandbox/trades/${m.payNo}`)).body.status).toBe('TRADE_CLOSED');
    expect((await sandbox('alipay', 'POST', `/sandbox/merges/${preOrderNoOf(group)}/pay`)).status).toBe(409);
  });
});

describe.skipIf(!hasSandbox)('combined PayPal group (one order, a purchase unit per member)', () => {
  it('of 3, approved once: one capture per unit, every member SUCCEEDED, the group paid, one group.paid', { timeout: 150_000 }, async () => {
    const group = await combinedGroup('paypal.checkout', [member(0, 'USD'), member(1, 'USD'), member(2, 'USD')], merchant.payIds.paypal);
    const orderIds = new Set(group.members.map((m: any) => m.payment.providerTradeNo));
    expect(orderIds.size).toBe(1);

    // The buyer approves the one order; payee captures it on the approval webhook.
    expect((await sandbox('paypal', 'POST', `/sandbox/trades/${group.members[1].payNo}/pay`)).status).toBe(200);
    await expectPaid(group.groupNo, () => sandbox('paypal', 'GET', `/sandbox/trades/${group.members[0].payNo}/deliveries`));
    const order = (await sandbox('paypal', 'GET', `/sandbox/trades/${group.members[0].payNo}`)).body;
    expect(order.status).toBe('COMPLETED');
    expect(order.purchase_units.map((u: any) => [u.custom_id, u.payments.captures.length, u.payments.captures[0].amount.value])).toEqual(
      group.members.map((m: any, i: number) => [m.payNo, 1, ['1.00', '2.00', '3.00'][i]]),
    );
    const deliveries = (await sandbox('paypal', 'GET', `/sandbox/trades/${group.members[0].payNo}/deliveries`)).body;
    expect(deliveries.filter((d: any) => d.eventType === 'PAYMENT.CAPTURE.COMPLETED' && d.status === 200)).toHaveLength(3);
  });

  it('closed: every member CLOSED, one group.closed; a later approval is never captured', { timeout: 90_000 }, async () => {
    const group = await combinedGroup('paypal.checkout', [member(0, 'EUR'), member(1, 'EUR')], merchant.payIds.paypal);
    await expectClosed(group.groupNo, 2);
    // PayPal cannot close an order: the buyer may still approve it; payee answers and captures nothing.
    expect((await sandbox('paypal', 'POST', `/sandbox/trades/${group.members[0].payNo}/pay`)).status).toBe(200);
    await eventually(
      async () => (await sandbox('paypal', 'GET', `/sandbox/trades/${group.members[0].payNo}/deliveries`)).body,
      (d: any[]) => d.some((x) => x.eventType === 'CHECKOUT.ORDER.APPROVED' && x.status === 200),
      30_000,
    );
    const order = (await sandbox('paypal', 'GET', `/sandbox/trades/${group.members[0].payNo}`)).body;
    expect(order.status).toBe('APPROVED');
    expect(order.purchase_units.every((u: any) => u.payments === undefined)).toBe(true);
    expect((await groupOf(group.groupNo)).members.map((m: any) => m.payment.status)).toEqual(['CLOSED', 'CLOSED']);
  });
});

describe.skipIf(!hasSandbox)('bad combined groups', () => {
  it('are refused with a 400 naming the field, and nothing is stored', { timeout: 60_000 }, async () => {
    const paypalId = () => merchant.payIds.paypal;
    const cases: [unknown, string][] = [
      [{ mode: 'combined', method: 'alipay.qr', members: [member(0), member(1)] }, 'method'],
      [{ mode: 'combined', method: 'alipay.wap', members: [member(0)] }, 'members'],
      [{ mode: 'combined', method: 'paypal.checkout', payId: paypalId(), members: [member(0, 'USD'), member(1, 'EUR')] }, 'members.1.currency'],
      [{ mode: 'combined', method: 'paypal.checkout', payId: paypalId(), members: [member(0, 'USD'), member(1, 'USD', { method: 'alipay.wap' })] }, 'members.1.method'],
      [{ mode: 'combined', method: 'paypal.checkout', payId: paypalId(), members: Array.from({ length: 11 }, (_, i) => member(i, 'USD')) }, 'members'],
      [{ mode: 'combined', method: 'alipay.wap', members: [member(0), member(1, 'USD')] }, 'members.1.currency'],
    ];
    const before = await companyItems(merchant.companyId);
    for (const [body, param] of cases) {
      const res = await call(merchant.apiKey, 'POST', '/v1/groups', { body, headers: { 'Idempotency-Key': unique() } });
      expect(res.status, `${param}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    expect(await companyItems(merchant.companyId)).toEqual(before);
  });
});
