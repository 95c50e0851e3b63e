/**
 * PayPal combined groups (combined.ts) against the local PayPal sandbox over real HTTP: one order
 * with a purchase unit per member, approved once, captured once (one capture per unit), a signed
 * PAYMENT.CAPTURE.COMPLETED per capture naming its member, per-member reads and refunds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPayPalSandbox, type PayPalSandbox } from '../../../infra/local/sandbox/paypal/index.ts';
import type { CallbackVerdict, CombinedRequest, PaymentEvent } from '../channel.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';
import { callWith, newMerchant } from './testing.ts';

let sandbox: PayPalSandbox;
let receiver: Server;
let config: PayPalConfig;
const received: { verdict: CallbackVerdict; event?: PaymentEvent }[] = [];

beforeAll(async () => {
  sandbox = await startPayPalSandbox({});
  // As payee's callback does: verify each webhook, capture on an approval.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const call = callWith(config);
      const verdict = await paypal.verifyCallback(call, { headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const event = !verdict.ok ? undefined : 'event' in verdict ? verdict.event : 'approval' in verdict ? await paypal.complete!(call, verdict.approval) : undefined;
      received.push({ verdict, event });
      const reply = verdict.ok ? paypal.callbackReplies.accepted : paypal.callbackReplies.rejected;
      res.writeHead(reply.statusCode, { 'content-type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  config = await newMerchant(sandbox.url, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/callbacks/paypal/cfg1`);
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

let seq = 0;
function group(amounts: number[], currency = 'USD'): CombinedRequest {
  const groupNo = `G${process.pid}T${Date.now()}N${++seq}`;
  return {
    groupNo,
    method: 'paypal.checkout',
    members: amounts.map((amount, i) => ({ payNo: `${groupNo}M${i}`, subject: `item ${i}`, amount, currency })),
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl: 'https://pay.example/callbacks/paypal/cfg1',
    returnUrl: 'https://shop.example/done',
  };
}

async function until<T>(what: () => T | undefined, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const found = what();
    if (found !== undefined) return found;
  }
  throw new Error('timed out waiting');
}

async function createdOrder(g: CombinedRequest): Promise<string> {
  const created = await paypal.combined!.create(callWith(config), g);
  if (created.outcome !== 'created' || !created.providerTradeNo) throw new Error(`not created: ${JSON.stringify(created)}`);
  return created.providerTradeNo;
}
const refs = (g: CombinedRequest, orderId: string) => g.members.map((m) => ({ payNo: m.payNo, amount: m.amount, currency: m.currency, providerTradeNo: orderId }));

describe('paypal combined', () => {
  it('creates one order with a purchase unit per member, idempotent on the group number', async () => {
    const g = group([1000, 250, 1]);
    const created = await paypal.combined!.create(callWith(config), g);
    if (created.outcome !== 'created') throw new Error('not created');
    expect(created.action).toEqual({ type: 'redirect', value: `${sandbox.url}/sandbox/approve/${created.providerTradeNo}` });
    const order = (await (await fetch(`${sandbox.url}/sandbox/trades/${g.members[1]!.payNo}`)).json()) as Record<string, any>;
    expect(order.id).toBe(created.providerTradeNo);
    expect(order.purchase_units.map((u: any) => [u.reference_id, u.custom_id, u.invoice_id, u.description, u.amount.value])).toEqual(
      g.members.map((m, i) => [m.payNo, m.payNo, m.payNo, m.subject, ['10.00', '2.50', '0.01'][i]]),
    );
    expect(await paypal.combined!.create(callWith(config), g)).toEqual(created);
    const found = await paypal.combined!.query(callWith(config), { groupNo: g.groupNo, members: refs(g, created.providerTradeNo!) });
    expect([...found.entries()].map(([payNo, p]) => [payNo, p.status, p.providerStatus, p.amount])).toEqual(g.members.map((m) => [m.payNo, 'PENDING', 'CREATED', m.amount]));
  });

  it('one approval pays every member: one capture per unit, each notified with its own custom_id; refunds stay per member', async () => {
    const g = group([1200, 300, 4500]);
    const orderId = await createdOrder(g);
    // The buyer approves the whole order in one step.
    expect((await fetch(`${sandbox.url}/sandbox/trades/${g.members[2]!.payNo}/pay`, { method: 'POST' })).status).toBe(200);

    // The approval names the first unit's payment; capturing it captures the order.
    const completed = await until(() => received.find((r) => r.event?.payNo === g.members[0]!.payNo && r.event.eventId.startsWith('paypal-capture-'))?.event);
    expect(completed).toMatchObject({ status: 'SUCCEEDED', amount: 1200, currency: 'USD', providerTradeNo: orderId });
    const webhooks = await until(() => {
      const events = received.filter((r) => r.event?.eventId.startsWith('paypal-WH-') && g.members.some((m) => m.payNo === r.event!.payNo)).map((r) => r.event!);
      return events.length === 3 ? events : undefined;
    });
    expect(webhooks.map((e) => [e.payNo, e.status, e.amount, e.providerTradeNo]).sort()).toEqual(g.members.map((m) => [m.payNo, 'SUCCEEDED', m.amount, orderId]).sort());

    const members = refs(g, orderId);
    const found = await paypal.combined!.query(callWith(config), { groupNo: g.groupNo, members });
    expect([...found.values()].map((p) => [p.status, p.providerStatus, p.amount])).toEqual(g.members.map((m) => ['SUCCEEDED', 'COMPLETED/COMPLETED', m.amount]));
    // A member read on its own is its own unit.
    expect(await paypal.query(callWith(config), { ...members[1]!, createdAt: new Date() })).toMatchObject({ status: 'SUCCEEDED', amount: 300 });

    // Each member refunds its own capture, up to its own amount.
    const refund = (i: number, refundNo: string, amount: number) => paypal.refund(callWith(config), { payment: members[i]!, refundNo, amount, callbackUrl: '' });
    expect(await refund(1, `R1${g.groupNo}`, 301)).toMatchObject({ outcome: 'refused', code: 'REFUND_AMOUNT_EXCEEDED' });
    expect(await refund(1, `R2${g.groupNo}`, 300)).toMatchObject({ outcome: 'succeeded' });
    const after = await paypal.combined!.query(callWith(config), { groupNo: g.groupNo, members });
    expect([...after.values()].map((p) => p.status)).toEqual(['SUCCEEDED', 'REFUNDED', 'SUCCEEDED']);
    expect(await paypal.queryRefund(callWith(config), { payment: members[1]!, refundNo: `R2${g.groupNo}` })).toMatchObject({ status: 'SUCCEEDED', amount: 300 });
    expect(await paypal.queryRefund(callWith(config), { payment: members[0]!, refundNo: `R2${g.groupNo}` })).toEqual({ status: 'NOT_FOUND' });
  });

  it('close: PayPal has no close, so the order stays unpaid at PayPal and nothing is captured', async () => {
    const g = group([100, 200]);
    const orderId = await createdOrder(g);
    expect(await paypal.combined!.close(callWith(config), { groupNo: g.groupNo, members: refs(g, orderId) })).toEqual({ outcome: 'closed' });
    const found = await paypal.combined!.query(callWith(config), { groupNo: g.groupNo, members: refs(g, orderId) });
    expect([...found.values()].map((p) => p.status)).toEqual(['PENDING', 'PENDING']);
    // A create that never answered has no order id: nothing to ask PayPal about.
    expect((await paypal.combined!.query(callWith(config), { groupNo: g.groupNo, members: refs(g, '').map((m) => ({ ...m, providerTradeNo: undefined })) })).size).toBe(0);
  });

  it("refuses mixed currencies itself, and PayPal's rules on units: at most 10, reference ids, one currency", async () => {
    const mixed = group([100, 200]);
    mixed.members[1]!.currency = 'EUR';
    expect(await paypal.combined!.create(callWith(config), mixed)).toMatchObject({ outcome: 'refused', code: 'MULTI_CURRENCY_ORDER' });
    expect(await paypal.combined!.create(callWith(config), group(Array.from({ length: 11 }, () => 100)))).toMatchObject({ outcome: 'refused', code: 'INVALID_ARRAY_MAX_ITEMS' });

    const token = await fetch(`${sandbox.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: bearer } = (await token.json()) as { access_token: string };
    const createRaw = async (units: unknown[]) => {
      const res = await fetch(`${sandbox.url}/v2/checkout/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ intent: 'CAPTURE', purchase_units: units }),
      });
      return { status: res.status, issue: ((await res.json()) as any).details?.[0]?.issue };
    };
    const usd = (value: string) => ({ currency_code: 'USD', value });
    expect(await createRaw([{ amount: usd('1.00') }, { amount: usd('2.00') }])).toEqual({ status: 422, issue: 'REFERENCE_ID_REQUIRED' });
    expect(await createRaw([{ reference_id: 'a', amount: usd('1.00') }, { reference_id: 'a', amount: usd('2.00') }])).toEqual({ status: 422, issue: 'DUPLICATE_REFERENCE_ID' });
    expect(await createRaw([{ reference_id: 'a', amount: usd('1.00') }, { reference_id: 'b', amount: { currency_code: 'EUR', value: '2.00' } }])).toEqual({ status: 422, issue: 'MULTI_CURRENCY_ORDER' });
  });
});
