/**
 * The sandbox's buyer and notify sender against a real HTTP receiver; what it sends is checked by
 * payee's verifyCallback and by the official alipay-sdk.
 */
import { verifyCallback } from '../../../../lib/channels/alipay/notify.ts';
import { providerHttp } from '../../../../lib/http/provider-http.ts';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alipay, type AlipayConfig } from '../../../../lib/channels/alipay/index.ts';
import type { Delivery } from './notifier.ts';
import { startAlipaySandbox, type AlipaySandbox } from './index.ts';

const APP_ID = '2021000000000003';
const SELLER_ID = '2088000000000003';
/** 4 min → 100 ms, 10 min → 250 ms. */
const SCALE = 1 / 2400;

const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const appPem = {
  private: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  public: appKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

interface Received {
  at: number;
  contentType: string | undefined;
  body: string;
}

/** A merchant's notify endpoint: per path, the replies to give in turn (the last one repeats; 'hang' never answers). */
class Receiver {
  readonly received = new Map<string, Received[]>();
  readonly replies = new Map<string, string[]>();
  readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const list = this.received.get(path) ?? [];
      this.received.set(path, list);
      list.push({ at: Date.now(), contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      const replies = this.replies.get(path) ?? ['success'];
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      if (reply !== 'hang') res.writeHead(200, { 'content-type': 'text/plain' }).end(reply);
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const receiver = new Receiver();
let sandbox: AlipaySandbox;
let config: AlipayConfig;

async function startSandbox(): Promise<AlipaySandbox> {
  const started = await startAlipaySandbox({ notifyTimeScale: SCALE });
  started.registerApp({ appId: APP_ID, appPublicKeyPem: appPem.public, sellerId: SELLER_ID });
  return started;
}

beforeAll(async () => {
  await receiver.start();
  sandbox = await startSandbox();
  config = alipay.configSchema.parse({
    appId: APP_ID,
    privateKey: appPem.private,
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
    sellerId: SELLER_ID,
  });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

let seq = 0;
/** A QR payment created through payee's channel, notifying `path` on the receiver (with these replies). */
async function qrTrade(on: AlipaySandbox, replies: string[] = ['success'], notifyUrl?: string): Promise<{ payNo: string; path: string }> {
  const payNo = `N${process.pid}T${Date.now()}S${++seq}`;
  const path = `/notify/${payNo}`;
  receiver.replies.set(path, replies);
  const created = await alipay.create(
    { config: { ...config, gatewayUrl: on.gatewayUrl, alipayPublicKey: on.alipayPublicKeyPem }, http: providerHttp, timeoutMs: 2000, now: () => new Date() },
    { createdAt: new Date(), payNo, method: 'alipay.qr', subject: '测试 T-shirt & co', amount: 1999, currency: 'CNY', expiresAt: new Date(Date.now() + 600_000), callbackUrl: notifyUrl ?? `${receiver.url}${path}` },
  );
  expect(created.outcome).toBe('created');
  return { payNo, path };
}

/** A hook call: GET, or POST with `body` as JSON ('' for an empty body). */
const hook = async (on: AlipaySandbox, path: string, body?: unknown) => {
  const init = body === undefined ? {} : { method: 'POST', body: body === '' ? '' : JSON.stringify(body) };
  const res = await fetch(`${on.url}${path}`, init);
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & Delivery[] };
};
const received = (path: string) => receiver.received.get(path) ?? [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); await sleep(20)) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
  }
}
const verify = (body: string) =>
  verifyCallback(config, { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, rawBody: body });

describe('the buyer pays', () => {
  it("pays, and the notify it sends is accepted by payee's verifyCallback and by alipay-sdk", async () => {
    const { payNo, path } = await qrTrade(sandbox);
    const paid = await hook(sandbox, `/sandbox/trades/${payNo}/pay`, {});
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ outTradeNo: payNo, status: 'TRADE_SUCCESS', totalAmount: '19.99', buyerId: expect.stringMatching(/^2088\d{12}$/) });

    await until(() => received(path).length === 1);
    const [notify] = received(path);
    expect(notify!.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(verify(notify!.body)).toEqual({
      ok: true,
      event: {
        eventId: expect.stringMatching(/^alipay-\d{34}-TRADE_SUCCESS$/),
        payNo,
        channel: 'alipay',
        status: 'SUCCEEDED',
        providerStatus: 'TRADE_SUCCESS',
        providerTradeNo: paid.json.tradeNo,
        amount: 1999,
        currency: 'CNY',
        paidAt: new Date(Math.floor(Date.parse(paid.json.paidAt as string) / 1000) * 1000).toISOString(),
        notifiedAt: expect.any(String),
      },
    });

    const fields = Object.fromEntries(new URLSearchParams(notify!.body));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'notify_time', 'notify_type', 'notify_id', 'app_id', 'auth_app_id', 'charset', 'version', 'sign_type', 'sign',
        'trade_no', 'out_trade_no', 'trade_status', 'total_amount', 'receipt_amount', 'buyer_pay_amount', 'invoice_amount',
        'point_amount', 'gmt_create', 'gmt_payment', 'seller_id', 'buyer_id', 'buyer_logon_id', 'subject', 'fund_bill_list',
      ].sort(),
    );
    expect(fields).toMatchObject({ subject: '测试 T-shirt & co', seller_id: SELLER_ID, total_amount: '19.99', receipt_amount: '19.99' });
    const sdk = new AlipaySdk({ appId: APP_ID, privateKey: appPem.private, keyType: 'PKCS8', alipayPublicKey: sandbox.alipayPublicKeyPem });
    expect(sdk.checkNotifySignV2(fields)).toBe(true);

    const deliveries = await hook(sandbox, `/sandbox/trades/${payNo}/deliveries`);
    expect(deliveries.json).toEqual([
      { notifyId: fields.notify_id, tradeStatus: 'TRADE_SUCCESS', attempt: 1, at: expect.any(String), status: 200, body: 'success' },
    ]);
    expect(await hook(sandbox, `/sandbox/trades/${payNo}/pay`, {})).toMatchObject({ status: 409, json: { error: expect.stringContaining('TRADE_SUCCESS') } });
  });

  it('finishes a paid trade with its own notification (new notify_id, gmt_close); only a paid trade finishes', async () => {
    const { payNo, path } = await qrTrade(sandbox);
    expect((await hook(sandbox, `/sandbox/trades/${payNo}/finish`, {})).status).toBe(409);
    await hook(sandbox, `/sandbox/trades/${payNo}/pay`, '');
    await until(() => received(path).length === 1);
    expect(await hook(sandbox, `/sandbox/trades/${payNo}/finish`, '')).toMatchObject({ status: 200, json: { status: 'TRADE_FINISHED' } });
    await until(() => received(path).length === 2);
    const [success, finished] = received(path).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(finished).toMatchObject({ trade_status: 'TRADE_FINISHED', gmt_close: expect.any(String), trade_no: success!.trade_no });
    expect(finished!.notify_id).not.toBe(success!.notify_id);
    expect(verify(received(path)[1]!.body)).toMatchObject({ ok: true, event: { status: 'SUCCEEDED', providerStatus: 'TRADE_FINISHED' } });
  });

  it('answers 404 with a message for an unknown trade', async () => {
    expect(await hook(sandbox, '/sandbox/trades/NOPE/pay', {})).toEqual({ status: 404, json: { error: 'no such trade: NOPE' } });
  });
});

