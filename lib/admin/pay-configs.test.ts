// The admin pay config operations over an in-memory store that seals like the real one: validation
// naming the field, redacted output, a replace keeping the secrets sent back as {"hasValue": true}.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidatedPayConfig } from '../config/validate-pay-config.ts';
import { sampleConfigs } from '../config/testing.ts';
import { openSecrets, sealSecrets, type WrappedDataKey } from '../crypto/envelope.ts';
import { LocalKeyProvider } from '../crypto/local-key.ts';
import { createPayConfig, disablePayConfig, getPayConfig, listPayConfigs, replacePayConfig, type PayConfigAdminStore, type StoredPayConfig } from './pay-configs.ts';

const keys = new LocalKeyProvider(randomBytes(32).toString('base64'));

class MemoryStore implements PayConfigAdminStore {
  readonly items = new Map<string, StoredPayConfig & { dataKey: WrappedDataKey }>();
  async getStored(payId: string) {
    const item = this.items.get(payId);
    if (!item) return undefined;
    const { dataKey: _key, ...stored } = item;
    return stored;
  }
  async getOpened(payId: string) {
    const item = this.items.get(payId);
    if (!item) return undefined;
    const { dataKey, ...stored } = item;
    return { ...stored, config: await openSecrets(keys, { payId }, stored.config as Record<string, unknown>, dataKey) };
  }
  async listStored(companyId: string) {
    const mine = [...this.items.values()].filter((item) => item.companyId === companyId);
    return Promise.all(mine.map(async (item) => (await this.getStored(item.payId))!));
  }
  async put(input: ValidatedPayConfig, write: 'create' | 'replace') {
    const current = this.items.get(input.payId);
    if ((write === 'create') === !!current) throw new Error(`${write} of ${input.payId}: ${current ? 'exists' : 'missing'}`);
    const { fields: config, dataKey } = await sealSecrets(keys, { payId: input.payId }, input.config, input.secretFields);
    const { payId, companyId, channel, mode, status } = input;
    this.items.set(payId, { payId, companyId, channel, mode, status, config, dataKey, createdAt: current?.createdAt ?? 'then', updatedAt: 'now' });
  }
  async setStatus(payId: string, status: 'ACTIVE' | 'DISABLED') {
    const item = this.items.get(payId);
    if (item) item.status = status;
    return !!item;
  }
}

let samples: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  samples = await sampleConfigs();
});

const deps = (store = new MemoryStore(), companies = ['C1']) => {
  let n = 0;
  return { configs: store, companyExists: async (id: string) => companies.includes(id), newPayId: () => `cfg_${++n}` };
};

describe('admin pay configs', () => {
  it('creates a validated config and returns it redacted, mode taken from beside the config', async () => {
    const d = deps();
    const view = await createPayConfig(d, 'C1', { channel: 'wechat', mode: 'partner', config: { ...samples['wechat/partner'], mode: undefined } });
    expect(view).toMatchObject({ payId: 'cfg_1', channel: 'wechat', mode: 'partner', status: 'ACTIVE', config: { privateKey: { hasValue: true }, apiV3Key: { hasValue: true } } });
    expect(JSON.stringify(view)).not.toContain(String(samples['wechat/partner']!.apiV3Key));
    expect(await getPayConfig(d, 'cfg_1')).toEqual(view);
    expect(await listPayConfigs(d, 'C1')).toEqual({ data: [view] });
  });

  it('names the field at fault and stores nothing', async () => {
    const d = deps();
    const { clientSecret: _missing, ...noSecret } = samples['paypal/direct']!;
    await expect(createPayConfig(d, 'C1', { channel: 'paypal', config: noSecret })).rejects.toMatchObject({ code: 'parameter_missing', param: 'config.clientSecret' });
    await expect(createPayConfig(d, 'C1', { channel: 'paypal', config: { ...samples['paypal/direct'], webhookId: 1 } })).rejects.toMatchObject({ param: 'config.webhookId' });
    await expect(createPayConfig(d, 'C1', { channel: 'alipay', mode: 'isv', config: { ...samples['alipay/direct'], mode: 'direct' } })).rejects.toMatchObject({ param: 'mode' });
    await expect(createPayConfig(d, 'C9', { channel: 'paypal', config: samples['paypal/direct'] })).rejects.toMatchObject({ type: 'not_found', param: 'companyId' });
    expect(d.configs.items.size).toBe(0);
  });

  it('replaces keeping the secrets sent as {"hasValue": true}, and refuses one that has no value to keep', async () => {
    const d = deps();
    const created = await createPayConfig(d, 'C1', { channel: 'alipay', config: samples['alipay/direct'] });
    const replaced = await replacePayConfig(d, created.payId, { config: { ...created.config, sellerId: '2088000000000999' } });
    expect(replaced.config).toMatchObject({ sellerId: '2088000000000999', privateKey: { hasValue: true } });
    expect((await d.configs.getOpened(created.payId))!.config).toMatchObject({ privateKey: samples['alipay/direct']!.privateKey, sellerId: '2088000000000999' });
    await expect(replacePayConfig(d, created.payId, { config: { ...created.config, mode: 'isv', appAuthToken: { hasValue: true } } })).rejects.toMatchObject({
      param: 'config.appAuthToken',
    });
    await expect(replacePayConfig(d, 'cfg_none', { config: created.config })).rejects.toMatchObject({ type: 'not_found', param: 'payId' });
  });

  it('disables', async () => {
    const d = deps();
    const created = await createPayConfig(d, 'C1', { channel: 'paypal', config: samples['paypal/direct'] });
    expect(await disablePayConfig(d, created.payId)).toMatchObject({ status: 'DISABLED' });
    await expect(disablePayConfig(d, 'cfg_none')).rejects.toMatchObject({ type: 'not_found' });
  });
});
