import { describe, expect, it } from 'vitest';
import { isSealedSecret, openConfig, openField, sealConfig, type KeyProvider } from './envelope.ts';
import { LocalKeyProvider, newLocalKey } from './local-key.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const config = { appId: '2021000000000001', privateKey: PEM, apiV3Key: 'k'.repeat(32), gatewayUrl: 'https://gw.test' };
const secrets = ['privateKey', 'apiV3Key'];

/** Counts unwraps, to see the data-key cache at work. */
function counting(inner: KeyProvider) {
  const calls = { unwrap: 0 };
  const provider: KeyProvider = {
    name: inner.name,
    generateDataKey: (payId) => inner.generateDataKey(payId),
    unwrapDataKey: (payId, wrapped) => {
      calls.unwrap++;
      return inner.unwrapDataKey(payId, wrapped);
    },
  };
  return { provider, calls };
}

describe('envelope encryption of pay config secrets', () => {
  const keys = new LocalKeyProvider(newLocalKey());

  it('seals only the secret fields and opens them back', async () => {
    const sealed = await sealConfig(keys, 'PC1', config, secrets);
    expect(sealed.config.appId).toBe(config.appId);
    expect(sealed.config.gatewayUrl).toBe(config.gatewayUrl);
    for (const field of secrets) {
      expect(isSealedSecret(sealed.config[field])).toBe(true);
      expect(Buffer.from((sealed.config[field] as { iv: string }).iv, 'base64')).toHaveLength(12);
    }
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(stored).not.toContain(config.apiV3Key);
    expect(sealed.dataKey.provider).toBe('local');
    expect(await openConfig(keys, 'PC1', sealed.config, sealed.dataKey)).toEqual(config);
  });

  it('draws a fresh data key and fresh IVs on every write', async () => {
    const a = await sealConfig(keys, 'PC1', config, secrets);
    const b = await sealConfig(keys, 'PC1', config, secrets);
    expect(a.dataKey.wrapped).not.toBe(b.dataKey.wrapped);
    expect(a.config.privateKey).not.toEqual(b.config.privateKey);
  });

  it('refuses a ciphertext moved to another field or another config', async () => {
    const sealed = await sealConfig(keys, 'PC1', config, secrets);
    const swapped = { ...sealed.config, privateKey: sealed.config.apiV3Key, apiV3Key: sealed.config.privateKey };
    await expect(openConfig(keys, 'PC1', swapped, sealed.dataKey)).rejects.toThrow(/secret privateKey of pay config PC1 does not open/);
    // Another config's data key does not unwrap under this payId (context bound), even with its ciphertexts.
    await expect(openConfig(keys, 'PC2', sealed.config, sealed.dataKey)).rejects.toThrow(/does not unwrap/);
    const key = await keys.unwrapDataKey('PC1', sealed.dataKey.wrapped);
    expect(() => openField(key, 'PC2', 'privateKey', sealed.config.privateKey as never)).toThrow(/does not open/);
  });

  it('refuses a tampered ciphertext, and never echoes it', async () => {
    const sealed = await sealConfig(keys, 'PC1', config, secrets);
    const secret = sealed.config.apiV3Key as { ct: string };
    const flipped = Buffer.from(secret.ct, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = { ...sealed.config, apiV3Key: { ...secret, ct: flipped.toString('base64') } };
    const err = await openConfig(keys, 'PC1', tampered, sealed.dataKey).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain(flipped.toString('base64'));
  });

  it('refuses another local key and another provider', async () => {
    const sealed = await sealConfig(keys, 'PC9', config, secrets);
    await expect(openConfig(new LocalKeyProvider(newLocalKey()), 'PC9', sealed.config, sealed.dataKey)).rejects.toThrow(/does not unwrap/);
    const kms = { ...keys, name: 'kms', generateDataKey: keys.generateDataKey, unwrapDataKey: keys.unwrapDataKey };
    await expect(openConfig(kms, 'PC9', sealed.config, sealed.dataKey)).rejects.toThrow(/sealed by the local key provider/);
  });

  it('unwraps a data key once per (payId, wrapped key)', async () => {
    const { provider, calls } = counting(keys);
    const sealed = await sealConfig(provider, 'PC3', config, secrets);
    await openConfig(provider, 'PC3', sealed.config, sealed.dataKey);
    await openConfig(provider, 'PC3', sealed.config, sealed.dataKey);
    expect(calls.unwrap).toBe(1);
    const rewritten = await sealConfig(provider, 'PC3', config, secrets);
    await openConfig(provider, 'PC3', rewritten.config, rewritten.dataKey);
    expect(calls.unwrap).toBe(2);
  });

  it('rejects a non-string secret and a malformed local key', async () => {
    await expect(sealConfig(keys, 'PC1', { privateKey: 42 }, ['privateKey'])).rejects.toThrow(/must be a string/);
    expect(() => new LocalKeyProvider(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
