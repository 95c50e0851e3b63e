/**
 * Pay configs on a running deployment: provisioned configs hold their secrets sealed in the table
 * (ARCHITECTURE §3), the functions open them (payments still work end to end), templates are
 * seeded, and the write path validates before it writes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { clientConfig, SANDBOX_CHANNELS } from '../infra/local/target.ts';
import { payTemplates } from '../lib/config/templates.ts';
import { validatePayConfig } from '../lib/config/validate-pay-config.ts';
import { LocalKeyProvider } from '../lib/crypto/local-key.ts';
import { newPayId } from '../lib/domain/ids.ts';
import { DynamoConfigStore } from '../lib/store/dynamodb/config-store.ts';
import { DynamoConfigWriter } from '../lib/store/dynamodb/config-writes.ts';
import { DynamoTemplateStore } from '../lib/store/dynamodb/template-store.ts';
import { eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { call, companyItems, newMerchant, sampleBody, target } from './support/target.ts';

const SECRET_FIELDS: Record<string, string[]> = { alipay: ['privateKey'], wechat: ['privateKey', 'apiV3Key'], unionpay: ['signPrivateKey'], paypal: ['clientSecret'] };
const localKey = (() => {
  const secrets = target().secrets;
  return secrets && 'localKey' in secrets ? secrets.localKey : undefined;
})();
const db = () => ({
  client: DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(target(), 'dynamodb')), { marshallOptions: { removeUndefinedValues: true } }),
  tableName: target().tableName,
});

let merchant: Merchant;
let configItems: Record<string, unknown>[];
beforeAll(async () => {
  merchant = await newMerchant('pay-configs');
  configItems = (await companyItems(merchant.companyId)).filter((i) => i.entity === 'payConfig');
});

describe('a provisioned merchant’s pay configs', () => {
  it('hold no secret in clear: each secret field sealed, the data key wrapped', () => {
    const channels = ['alipay', ...SANDBOX_CHANNELS.filter((c) => target().sandbox?.[c])];
    expect(configItems.map((i) => i.channel).sort()).toEqual(channels.sort());
    for (const item of configItems) {
      const config = item.config as Record<string, unknown>;
      for (const field of SECRET_FIELDS[item.channel as string]!) {
        expect(config[field], `${item.channel}.${field}`).toEqual({ enc: 'v1', iv: expect.any(String), ct: expect.any(String), tag: expect.any(String) });
      }
      expect(item.dataKey).toEqual({ provider: localKey ? 'local' : 'kms', wrapped: expect.any(String) });
      expect(JSON.stringify(item)).not.toMatch(/PRIVATE KEY/);
    }
    // The merchant's own Alipay app key: not a line of it anywhere in the company's items.
    const everything = JSON.stringify(configItems);
    for (const line of merchant.alipay.privateKeyPem.split('\n').filter((l) => l.length > 20)) expect(everything).not.toContain(line);
    // Non-secret fields stay readable for admin clients.
    expect(configItems.find((i) => i.channel === 'alipay')!.config).toMatchObject({ appId: merchant.alipay.appId, sellerId: merchant.alipay.sellerId });
  });

  it.skipIf(!target().sandbox)('still pay end to end: Alipay create + the buyer pays → SUCCEEDED', async () => {
    const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/PRIVATE KEY|"enc":"v1"/);
    await sandboxPost(`/sandbox/trades/${created.body.payNo}/pay`);
    const paid = await eventually(() => paymentOf(merchant, created.body.payNo), (p) => p.status === 'SUCCEEDED', 15_000);
    expect(paid.providerTradeNo).toEqual(expect.any(String));
  });

  it.skipIf(!target().sandbox?.wechat)('sign WeChat Pay requests with the opened key', async () => {
    const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ method: 'wechat.native', payId: merchant.payIds.wechat }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.action.type).toBe('qr_code');
  });
});

describe('templates', () => {
  it('are seeded for every channel and mode, as generated', async () => {
    const stored = await new DynamoTemplateStore(db()).listTemplates();
    const byName = (ts: { channel: string; mode: string }[]) => ts.map((t) => `${t.channel}/${t.mode}`).sort();
    expect(byName(stored)).toEqual(byName(payTemplates()));
    expect(await new DynamoTemplateStore(db()).getTemplate('wechat', 'partner')).toEqual(payTemplates().find((t) => t.mode === 'partner'));
  });
});

describe.skipIf(!localKey)('the write path', () => {
  const store = () => new DynamoConfigStore({ ...db(), keys: new LocalKeyProvider(localKey!) });
  const writer = () => new DynamoConfigWriter({ ...db(), keys: new LocalKeyProvider(localKey!) });
  const alipayConfig = () => ({
    appId: merchant.alipay.appId,
    privateKey: merchant.alipay.privateKeyPem,
    alipayPublicKey: merchant.alipay.publicKeyPem,
  });

  it('writes a new config sealed, reads it back in clear, and refuses the same payId twice', async () => {
    const payId = newPayId();
    const valid = validatePayConfig({ payId, companyId: merchant.companyId, channel: 'alipay', config: alipayConfig() });
    await writer().putPayConfig(valid);
    expect((await store().getPayConfig(payId))!.config).toMatchObject(alipayConfig());
    await expect(writer().putPayConfig(valid)).rejects.toMatchObject({ type: 'conflict', code: 'pay_config_exists', param: 'payId' });

    // Replaced: a fresh data key; the config of another company or channel is not replaced.
    const before = (await companyItems(merchant.companyId)).find((i) => i.payId === payId)!;
    await writer().putPayConfig({ ...valid, status: 'DISABLED' }, 'replace');
    const after = (await companyItems(merchant.companyId)).find((i) => i.payId === payId)!;
    expect(after).toMatchObject({ status: 'DISABLED', createdAt: before.createdAt });
    expect((after.dataKey as { wrapped: string }).wrapped).not.toBe((before.dataKey as { wrapped: string }).wrapped);
    await expect(writer().putPayConfig({ ...valid, companyId: 'CO_other' }, 'replace')).rejects.toMatchObject({ type: 'not_found', param: 'payId' });
  });

  it('validates first: a missing or wrong-typed field is a 400 naming it, and nothing is written', async () => {
    const payId = newPayId();
    const { privateKey: _missing, ...withoutKey } = alipayConfig();
    expect(() => validatePayConfig({ payId, companyId: merchant.companyId, channel: 'alipay', config: withoutKey })).toThrow(
      expect.objectContaining({ type: 'invalid_request', code: 'parameter_missing', param: 'config.privateKey' }),
    );
    expect(() => validatePayConfig({ payId, companyId: merchant.companyId, channel: 'alipay', config: { ...alipayConfig(), appId: 2021 } })).toThrow(
      expect.objectContaining({ type: 'invalid_request', code: 'parameter_invalid', param: 'config.appId' }),
    );
    expect((await companyItems(merchant.companyId)).some((i) => i.payId === payId)).toBe(false);
  });
});