describe("Alipay's retries", () => {
  it('retries a receiver that answers fail twice: 3 deliveries, one notify_id, 4m and 10m scaled', async () => {
    const { payNo, path } = await qrTrade(sandbox, ['fail', 'fail', 'success']);
    await hook(sandbox, `/sandbox/trades/${payNo}/pay`, '');
    await until(() => received(path).length === 3);
    await sleep(10 * 60_000 * SCALE * 2);
    const attempts = received(path);
    expect(attempts).toHaveLength(3);
    const ids = attempts.map((a) => new URLSearchParams(a.body).get('notify_id'));
    expect(new Set(ids).size).toBe(1);
    // Each delivery is signed when sent, and each one verifies to the same event.
    const events = attempts.map((a) => verify(a.body));
    expect(new Set(events.map((e) => ('event' in e ? e.event.eventId : JSON.stringify(e)))).size).toBe(1);
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(4 * 60_000 * SCALE - 5);
    expect(gaps[0]).toBeLessThan(4 * 60_000 * SCALE + 150);
    expect(gaps[1]).toBeGreaterThanOrEqual(10 * 60_000 * SCALE - 5);
    expect(gaps[1]).toBeLessThan(10 * 60_000 * SCALE + 150);

    const deliveries = (await hook(sandbox, `/sandbox/trades/${payNo}/deliveries`)).json;
    expect(deliveries.map((d) => [d.attempt, d.status, d.body, d.notifyId])).toEqual([
      [1, 200, 'fail', ids[0]],
      [2, 200, 'fail', ids[0]],
      [3, 200, 'success', ids[0]],
    ]);
  });

  it('records a receiver that cannot be reached as a network error', async () => {
    // A port nothing listens on any more.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise((resolve) => gone.close(resolve));
    const { payNo } = await qrTrade(sandbox, [], `http://127.0.0.1:${port}/notify`);
    await hook(sandbox, `/sandbox/trades/${payNo}/pay`, '');
    let deliveries: Delivery[] = [];
    await until(async () => {
      deliveries = (await hook(sandbox, `/sandbox/trades/${payNo}/deliveries`)).json;
      return deliveries[0]?.error !== undefined;
    });
    expect(deliveries[0]).toMatchObject({ attempt: 1, error: expect.stringContaining('ECONNREFUSED') });
    expect(deliveries[0]!.status).toBeUndefined();
  });

  it('close() cancels pending retries and aborts a delivery in flight', async () => {
    const own = await startSandbox();
    const waiting = await qrTrade(own, ['fail']);
    const hanging = await qrTrade(own, ['hang']);
    await hook(own, `/sandbox/trades/${waiting.payNo}/pay`, '');
    await hook(own, `/sandbox/trades/${hanging.payNo}/pay`, '');
    await until(() => received(waiting.path).length === 1 && received(hanging.path).length === 1);
    const closing = Date.now();
    await own.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    await sleep(4 * 60_000 * SCALE * 3);
    expect(received(waiting.path)).toHaveLength(1);
    expect(received(hanging.path)).toHaveLength(1);
  });
});

