import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { KMS_KEY_ENV, keyProviderFromEnv, LOCAL_KEY_ENV } from './key-provider.ts';
import { newLocalKey } from './local-key.ts';

describe('keyProviderFromEnv', () => {
  it('takes the local key where the local stack sets one, KMS where the stack names its key', () => {
    expect(keyProviderFromEnv(SignatureV4, { [LOCAL_KEY_ENV]: newLocalKey(), [KMS_KEY_ENV]: 'k' }).name).toBe('local');
    expect(keyProviderFromEnv(SignatureV4, { [KMS_KEY_ENV]: 'alias/payee/demo/pay-config-secrets', AWS_REGION: 'cn-north-1' }).name).toBe('kms');
  });

  it('refuses a runtime with neither, and KMS without a region', () => {
    expect(() => keyProviderFromEnv(SignatureV4, {})).toThrow(/neither PAYEE_LOCAL_SECRETS_KEY nor SECRETS_KEY_ID/);
    expect(() => keyProviderFromEnv(SignatureV4, { [KMS_KEY_ENV]: 'k' })).toThrow(/AWS_REGION/);
  });

  it('signs KMS calls with the credentials Lambda puts in the environment, and says when there are none', async () => {
    const kms = keyProviderFromEnv(SignatureV4, { [KMS_KEY_ENV]: 'k', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_KMS: 'http://127.0.0.1:9' });
    await expect(kms.generateDataKey({ payId: 'PC1' })).rejects.toThrow('no AWS credentials in the environment');
  });
});
