/** verifyCallback: the sandbox's signed notifications (its own crypto) through payee's checks, and each refusal reason. */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formBody, NOTIFY_CONTENT_TYPE, paymentNotification, refundNotification } from '../../../infra/local/sandbox/unionpay/notification.ts';
import type { SandboxOrder } from '../../../infra/local/sandbox/unionpay/orders.ts';
import { issueMerchant, sandboxPki, type SandboxPki } from '../../../infra/local/sandbox/unionpay/pki.ts';
import { signedMessage, type Signer } from '../../../infra/local/sandbox/unionpay/protocol.ts';
import type { CallbackRequest } from '../channel.ts';
import { unionpayConfigSchema, type UnionpayConfig } from './config.ts';
import { callbackReplies, verifyCallback } from './notify.ts';

const MER_ID = '777290058110048';
let pki: SandboxPki;
let other: SandboxPki;
let signer: Signer;
let config: UnionpayConfig;
beforeAll(async () => {
  [pki, other] = await Promise.all([sandboxPki(), sandboxPki()]);
  signer = { key: createPrivateKey(pki.unionpay.keyPem), certPem: pki.unionpay.certPem };
  const merchant = await issueMerchant(pki, MER_ID);
  config = unionpayConfigSchema.parse({
    merId: MER_ID,
    signPrivateKey: merchant.keyPem,
    signCert: merchant.certPem,
    rootCert: pki.root.certPem,
    middleCert: pki.middle.certPem,
  });
});

const order = (): SandboxOrder => ({
  merId: MER_ID,
  orderId: 'P01JDQ0S5YJ2V3Q5D4Y7GM5XKZ',
  txnTime: '20191231235950',
  txnAmt: '1999',
  currencyCode: '156',
  via: 'front',
  channelType: '07',
  status: 'PAID',
  queryId: '191231235950123456789',
  traceNo: '464074',
  traceTime: '0101000010',
  settleDate: '0101',
  refunds: [],
  createdAt: new Date(),
});

const request = (fields: Record<string, string>, contentType = NOTIFY_CONTENT_TYPE): CallbackRequest => ({
  headers: { 'content-type': contentType },
  rawBody: formBody(fields),
});
const verify = (req: CallbackRequest) => verifyCallback(config, req, new Date());