describe('notifications on demand', () => {
  const notifications = (payNo: string, body: unknown) => hook(sandbox, `/sandbox/trades/${payNo}/notifications`, body);

  it('builds without sending: paying an unpaid trade first; a new notify_id each time unless one is given', async () => {
    const { payNo, path } = await qrTrade(sandbox);
    const first = await notifications(payNo, { tradeStatus: 'TRADE_SUCCESS', send: false });
    expect(first).toMatchObject({ status: 200, json: { contentType: 'application/x-www-form-urlencoded; charset=utf-8', notifyUrl: `${receiver.url}${path}`, sent: false } });
    expect(verify(first.json.body as string)).toMatchObject({ ok: true, event: { payNo, status: 'SUCCEEDED' } });
    expect((await hook(sandbox, `/sandbox/trades/${payNo}`)).json.status).toBe('TRADE_SUCCESS');

    const second = await notifications(payNo, { tradeStatus: 'TRADE_SUCCESS', send: false });
    expect(second.json.notifyId).not.toBe(first.json.notifyId);
    const again = await notifications(payNo, { tradeStatus: 'TRADE_SUCCESS', send: false, notifyId: first.json.notifyId });
    const eventId = (body: unknown) => {
      const verdict = verify(body as string);
      return 'event' in verdict ? verdict.event.eventId : JSON.stringify(verdict);
    };
    expect(eventId(again.json.body)).toBe(eventId(first.json.body));

    // Finished, and a late TRADE_SUCCESS can still be told.
    expect((await notifications(payNo, { tradeStatus: 'TRADE_FINISHED', send: false })).json.body).toContain('trade_status=TRADE_FINISHED');
    expect((await notifications(payNo, { tradeStatus: 'TRADE_SUCCESS', send: false })).status).toBe(200);
    await sleep(100);
    expect(received(path)).toHaveLength(0);
    expect((await hook(sandbox, `/sandbox/trades/${payNo}/deliveries`)).json).toEqual([]);
  });

  it('sends unless send is false; refuses what the trade state does not allow', async () => {
    const { payNo, path } = await qrTrade(sandbox);
    expect(await notifications(payNo, { tradeStatus: 'TRADE_FINISHED', send: false })).toMatchObject({ status: 409 });
    expect(await notifications(payNo, { tradeStatus: 'TRADE_CLOSED' })).toMatchObject({ status: 200, json: { sent: true } });
    await until(() => received(path).length === 1);
    expect(verify(received(path)[0]!.body)).toMatchObject({ ok: true, event: { status: 'CLOSED', paidAt: undefined } });
    expect(await notifications(payNo, { tradeStatus: 'TRADE_SUCCESS' })).toMatchObject({ status: 409 });
    expect(await notifications(payNo, { tradeStatus: 'WAIT_BUYER_PAY' })).toMatchObject({ status: 400 });
    expect(await notifications(payNo, { tradeStatus: 'TRADE_CLOSED', send: 'no' })).toMatchObject({ status: 400 });
  });
});
