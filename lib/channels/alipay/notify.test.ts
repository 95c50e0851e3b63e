import { generateKeyPairSync } from 'node:crypto';
import { verifyCallback } from './notify.ts';
import { readFileSync } from 'node:fs';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import type { CallbackRequest } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { notifySignContent, signRsa2 } from './sign.ts';

const vector = JSON.parse(readFileSync('/work/shared/providers/vectors/alipay/notify-2019.json', 'utf8')) as {
  alipayPublicKey: string;
  params: Record<string, string>;
};

function pemPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    private: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    public: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
const appKeys = pemPair();
/** The key pair "Alipay" signs this file's own notifications with. */
const alipayKeys = pemPair();

function config(overrides: Partial<AlipayConfig> = {}): AlipayConfig {
  return alipay.configSchema.parse({ appId: vector.params.app_id, privateKey: appKeys.private, alipayPublicKey: vector.alipayPublicKey, ...overrides });
}
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const post = (rawBody: string, contentType = FORM): CallbackRequest => ({ headers: { 'content-type': contentType }, rawBody });
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const verify = (request: CallbackRequest, cfg = config()) => verifyCallback(cfg, request);

/** A notify for our own "Alipay" key, signed rsaCheckV1-style as Alipay signs trade notifications. */
function signed(changes: Record<string, string | undefined>): CallbackRequest {
  const params: Record<string, string> = { ...vector.params };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete params[name];
    else params[name] = value;
  }
  params.sign = signRsa2(notifySignContent(params), alipayKeys.private);
  return post(form(params));
}
const ours = config({ alipayPublicKey: alipayKeys.public });

