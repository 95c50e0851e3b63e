/**
 * Payment groups (issue 13) end to end on the local stack: a combined WeChat group paid by one
 * sandbox payment (one combine notification → every member SUCCEEDED through the status worker,
 * group paid, group.paid notified once), a combined group closed at WeChat as a whole, a batch
 * with a provider refusal and a provider failure completed by a retry that creates nothing twice,
 * and bad groups refused naming the field with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { eventsOf, eventually } from './support/callbacks.ts';
import { startMerchantEndpoint, type MerchantEndpoint } from './support/merchant-endpoint.ts';
import { call, companyItems, newMerchant, target } from './support/target.ts';

const hasSandbox = !!target().sandbox?.wechat;
let merchant: Merchant;
let endpoint: MerchantEndpoint;

beforeAll(async () => {
  if (!hasSandbox) return;
  merchant = await newMerchant('e2e-groups');
  endpoint = await startMerchantEndpoint();
});
afterAll(async () => endpoint?.close());

const unique = () => `GR${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const member = (n: number, overrides: Record<string, unknown> = {}) => ({ outTradeNo: `${unique()}-${n}`, subject: `item ${n}`, amount: 100 * (n + 1), currency: 'CNY', ...overrides });

async function wechatSandbox(method: string, path: string): Promise<any> {
  const res = await fetch(`${target().sandbox!.wechat!.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
  if (!res.ok) throw new Error(`wechat sandbox ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const groupOf = async (groupNo: string) => (await call(merchant.apiKey, 'GET', `/v1/groups/${groupNo}`)).body;
const notificationsOf = (type: string, groupNo: string) =>
  endpoint.received.map((r) => JSON.parse(r.rawBody)).filter((n) => n.type === type && n.data.groupNo === groupNo);

async function combinedGroup(size: number) {
  const res = await call(merchant.apiKey, 'POST', '/v1/groups', {
    body: {
      mode: 'combined',
      method: 'wechat.native',
      payer: { clientIp: '203.0.113.7' },
      notifyUrl: endpoint.url,
      members: Array.from({ length: size }, (_, i) => member(i)),
    },
    headers: { 'Idempotency-Key': unique() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe.skipIf(!hasSandbox)('combined WeChat group', () => {
  it('of 3, paid by one sandbox payment: every member SUCCEEDED once, the group paid, one group.paid', { timeout: 120_000 }, async () => {
    const group = await combinedGroup(3);
    expect(group).toMatchObject({ mode: 'combined', status: 'open', memberCount: 3, action: { type: 'qr_code' } });
    for (const m of group.members) expect(m.payment).toMatchObject({ status: 'PENDING', action: group.action });

    // The buyer pays the combine order once; WeChat sends one notification holding every sub-order.
    const paidAtWechat = await wechatSandbox('POST', `/sandbox/combine-transactions/${group.groupNo}/pay`);
    expect(paidAtWechat.sub_orders.map((s: any) => s.trade_state)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);

    // Deadlines are generous: three members' events through the FIFO queue on a loaded 2-core machine.
    const paid = await eventually(() => groupOf(group.groupNo), (g) => g.status === 'paid', 45_000).catch(async (error) => {
      const deliveries = await wechatSandbox('GET', `/sandbox/combine-transactions/${group.groupNo}/deliveries`);
      throw new Error(`${error.message}\nWeChat's deliveries: ${JSON.stringify(deliveries)}`);
    });
    for (const m of paid.members) {
      expect(m.payment.status).toBe('SUCCEEDED');
      expect((await eventsOf(merchant, m.payNo)).filter((e) => e.outcome === 'applied')).toHaveLength(1);
    }
    // Every member's own notification, then exactly one for the group.
    await eventually(async () => endpoint.received.map((r) => JSON.parse(r.rawBody)), (all) =>
      paid.members.every((m: any) => all.some((n) => n.type === 'payment.succeeded' && n.data.payNo === m.payNo)) && notificationsOf('group.paid', group.groupNo).length > 0, 45_000);
    const [notified] = notificationsOf('group.paid', group.groupNo);
    expect(notified.data).toMatchObject({ groupNo: group.groupNo, status: 'paid' });
    // The notification sent, a second sync of every member changes nothing and notifies nothing more.
    const synced = await call(merchant.apiKey, 'POST', `/v1/groups/${group.groupNo}/sync`);
    expect(synced.status).toBe(202);
    expect(synced.body.members.map((m: any) => m.provider)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const listed = await call(merchant.apiKey, 'GET', '/v1/groups?limit=5');
    await eventually(() => groupOf(group.groupNo), () => true);
    expect(listed.body.data.map((g: any) => g.groupNo)).toContain(group.groupNo);
    expect(notificationsOf('group.paid', group.groupNo)).toHaveLength(1);
  });

  it('closed: WeChat closes the whole combine order, every member CLOSED, one group.closed', { timeout: 60_000 }, async () => {
    const group = await combinedGroup(2);
    const closed = await call(merchant.apiKey, 'POST', `/v1/groups/${group.groupNo}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.members.map((m: any) => m.payment.status)).toEqual(['CLOSED', 'CLOSED']);
    const atWechat = await wechatSandbox('GET', `/sandbox/combine-transactions/${group.groupNo}`);
    expect(atWechat.sub_orders.map((s: any) => s.trade_state)).toEqual(['CLOSED', 'CLOSED']);
    await eventually(async () => notificationsOf('group.closed', group.groupNo), (n) => n.length > 0, 20_000);
    // Closing again: nothing is open any more.
    expect((await call(merchant.apiKey, 'POST', `/v1/groups/${group.groupNo}/close`)).body.error.code).toBe('group_not_closable');
    expect(notificationsOf('group.closed', group.groupNo)).toHaveLength(1);
  });
});

describe.skipIf(!hasSandbox)('batch group', () => {
  it('a refused member leaves the others PENDING; a retry with the key completes the missing one and creates nothing twice', { timeout: 60_000 }, async () => {
    // The next Alipay call of this merchant fails (HTTP 500): that member stays CREATED, with an error.
    const fault = await fetch(`${target().sandbox!.alipay.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'http500', count: 1, appId: merchant.alipay.appId }),
    });
    expect(fault.ok).toBe(true);
    // Alipay takes at most 100,000,000 yuan: above it Alipay itself refuses the member.
    const body = { mode: 'batch', method: 'alipay.qr', members: [member(0), member(1, { amount: 10_000_000_001 }), member(2), member(3)] };
    const key = unique();
    const first = await call(merchant.apiKey, 'POST', '/v1/groups', { body, headers: { 'Idempotency-Key': key } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const unavailable = first.body.members.filter((m: any) => m.error?.code === 'provider_unavailable');
    expect(unavailable).toHaveLength(1);

    const retried = await call(merchant.apiKey, 'POST', '/v1/groups', { body, headers: { 'Idempotency-Key': key } });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.groupNo).toBe(first.body.groupNo);
    expect(retried.body.members.map((m: any) => m.payNo)).toEqual(first.body.members.map((m: any) => m.payNo));
    expect(retried.body.members.map((m: any) => m.payment.status)).toEqual(['PENDING', 'FAILED', 'PENDING', 'PENDING']);
    expect(retried.body.members[1].payment.failure.code).toEqual(expect.any(String));
    expect(retried.body.status).toBe('mixed');
    // Exactly one payment per member, whatever was retried.
    const payments = (await companyItems(merchant.companyId)).filter((i) => i.entity === 'payment' && i.groupNo === first.body.groupNo);
    expect(payments).toHaveLength(4);
    // Members the first call finished are not sent to the provider again: their actions are the first ones.
    for (const [i, m] of first.body.members.entries()) if (m.payment?.status === 'PENDING') expect(retried.body.members[i].payment.action).toEqual(m.payment.action);
  });

  it("a member whose outTradeNo an earlier payment has: that member fails duplicate_out_trade_no, the earlier payment is not the group's", { timeout: 60_000 }, async () => {
    const taken = member(1);
    const earlier = await call(merchant.apiKey, 'POST', '/v1/payments', { body: { method: 'alipay.qr', ...taken } });
    expect(earlier.status).toBe(201);
    const body = { mode: 'batch', method: 'alipay.qr', members: [member(0), taken] };
    const created = await call(merchant.apiKey, 'POST', '/v1/groups', { body, headers: { 'Idempotency-Key': unique() } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.members[0].payment.status).toBe('PENDING');
    expect(created.body.members[1].payment).toBeUndefined();
    expect(created.body.members[1].error.code).toBe('duplicate_out_trade_no');
    const read = await call(merchant.apiKey, 'GET', `/v1/groups/${created.body.groupNo}`);
    expect(read.body.members[1].payment).toBeUndefined();
    expect(read.body.members[1].error.code).toBe('payment_not_created');
    const still = await call(merchant.apiKey, 'GET', `/v1/payments/${earlier.body.payNo}`);
    expect(still.body).toEqual(earlier.body);
  });
});

describe.skipIf(!hasSandbox)('bad groups', () => {
  it('are refused with a 400 naming the field, and nothing is stored', { timeout: 60_000 }, async () => {
    const payer = { clientIp: '203.0.113.7' };
    const cases: [unknown, string][] = [
      [{ mode: 'batch', method: 'alipay.qr', members: Array.from({ length: 51 }, (_, i) => member(i)) }, 'members'],
      [{ mode: 'combined', method: 'wechat.native', payer, members: [member(0), member(1, { currency: 'USD' })] }, 'members.1.currency'],
      [{ mode: 'combined', method: 'unionpay.web', members: [member(0), member(1)] }, 'method'],
      [{ mode: 'batch', method: 'alipay.qr', members: [member(0, { outTradeNo: 'same-1' }), member(1, { outTradeNo: 'same-1' })] }, 'members.1.outTradeNo'],
      [{ mode: 'batch', method: 'alipay.qr', members: [member(0), member(1, { payId: 'cfg_nosuchconfig' })] }, 'members.1.payId'],
      [{ mode: 'batch', method: 'paypal.checkout', members: [member(0, { currency: 'XXX' })] }, 'members.0.currency'],
      [{ mode: 'combined', method: 'wechat.native', members: [member(0), member(1)] }, 'payer.clientIp'],
    ];
    const before = await companyItems(merchant.companyId);
    for (const [body, param] of cases) {
      const res = await call(merchant.apiKey, 'POST', '/v1/groups', { body, headers: { 'Idempotency-Key': unique() } });
      expect(res.status, `${param}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    expect(await companyItems(merchant.companyId)).toEqual(before);
    expect((await call(merchant.apiKey, 'GET', '/v1/groups/G01ARZ3NDEKTSV4RRFFQ69G5FA')).status).toBe(404);
  });
});
