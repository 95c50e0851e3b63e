/** verifyCallback's reasons, with notifications built by wechatpay-axios-plugin (an independent implementation). */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { wechatConfigSchema } from './config.ts';
import { verifyCallback } from './notify.ts';

const require = createRequire(import.meta.url);
const { Rsa, Formatter, Aes } = require('wechatpay-axios-plugin');

const pem = (pair: ReturnType<typeof generateKeyPairSync>) => ({
  private: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  public: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});
const platform = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }));
const forger = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }));
const merchant = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }));
const SERIAL = 'PUB_KEY_ID_0114000000000000000000000000';
const config = wechatConfigSchema.parse({
  mchid: '1900000109',
  appid: 'wxd678efh567hg6787',
  privateKey: merchant.private,
  merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  apiV3Key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
  platformKeys: { [SERIAL]: platform.public },
});
const now = new Date('2025-01-02T03:04:05Z');

function notification(opts: { transaction?: object; eventType?: string; key?: string; signer?: string; at?: Date; apiV3Key?: string } = {}) {
  const transaction = opts.transaction ?? {
    mchid: config.mchid,
    appid: config.appid,
    out_trade_no: 'P01JABCDEF',
    transaction_id: '4200000000202501020000000001',
    trade_state: 'SUCCESS',
    success_time: '2025-01-02T11:04:00+08:00',
    amount: { total: 1999, currency: 'CNY', payer_total: 1999 },
  };
  const nonce = 'fdasfjihihihlkja';
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2025-01-02T11:04:05+08:00',
    resource_type: 'encrypt-resource',
    event_type: opts.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: Aes.AesGcm.encrypt(JSON.stringify(transaction), opts.apiV3Key ?? config.apiV3Key, nonce.slice(0, 12), 'transaction'),
      associated_data: 'transaction',
      nonce: nonce.slice(0, 12),
    },
  });
  const ts = String(Math.floor((opts.at ?? now).getTime() / 1000));
  const signature = Rsa.sign(Formatter.response(ts, 'n0nce', body), Rsa.from(opts.signer ?? platform.private, Rsa.KEY_TYPE_PRIVATE));
  const headers = {
    'wechatpay-timestamp': ts,
    'wechatpay-nonce': 'n0nce',
    'wechatpay-signature': signature,
    'wechatpay-serial': opts.key ?? SERIAL,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
  return { headers, rawBody: body };
}

describe('wechat verifyCallback', () => {
  it('accepts a genuine TRANSACTION.SUCCESS and normalises it', () => {
    expect(verifyCallback(config, notification(), now)).toEqual({
      ok: true,
      event: {
        eventId: 'wechat-EV-2018022511223320873',
        payNo: 'P01JABCDEF',
        channel: 'wechat',
        status: 'SUCCEEDED',
        providerStatus: 'SUCCESS',
        providerTradeNo: '4200000000202501020000000001',
        amount: 1999,
        currency: 'CNY',
        paidAt: '2025-01-02T03:04:00.000Z',
        notifiedAt: '2025-01-02T03:04:05.000Z',
      },
    });
  });

  it('bad_signature: forged, unknown serial, probe, tampered body, wrong APIv3 key', () => {
    expect(verifyCallback(config, notification({ signer: forger.private }), now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyCallback(config, notification({ key: 'ABCDEF' }), now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    const n = notification();
    expect(verifyCallback(config, { ...n, headers: { ...n.headers, 'wechatpay-signature': `WECHATPAY/SIGNTEST/${n.headers['wechatpay-signature']}` } }, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyCallback(config, { ...n, rawBody: n.rawBody.replace('支付成功', '支付失败') }, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(verifyCallback(config, notification({ apiV3Key: 'ZYXWVUTSRQPONMLKJIHGFEDCBA543210' }), now)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('malformed: stale (> 300 s) or missing headers, a refund event carrying a transaction; unsupported: other events; wrong_merchant: other mchid or appid', () => {
    expect(verifyCallback(config, notification({ at: new Date(now.getTime() - 301_000) }), now)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCallback(config, notification({ at: new Date(now.getTime() - 299_000) }), now)).toMatchObject({ ok: true });
    expect(verifyCallback(config, { headers: {}, rawBody: notification().rawBody }, now)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCallback(config, notification({ eventType: 'REFUND.SUCCESS' }), now)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCallback(config, notification({ eventType: 'MCHTRANSFER.BILL.FINISHED' }), now)).toMatchObject({ ok: false, reason: 'unsupported' });
    const other = { mchid: '1900000999', appid: config.appid, out_trade_no: 'P1', trade_state: 'SUCCESS', amount: { total: 1 } };
    expect(verifyCallback(config, notification({ transaction: other }), now)).toMatchObject({ ok: false, reason: 'wrong_merchant' });
    expect(verifyCallback(config, notification({ transaction: { ...other, mchid: config.mchid, appid: 'wx0000' } }), now)).toMatchObject({ ok: false, reason: 'wrong_merchant' });
  });

  it('a combine order (合单) gives one event per paid sub-order, each with its own id; another merchant\'s is wrong_merchant', () => {
    const sub = (no: string, state: string, total: number) => ({
      mchid: config.mchid,
      trade_type: 'NATIVE',
      trade_state: state,
      attach: no,
      out_trade_no: no,
      ...(state === 'SUCCESS' ? { transaction_id: `42000${no}`, success_time: '2025-01-02T11:04:00+08:00' } : {}),
      amount: { total_amount: total, currency: 'CNY' },
    });
    const combine = { combine_appid: config.appid, combine_mchid: config.mchid, combine_out_trade_no: 'G01JCOMBINE', sub_orders: [sub('P1', 'SUCCESS', 100), sub('P2', 'SUCCESS', 250), sub('P3', 'NOTPAY', 50)] };
    const verdict = verifyCallback(config, notification({ transaction: combine }), now);
    expect(verdict).toMatchObject({ ok: true });
    const events = 'events' in verdict ? verdict.events : [];
    expect(events.map((e) => [e.eventId, e.payNo, e.amount, e.providerTradeNo, e.paidAt])).toEqual([
      ['wechat-EV-2018022511223320873-P1', 'P1', 100, '42000P1', '2025-01-02T03:04:00.000Z'],
      ['wechat-EV-2018022511223320873-P2', 'P2', 250, '42000P2', '2025-01-02T03:04:00.000Z'],
    ]);
    expect(verifyCallback(config, notification({ transaction: { ...combine, combine_mchid: '1900000999' } }), now)).toMatchObject({ ok: false, reason: 'wrong_merchant' });
    expect(verifyCallback(config, notification({ transaction: { ...combine, sub_orders: [{ ...sub('P1', 'SUCCESS', 1), mchid: '1900000999' }] } }), now)).toMatchObject({ ok: false, reason: 'wrong_merchant' });
    expect(verifyCallback(config, notification({ transaction: { ...combine, sub_orders: [sub('P3', 'NOTPAY', 50)] } }), now)).toMatchObject({ ok: true, acknowledged: expect.any(String) });
  });
});
