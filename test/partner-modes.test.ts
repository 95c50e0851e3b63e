/**
 * Service-provider modes end to end on the local stack: a merchant's pay config in Alipay ISV mode
 * (the ISV's app, a sub-merchant's app_auth_token) and in WeChat Pay 服务商 mode (sp_mchid for
 * sub_mchid), written as the admin path writes configs (validated, secrets sealed); then create →
 * the buyer pays in the sandbox → the provider's signed callback → SUCCEEDED → refund.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { validatePayConfig } from '../lib/config/validate-pay-config.ts';
import { LocalKeyProvider } from '../lib/crypto/local-key.ts';
import { newPayId } from '../lib/domain/ids.ts';
import { DynamoConfigWriter } from '../lib/store/dynamodb/config-writes.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../infra/local/target.ts';
import { eventually, paymentOf } from './support/callbacks.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

const sandboxes = target().sandbox;

async function sandbox(url: string, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A pay config written as infra/local/merchants.ts writes one: validatePayConfig, then the sealed write. */
async function putPayConfig(merchant: Merchant, channel: string, config: Record<string, unknown>): Promise<string> {
  const t = target();
  if (!t.secrets || !('localKey' in t.secrets)) throw new Error('this test writes configs with the local secrets key');
  const writer = new DynamoConfigWriter({
    client: DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(t, 'dynamodb'))),
    tableName: t.tableName,
    keys: new LocalKeyProvider(t.secrets.localKey),
  });
  const payId = newPayId();
  await writer.putPayConfig(validatePayConfig({ payId, companyId: merchant.companyId, channel, config }));
  return payId;
}

/** Create → pay in the sandbox → SUCCEEDED → a partial refund SUCCEEDED, the payment PARTIALLY_REFUNDED. */
async function payAndRefund(merchant: Merchant, payId: string, method: string, pay: (payNo: string) => Promise<unknown>) {
  const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ method, payId, amount: 1999 }) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { payNo } = created.body as { payNo: string };
  await pay(payNo);
  const paid = await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
  expect(paid).toMatchObject({ payId, providerTradeNo: expect.any(String), refundableAmount: 1999 });

  const refund = await call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body: { amount: 500 } });
  expect(refund.status, JSON.stringify(refund.body)).toBe(201);
  const refundNo = (refund.body as { refundNo: string }).refundNo;
  await eventually(
    async () => (await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}/refunds`)).body.data.find((r: { refundNo: string }) => r.refundNo === refundNo),
    (r) => r?.status === 'SUCCEEDED',
  );
  expect(await paymentOf(merchant, payNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundableAmount: 1499 });
  return payNo;
}

describe.skipIf(!sandboxes)('service-provider modes', () => {
  let merchant: Merchant;
  beforeAll(async () => {
    merchant = await newMerchant('partner-modes');
  });

  it('Alipay ISV: the ISV app calls with the sub-merchant’s app_auth_token; its notify is the sub-merchant’s', { timeout: 60_000 }, async () => {
    // The merchant's registered app plays the ISV's; a sub-merchant authorises it.
    const grant = await sandbox(sandboxes!.alipay.url, '/sandbox/app-auth-tokens', { appId: merchant.alipay.appId });
    const payId = await putPayConfig(merchant, 'alipay', {
      mode: 'isv',
      appId: merchant.alipay.appId,
      privateKey: merchant.alipay.privateKeyPem,
      alipayPublicKey: sandboxes!.alipay.publicKeyPem,
      gatewayUrl: sandboxes!.alipay.gatewayUrl,
      appAuthToken: grant.appAuthToken,
      sellerId: grant.sellerId,
      authAppId: grant.authAppId,
    });
    const payNo = await payAndRefund(merchant, payId, 'alipay.qr', (no) => sandbox(sandboxes!.alipay.url, `/sandbox/trades/${no}/pay`, { sellerId: grant.sellerId }));
    // The trade is the sub-merchant's at Alipay, not the ISV app's own.
    const trade = await (await fetch(`${sandboxes!.alipay.url}/sandbox/trades/${payNo}`)).json();
    expect(trade).toMatchObject({ appId: merchant.alipay.appId, sellerId: grant.sellerId, authAppId: grant.authAppId });
  });

  it.skipIf(!sandboxes?.wechat)('WeChat Pay 服务商: partner APIs for the sub-merchant; notifications under the service provider’s keys', { timeout: 60_000 }, async () => {
    const { payeeConfig, subMchid } = await sandbox(sandboxes!.wechat!.url, '/sandbox/merchants', { partner: true });
    expect(payeeConfig).toMatchObject({ mode: 'partner', subMchid });
    const payId = await putPayConfig(merchant, 'wechat', payeeConfig);
    await payAndRefund(merchant, payId, 'wechat.native', (no) => sandbox(sandboxes!.wechat!.url, `/sandbox/trades/${no}/pay`, { mchid: subMchid }));
  });
});
