import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequest } from '../domain/errors.ts';
import { sampleConfigs } from './testing.ts';
import { validatePayConfig, type PayConfigInput } from './validate-pay-config.ts';

let samples: Awaited<ReturnType<typeof sampleConfigs>>;
beforeAll(async () => {
  samples = await sampleConfigs();
}, 30_000);

const input = (channel: string, config: unknown): PayConfigInput => ({ payId: 'PC1', companyId: 'CO1', channel, config });

function refusal(channel: string, config: unknown) {
  try {
    validatePayConfig(input(channel, config));
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequest);
    const { code, message, param } = err as InvalidRequest;
    return { code, message, param };
  }
  throw new Error('accepted');
}

describe('validatePayConfig', () => {
  it('accepts every sample, names its mode and secret fields, fills in defaults', () => {
    for (const [name, config] of Object.entries(samples)) {
      const [channel, mode] = name.split('/');
      const valid = validatePayConfig(input(channel!, config));
      expect(valid.mode).toBe(mode);
      expect(valid.status).toBe('ACTIVE');
      expect(valid.secretFields.length).toBeGreaterThan(0);
    }
    expect(validatePayConfig(input('paypal', samples['paypal/direct'])).config.baseUrl).toBe('https://api-m.paypal.com');
  });

  it('names a missing field', () => {
    const { privateKey: _missing, ...config } = samples['alipay/direct']!;
    expect(refusal('alipay', config)).toEqual({ code: 'parameter_missing', message: 'config.privateKey is required', param: 'config.privateKey' });
    const { subMchid: _sub, ...partner } = samples['wechat/partner']!;
    expect(refusal('wechat', partner)).toMatchObject({ code: 'parameter_missing', param: 'config.subMchid' });
  });

  it('names a wrong-typed field, nested ones by their path', () => {
    expect(refusal('wechat', { ...samples['wechat/direct'], apiV3Key: 32 })).toEqual({
      code: 'parameter_invalid',
      message: 'config.apiV3Key must be a string',
      param: 'config.apiV3Key',
    });
    expect(refusal('wechat', { ...samples['wechat/direct'], platformKeys: { PUB_KEY_ID_1: 7 } })).toMatchObject({ param: 'config.platformKeys.PUB_KEY_ID_1' });
    expect(refusal('unionpay', { ...samples['unionpay/direct'], validateCnName: 'no' })).toMatchObject({ param: 'config.validateCnName', message: 'config.validateCnName must be a boolean' });
  });

  it('names a field its own checks refuse, without echoing the value', () => {
    const refused = refusal('alipay', { ...samples['alipay/direct'], privateKey: 'MIIsecretish' });
    expect(refused).toMatchObject({ code: 'parameter_invalid', param: 'config.privateKey' });
    expect(refused.message).not.toContain('MIIsecretish');
    expect(refusal('wechat', { ...samples['wechat/direct'], mchid: '19x' })).toMatchObject({ code: 'parameter_invalid', param: 'config.mchid' });
  });

  it('refuses an unknown channel, mode or field, and a config that is not an object', () => {
    expect(refusal('bitcoin', {})).toMatchObject({ param: 'channel' });
    expect(refusal('alipay', undefined)).toMatchObject({ code: 'parameter_missing', param: 'config' });
    expect(refusal('alipay', 'x')).toMatchObject({ code: 'parameter_invalid', param: 'config' });
    expect(refusal('wechat', { ...samples['wechat/partner'], mode: 'isv' })).toMatchObject({ param: 'config.mode', message: 'config.mode must be one of direct, partner for wechat' });
    // An ISV token without mode "isv" would otherwise become a direct config, token dropped.
    const { mode: _mode, ...isvWithoutMode } = samples['alipay/isv']!;
    expect(refusal('alipay', isvWithoutMode)).toMatchObject({ code: 'parameter_unknown', param: 'config.appAuthToken' });
  });
});
