/**
 * The test plays Alipay: builds a trade_status_sync notify and signs it (rsaCheckV1 content:
 * every field but sign and sign_type, sorted, k=v joined by &; SHA256withRSA), with node:crypto
 * only — independent of payee's channel code.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Merchant } from '../../infra/local/merchants.ts';

export function alipayKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const gmt8 = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export function notifyFields(merchant: Merchant, payment: { payNo: string; amount: number }, overrides: Record<string, string> = {}) {
  const now = new Date();
  const yuan = (payment.amount / 100).toFixed(2);
  return {
    notify_time: gmt8(now),
    notify_type: 'trade_status_sync',
    notify_id: randomBytes(16).toString('hex'),
    app_id: merchant.alipay.appId,
    charset: 'utf-8',
    version: '1.0',
    trade_no: `${gmt8(now).slice(0, 10).replaceAll('-', '')}22001468450512505578`.slice(0, 28),
    out_trade_no: payment.payNo,
    trade_status: 'TRADE_SUCCESS',
    total_amount: yuan,
    receipt_amount: yuan,
    buyer_pay_amount: yuan,
    gmt_create: gmt8(now),
    gmt_payment: gmt8(now),
    seller_id: merchant.alipay.sellerId,
    buyer_id: '2088102534368455',
    subject: 'T-shirt',
    ...overrides,
  };
}

export function signNotify(fields: Record<string, string>, alipayPrivateKeyPem: string): string {
  const content = Object.keys(fields)
    .filter((k) => k !== 'sign' && k !== 'sign_type' && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  const sign = createSign('RSA-SHA256').update(content, 'utf8').sign(alipayPrivateKeyPem, 'base64');
  return new URLSearchParams({ ...fields, sign_type: 'RSA2', sign }).toString();
}