describe('verifyCallback', () => {
  it('a paid consumption → SUCCEEDED with fen, queryId and traceTime (across new year)', () => {
    expect(verify(request(paymentNotification(order(), signer)))).toEqual({
      ok: true,
      event: {
        eventId: 'unionpay-191231235950123456789-01-00',
        payNo: 'P01JDQ0S5YJ2V3Q5D4Y7GM5XKZ',
        channel: 'unionpay',
        status: 'SUCCEEDED',
        providerStatus: '00',
        providerTradeNo: '191231235950123456789',
        amount: 1999,
        currency: 'CNY',
        paidAt: '2019-12-31T16:00:10.000Z',
      },
    });
  });

  it('the same notification again (a retry) gets the same eventId; A6 counts as paid', () => {
    const first = verify(request(paymentNotification(order(), signer)));
    const again = verify(request(paymentNotification(order(), signer)));
    expect(first.ok && again.ok && 'event' in first && 'event' in again && first.event.eventId === again.event.eventId).toBe(true);
    const a6 = signedMessage({ ...strip(paymentNotification(order(), signer)), respCode: 'A6' }, signer);
    expect(verify(request(a6))).toMatchObject({ ok: true, event: { providerStatus: 'A6', eventId: 'unionpay-191231235950123456789-01-A6' } });
  });

  it('bad_signature: a changed amount, a certificate from another CA, a signature by another key', () => {
    const tampered = { ...paymentNotification(order(), signer), txnAmt: '1' };
    expect(verify(request(tampered))).toMatchObject({ ok: false, reason: 'bad_signature', detail: expect.stringMatching(/does not verify/) });
    const foreign = paymentNotification(order(), { key: createPrivateKey(other.unionpay.keyPem), certPem: other.unionpay.certPem });
    expect(verify(request(foreign))).toMatchObject({ ok: false, reason: 'bad_signature', detail: expect.stringMatching(/middle certificate/) });
    const swapped = { ...paymentNotification(order(), { key: createPrivateKey(other.unionpay.keyPem), certPem: pki.unionpay.certPem }) };
    expect(verify(request(swapped))).toMatchObject({ ok: false, reason: 'bad_signature' });
    const unsigned = strip(paymentNotification(order(), signer));
    expect(verify(request(unsigned))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('wrong_merchant: genuine, but for another merId', () => {
    const elsewhere = paymentNotification({ ...order(), merId: '777290058119999' }, signer);
    expect(verify(request(elsewhere))).toMatchObject({ ok: false, reason: 'wrong_merchant' });
  });

  it('refund notifications (txnType 04): the payment from reqReserved; failed ones FAILED; one without reqReserved acknowledged', () => {
    const made = { orderId: 'R01JDQ0S5YJ2V3Q5D4Y7GM5XKZ', txnTime: '20200101000100', txnAmt: '500', origQryId: '191231235950123456789', queryId: '200101000100123456789', at: new Date() };
    const payNo = order().orderId;
    expect(verify(request(refundNotification(order(), { ...made, reqReserved: payNo }, signer)))).toEqual({
      ok: true,
      refund: {
        kind: 'refund',
        eventId: 'unionpay-200101000100123456789-04-00',
        payNo,
        refundNo: made.orderId,
        channel: 'unionpay',
        status: 'SUCCEEDED',
        providerStatus: '00',
        providerRefundNo: made.queryId,
        amount: 500,
        currency: 'CNY',
      },
    });
    expect(verify(request(refundNotification(order(), { ...made, reqReserved: payNo, respCode: '01' }, signer)))).toMatchObject({ ok: true, refund: { status: 'FAILED', providerStatus: '01' } });
    expect(verify(request(refundNotification(order(), made, signer)))).toMatchObject({ ok: true, acknowledged: expect.stringContaining('reqReserved') });
    // Tampered after signing: the amount, or the payment it names.
    const signed = refundNotification(order(), { ...made, reqReserved: payNo }, signer);
    expect(verify(request({ ...signed, txnAmt: '501' }))).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verify(request({ ...signed, reqReserved: 'P01JDQ0S5YJ2V3Q5D4Y7GM5XKA' }))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('malformed: content type, missing fields, repeated fields, undecodable bytes, bad times', () => {
    const good = paymentNotification(order(), signer);
    expect(verify(request(good, 'application/json'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify({ headers: { 'content-type': NOTIFY_CONTENT_TYPE }, rawBody: `${formBody(good)}&merId=1` })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verify({ headers: { 'content-type': NOTIFY_CONTENT_TYPE }, rawBody: `${formBody(good)}&x=%E6` })).toMatchObject({ ok: false, reason: 'malformed' });
    const { queryId: _, ...noQueryId } = good;
    expect(verify(request(noQueryId))).toMatchObject({ ok: false, reason: 'malformed', detail: 'missing queryId' });
    const badTrace = signedMessage({ ...strip(good), traceTime: '1399999999' }, signer);
    expect(verify(request(badTrace))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('the 2019 production notification is refused here: its CFCA chain is not the configured one', () => {
    // Its signature verifies (sign.test.ts); this config trusts the sandbox's root only.
    const vectors = JSON.parse(readFileSync('/work/shared/providers/vectors/unionpay/messages-2019.json', 'utf8'));
    expect(verifyCallback(config, request(vectors.consume), new Date('2019-01-16T09:06:00Z'))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('acknowledges with HTTP 200; anything else makes UnionPay retry', () => {
    expect(callbackReplies.accepted.statusCode).toBe(200);
    expect(callbackReplies.rejected.statusCode).not.toBe(200);
    expect(callbackReplies.retryLater.statusCode).not.toBe(200);
  });
});

function strip(message: Record<string, string>): Record<string, string> {
  const { signature: _s, signPubKeyCert: _c, signMethod: _m, ...rest } = message;
  return rest;
}