describe("Alipay's real 2019 notify", () => {
  it('is accepted and normalised', () => {
    expect(verify(post(form(vector.params)), config({ sellerId: vector.params.seller_id }))).toEqual({
      ok: true,
      event: {
        eventId: 'alipay-2019081500222155624068450559358070-TRADE_SUCCESS',
        payNo: '20190815155618536-564-57',
        channel: 'alipay',
        status: 'SUCCEEDED',
        providerStatus: 'TRADE_SUCCESS',
        providerTradeNo: '2019081522001468450512505578',
        amount: 10,
        currency: 'CNY',
        paidAt: '2019-08-15T07:56:24.000Z',
        notifiedAt: '2019-08-15T07:56:25.000Z',
      },
    });
  });

  it('gives the same eventId however the same form is encoded (field order, %20 for +, header case)', () => {
    const reordered = Object.entries(vector.params)
      .reverse()
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    const a = verify(post(form(vector.params)));
    const b = verify(post(reordered, 'Application/X-WWW-Form-Urlencoded;Charset="UTF-8"'));
    const c = verify(post(form(vector.params), 'application/x-www-form-urlencoded'));
    expect(a.ok && b.ok && c.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('refuses a tampered amount, another key, another app or seller', () => {
    expect(verify(post(form({ ...vector.params, total_amount: '100.10' })))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verify(post(form(vector.params)), config({ alipayPublicKey: alipayKeys.public }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verify(post(form(vector.params)), config({ appId: '2021000000000000' }))).toMatchObject({ ok: false, reason: 'wrong_merchant' });
    expect(verify(post(form(vector.params)), config({ sellerId: '2088000000000000' }))).toMatchObject({ ok: false, reason: 'wrong_merchant' });
  });

  it('refuses a missing field, a wrong content type and garbage as malformed', () => {
    const { notify_id: _, ...noNotifyId } = vector.params;
    const body = form(vector.params);
    const malformed = { ok: false, reason: 'malformed' };
    expect(verify(post(form(noNotifyId)))).toMatchObject({ ...malformed, detail: 'missing notify_id' });
    expect(verify(post(form({ ...vector.params, sign: '' })))).toMatchObject({ ...malformed, detail: 'missing sign' });
    expect(verify(post(body, 'application/json'))).toMatchObject(malformed);
    expect(verify(post(body, 'application/x-www-form-urlencoded; charset=gbk'))).toMatchObject(malformed);
    expect(verify({ headers: {}, rawBody: body })).toMatchObject(malformed);
    expect(verify(post(`${body}&out_trade_no=X1`))).toMatchObject({ ...malformed, detail: 'out_trade_no appears twice' });
    for (const garbage of ['', 'not a form', '{"notify_id":"1"}', `${body}&subject=%zz`, `${body}&x=%C0%AF`, `${body}&x=\uFFFD`]) {
      expect(verify(post(garbage)), garbage.slice(-20)).toMatchObject(malformed);
    }
  });
});

describe('a notify signed by the official alipay-sdk acting as Alipay', () => {
  it('is accepted: sdkExecute signs rsaCheckV2-style (sign_type kept), which the fallback takes', () => {
    // sdkExecute is the SDK's one exported signer for arbitrary parameters: it adds method, app_id,
    // charset, version, sign_type and timestamp, signs them all, and URL-encodes a form body.
    const asAlipay = new AlipaySdk({ appId: vector.params.app_id!, privateKey: alipayKeys.private, keyType: 'PKCS8' });
    const { sign: _sign, sign_type: _type, app_id: _app, charset: _charset, version: _version, ...fields } = vector.params;
    const body = asAlipay.sdkExecute('alipay.trade.notify', { ...fields, subject: '测试 a+b & 100%' }, { bizContentAutoSnakeCase: false });
    const verdict = verify(post(body), ours);
    expect(verdict).toMatchObject({ ok: true, event: { payNo: vector.params.out_trade_no, amount: 10, status: 'SUCCEEDED' } });
    // And only because it is genuinely signed.
    expect(verify(post(body.replace('total_amount=0.10', 'total_amount=0.20')), ours)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});

describe('trade statuses, amounts and event ids', () => {
  it('maps TRADE_SUCCESS / TRADE_FINISHED / TRADE_CLOSED; a later TRADE_FINISHED is another event', () => {
    const success = verify(signed({}), ours);
    const finished = verify(signed({ trade_status: 'TRADE_FINISHED', gmt_close: '2019-11-15 15:56:24' }), ours);
    const closed = verify(signed({ trade_status: 'TRADE_CLOSED', gmt_payment: undefined }), ours);
    expect(finished).toMatchObject({ ok: true, event: { status: 'SUCCEEDED', providerStatus: 'TRADE_FINISHED' } });
    expect(closed).toMatchObject({ ok: true, event: { status: 'CLOSED', providerStatus: 'TRADE_CLOSED', paidAt: undefined } });
    if (!('event' in success) || !('event' in finished)) throw new Error('expected both to verify');
    expect(finished.event.eventId).not.toBe(success.event.eventId);
  });

  it('a notify reporting a refund is a refund event (never CLOSED, never a payment); refund_fee 0.00 alone is an unpaid close', () => {
    const refund = { trade_status: 'TRADE_CLOSED', refund_fee: '0.10', gmt_refund: '2019-08-16 10:00:00.123', out_biz_no: 'R01J0000000000000000000000', gmt_close: '2019-08-16 10:00:00' };
    expect(verify(signed(refund), ours)).toMatchObject({
      ok: true,
      refund: { kind: 'refund', refundNo: refund.out_biz_no, status: 'SUCCEEDED', providerStatus: 'TRADE_CLOSED', currency: 'CNY', notifiedAt: '2019-08-16T02:00:00.000Z' },
    });
    expect(verify(signed({ ...refund, gmt_refund: '2019-08-16 25:00:00' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    // Each sign of a refund on its own is enough: a closed trade that had a payment was refunded;
    // without out_biz_no there is no refund to name, so it is acknowledged and applies nothing.
    for (const [name, value] of Object.entries({ refund_fee: '0.10', gmt_refund: refund.gmt_refund })) {
      expect(verify(signed({ trade_status: 'TRADE_CLOSED', [name]: value }), ours), name).toMatchObject({ ok: true, acknowledged: expect.stringContaining('out_biz_no') });
      expect(verify(signed({ trade_status: 'TRADE_CLOSED', gmt_payment: undefined, [name]: value }), ours), name).toMatchObject({ ok: true, acknowledged: expect.any(String) });
    }
    expect(verify(signed({ trade_status: 'TRADE_CLOSED' }), ours)).toMatchObject({ ok: true, acknowledged: expect.any(String) });
    expect(verify(signed({ trade_status: 'TRADE_CLOSED', gmt_payment: undefined, refund_fee: '0.00' }), ours)).toMatchObject({ ok: true, event: { status: 'CLOSED' } });
    // A partial refund leaves the trade TRADE_SUCCESS: that notify is the refund's, not a second payment.
    expect(verify(signed({ refund_fee: '0.05', out_biz_no: refund.out_biz_no }), ours)).toMatchObject({ ok: true, refund: { refundNo: refund.out_biz_no, providerStatus: 'TRADE_SUCCESS' } });
  });

  it('WAIT_BUYER_PAY is unsupported; an unknown status or a non-exact amount is malformed', () => {
    expect(verify(signed({ trade_status: 'WAIT_BUYER_PAY' }), ours)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(verify(signed({ trade_status: 'TRADE_PENDING' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ trade_status: 'constructor' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ total_amount: '0.105' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ total_amount: '1e3' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ gmt_payment: '2019-02-30 10:00:00' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ notify_type: 'trade_refund_sync' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify(signed({ sign_type: 'RSA' }), ours)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('hashes a notify_id SQS would not take as a deduplication id, deterministically', () => {
    const idOf = (notifyId: string) => {
      const verdict = verify(signed({ notify_id: notifyId }), ours);
      if (!('event' in verdict)) throw new Error(JSON.stringify(verdict));
      return verdict.event.eventId;
    };
    for (const odd of ['a b', '通知', 'x'.repeat(120)]) {
      expect(idOf(odd)).toMatch(/^alipay-[0-9a-f]{64}$/);
      expect(idOf(odd)).toBe(idOf(odd));
    }
    expect(idOf('x'.repeat(100))).toBe(`alipay-${'x'.repeat(100)}-TRADE_SUCCESS`);
  });
});

describe('replies', () => {
  it('accepted is exactly `success`; rejected and retryLater say fail', () => {
    const { accepted, rejected, retryLater } = alipay.callbackReplies;
    expect(accepted).toEqual({ statusCode: 200, contentType: 'text/plain', body: 'success' });
    expect(Buffer.byteLength(accepted.body)).toBe(7);
    expect(rejected).toMatchObject({ statusCode: 400, body: 'fail' });
    expect(retryLater).toMatchObject({ statusCode: 503, body: 'fail' });
  });
});
