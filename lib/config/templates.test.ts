import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { alipay } from '../channels/alipay/index.ts';
import { balance } from '../channels/balance/index.ts';
import { paypal } from '../channels/paypal/index.ts';
import { channelMethods } from '../channels/registry.ts';
import { unionpay } from '../channels/unionpay/index.ts';
import { wechat } from '../channels/wechat/index.ts';
import { SECRET_FIELD_NAMES } from './secret-fields.ts';
import { modeOf, PAY_CONFIG_MODES, payTemplates, seedPayTemplates, templateOf, type PayTemplate } from './templates.ts';
import { sampleConfigs } from './testing.ts';

let samples: Awaited<ReturnType<typeof sampleConfigs>>;
beforeAll(async () => {
  samples = await sampleConfigs();
}, 30_000);

const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
ajv.addKeyword('x-secret');

describe('pay config templates', () => {
  it('exist for every channel and mode', () => {
    expect(payTemplates().map((t) => `${t.channel}/${t.mode}`)).toEqual([
      'alipay/direct',
      'alipay/isv',
      'wechat/direct',
      'wechat/partner',
      'unionpay/direct',
      'paypal/direct',
    ]);
    // Every provider channel has a direct template; the internal one (balance.transfer) takes no pay config.
    const channels = new Set(channelMethods.map((m) => m.split('.')[0]).filter((c) => c !== balance.name));
    expect(balance.internal).toBe(true);
    for (const channel of channels) expect(modeOf(channel!, 'direct'), channel).toBeDefined();
  });

  it('mark the channels’ own secret fields in every mode, and every secret in the logger’s list', () => {
    for (const channel of [alipay, wechat, unionpay, paypal]) {
      const modes = PAY_CONFIG_MODES.filter((m) => m.channel === channel.name);
      expect(new Set(modes.flatMap((m) => m.secretFields)), channel.name).toEqual(new Set(channel.secretFields));
    }
    expect(new Set(SECRET_FIELD_NAMES)).toEqual(new Set(PAY_CONFIG_MODES.flatMap((m) => m.secretFields)));
  });

  it('name the required and secret fields of each mode', () => {
    const byName = Object.fromEntries(payTemplates().map((t) => [`${t.channel}/${t.mode}`, t]));
    const shape = (t: PayTemplate) => ({ required: t.required, secret: t.secretFields });
    expect(shape(byName['alipay/direct']!)).toEqual({ required: ['appId', 'privateKey', 'alipayPublicKey'], secret: ['privateKey'] });
    expect(shape(byName['alipay/isv']!)).toEqual({ required: ['mode', 'appId', 'privateKey', 'alipayPublicKey', 'appAuthToken'], secret: ['privateKey', 'appAuthToken'] });
    expect(shape(byName['wechat/direct']!)).toEqual({
      required: ['mchid', 'appid', 'privateKey', 'merchantSerial', 'apiV3Key', 'platformKeys'],
      secret: ['privateKey', 'apiV3Key'],
    });
    expect(shape(byName['wechat/partner']!)).toEqual({
      required: ['privateKey', 'merchantSerial', 'apiV3Key', 'platformKeys', 'mode', 'spMchid', 'spAppid', 'subMchid'],
      secret: ['privateKey', 'apiV3Key'],
    });
    expect(shape(byName['unionpay/direct']!)).toEqual({ required: ['merId', 'signPrivateKey', 'signCert', 'rootCert', 'middleCert'], secret: ['signPrivateKey'] });
    expect(shape(byName['paypal/direct']!)).toEqual({ required: ['clientId', 'clientSecret', 'webhookId'], secret: ['clientSecret'] });

    const partner = byName['wechat/partner']!.schema as { properties: Record<string, Record<string, unknown>> };
    expect(partner.properties.apiV3Key).toMatchObject({ type: 'string', writeOnly: true, 'x-secret': true });
    expect(partner.properties.spMchid).toMatchObject({ type: 'string', description: "The service provider's 商户号 (sp_mchid)" });
    expect(partner.properties.mode).toEqual({ type: 'string', const: 'partner' });
    expect(partner.properties.merchantSerial!['x-secret']).toBeUndefined();
    // Fields with a default are optional to a writer.
    expect(byName['paypal/direct']!.schema).toMatchObject({ properties: { baseUrl: { default: 'https://api-m.paypal.com' } } });
  });

  it('accept and refuse what the schema accepts and refuses (structure: presence, types, patterns, mode)', () => {
    for (const definition of PAY_CONFIG_MODES) {
      const name = `${definition.channel}/${definition.mode}`;
      const template = ajv.compile(templateOf(definition).schema);
      const sample = samples[name]!;
      const agree = (config: Record<string, unknown>, expected: boolean, what: string) => {
        expect(definition.schema.safeParse(config).success, `schema, ${name}: ${what}`).toBe(expected);
        expect(template(config), `template, ${name}: ${what}`).toBe(expected);
      };
      agree(sample, true, 'the sample');
      for (const field of Object.keys(sample)) {
        const { [field]: _removed, ...without } = sample;
        agree(without, !templateOf(definition).required.includes(field), `without ${field}`);
        agree({ ...sample, [field]: 42 }, false, `${field} a number`);
      }
      for (const other of PAY_CONFIG_MODES.filter((m) => m.channel === definition.channel && m.mode !== definition.mode)) {
        agree({ ...sample, mode: other.mode }, false, `mode ${other.mode}`);
      }
    }
    // A numeric id's pattern and an APIv3 key's length are in the template too.
    const wechatDirect = ajv.compile(templateOf(modeOf('wechat', 'direct')!).schema);
    expect(wechatDirect({ ...samples['wechat/direct'], mchid: '19x' })).toBe(false);
    expect(wechatDirect({ ...samples['wechat/direct'], apiV3Key: 'short' })).toBe(false);
  });

  it('leave to the schema the checks JSON Schema cannot state: a key that must parse', () => {
    const definition = modeOf('alipay', 'direct')!;
    const badKey = { ...samples['alipay/direct'], privateKey: 'not a key' };
    expect(ajv.compile(templateOf(definition).schema)(badKey)).toBe(true);
    expect(definition.schema.safeParse(badKey).success).toBe(false);
  });

  it('are seeded idempotently: only a changed template is rewritten', async () => {
    const stored = new Map<string, PayTemplate>();
    const store = {
      putTemplate: async (t: PayTemplate) => {
        const key = `${t.channel}/${t.mode}`;
        if (stored.get(key)?.version === t.version) return false;
        stored.set(key, t);
        return true;
      },
      getTemplate: async (channel: string, mode: string) => stored.get(`${channel}/${mode}`),
      listTemplates: async () => [...stored.values()],
    };
    expect((await seedPayTemplates(store)).written).toHaveLength(6);
    expect(await seedPayTemplates(store)).toEqual({ written: [], unchanged: payTemplates().map((t) => `${t.channel}/${t.mode}`) });
    stored.set('paypal/direct', { ...stored.get('paypal/direct')!, version: 'old' });
    expect((await seedPayTemplates(store)).written).toEqual(['paypal/direct']);
  });
});
