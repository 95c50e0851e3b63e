import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealedSecret, openField, openSecrets, sealSecrets, type KeyProvider } from './envelope.ts';
import { LocalKeyProvider, newLocalKey } from './local-key.ts';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const config = { appId: '2021000000000001', privateKey: PEM, apiV3Key: 'k'.repeat(32), gatewayUrl: 'https://gw.test' };
const secrets = ['privateKey', 'apiV3Key'];

/** Counts unwraps, to see the data-key cache at work. */
function counting(inner: KeyProvider) {
  const calls = { unwrap: 0 };
  const provider: KeyProvider = {
    name: inner.name,
    generateDataKey: (owner) => inner.generateDataKey(owner),
    unwrapDataKey: (owner, wrapped) => {
      calls.unwrap++;
      return inner.unwrapDataKey(owner, wrapped);
    },
  };
  return { provider, calls };
}

describe('envelope encryption of secrets', () => {
  const keys = new LocalKeyProvider(newLocalKey());

  it('seals only the secret fields and opens them back', async () => {
    const sealed = await sealSecrets(keys, { payId: 'PC1' }, config, secrets);
    expect(sealed.fields.appId).toBe(config.appId);
    expect(sealed.fields.gatewayUrl).toBe(config.gatewayUrl);
    for (const field of secrets) {
      expect(isSealedSecret(sealed.fields[field])).toBe(true);
      expect(Buffer.from((sealed.fields[field] as { iv: string }).iv, 'base64')).toHaveLength(12);
    }
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
    expect(stored).not.toContain(config.apiV3Key);
    expect(sealed.dataKey.provider).toBe('local');
    expect(await openSecrets(keys, { payId: 'PC1' }, sealed.fields, sealed.dataKey)).toEqual(config);
  });

  it('draws a fresh data key and fresh IVs on every write', async () => {
    const a = await sealSecrets(keys, { payId: 'PC1' }, config, secrets);
    const b = await sealSecrets(keys, { payId: 'PC1' }, config, secrets);
    expect(a.dataKey.wrapped).not.toBe(b.dataKey.wrapped);
    expect(a.fields.privateKey).not.toEqual(b.fields.privateKey);
  });

  it('refuses a ciphertext moved to another field or another config', async () => {
    const sealed = await sealSecrets(keys, { payId: 'PC1' }, config, secrets);
    const swapped = { ...sealed.fields, privateKey: sealed.fields.apiV3Key, apiV3Key: sealed.fields.privateKey };
    await expect(openSecrets(keys, { payId: 'PC1' }, swapped, sealed.dataKey)).rejects.toThrow(/secret privateKey of pay config PC1 does not open/);
    // Another config's data key does not unwrap under this payId (context bound), even with its ciphertexts.
    await expect(openSecrets(keys, { payId: 'PC2' }, sealed.fields, sealed.dataKey)).rejects.toThrow(/does not unwrap/);
    const key = await keys.unwrapDataKey({ payId: 'PC1' }, sealed.dataKey.wrapped);
    expect(() => openField(key, { payId: 'PC2' }, 'privateKey', sealed.fields.privateKey as never)).toThrow(/does not open/);
  });

  it("binds a company's notify secret to its companyId, apart from any pay config of the same id", async () => {
    const sealed = await sealSecrets(keys, { companyId: 'C1' }, { notifySecret: 'whsec_abc' }, ['notifySecret']);
    expect(JSON.stringify(sealed)).not.toContain('whsec_abc');
    expect(await openSecrets(keys, { companyId: 'C1' }, sealed.fields, sealed.dataKey)).toEqual({ notifySecret: 'whsec_abc' });
    await expect(openSecrets(keys, { companyId: 'C2' }, sealed.fields, sealed.dataKey)).rejects.toThrow(/data key of company C2 does not unwrap/);
    // Opened once as the company's (its data key cached), it still refuses to open as a pay config's.
    await expect(openSecrets(keys, { payId: 'C1' }, sealed.fields, sealed.dataKey)).rejects.toThrow(/data key of pay config C1 does not unwrap/);
    const key = await keys.unwrapDataKey({ companyId: 'C1' }, sealed.dataKey.wrapped);
    expect(() => openField(key, { payId: 'C1' }, 'notifySecret', sealed.fields.notifySecret as never)).toThrow(/secret notifySecret of pay config C1 does not open/);
  });

  it('refuses a tampered ciphertext, and never echoes it', async () => {
    const sealed = await sealSecrets(keys, { payId: 'PC1' }, config, secrets);
    const secret = sealed.fields.apiV3Key as { ct: string };
    const flipped = Buffer.from(secret.ct, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = { ...sealed.fields, apiV3Key: { ...secret, ct: flipped.toString('base64') } };
    const err = await openSecrets(keys, { payId: 'PC1' }, tampered, sealed.dataKey).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain(flipped.toString('base64'));
  });

  it('refuses another local key and another provider', async () => {
    const sealed = await sealSecrets(keys, { payId: 'PC9' }, config, secrets);
    await expect(openSecrets(new LocalKeyProvider(newLocalKey()), { payId: 'PC9' }, sealed.fields, sealed.dataKey)).rejects.toThrow(/does not unwrap/);
    const kms = { ...keys, name: 'kms', generateDataKey: keys.generateDataKey, unwrapDataKey: keys.unwrapDataKey };
    await expect(openSecrets(kms, { payId: 'PC9' }, sealed.fields, sealed.dataKey)).rejects.toThrow(/sealed by the local key provider/);
  });

  it('unwraps a pay config data key the local key wrapped before companies were sealed', async () => {
    const localKey = newLocalKey();
    const [dataKey, iv] = [randomBytes(32), randomBytes(12)];
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(localKey, 'base64'), iv).setAAD(Buffer.from('payee/data-key/v1/PC7'));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const wrapped = Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    expect(await new LocalKeyProvider(localKey).unwrapDataKey({ payId: 'PC7' }, wrapped)).toEqual(dataKey);
    await expect(new LocalKeyProvider(localKey).unwrapDataKey({ companyId: 'PC7' }, wrapped)).rejects.toThrow(/does not unwrap/);
  });

  it('unwraps a data key once per (owner, wrapped key)', async () => {
    const { provider, calls } = counting(keys);
    const sealed = await sealSecrets(provider, { payId: 'PC3' }, config, secrets);
    await openSecrets(provider, { payId: 'PC3' }, sealed.fields, sealed.dataKey);
    await openSecrets(provider, { payId: 'PC3' }, sealed.fields, sealed.dataKey);
    expect(calls.unwrap).toBe(1);
    const rewritten = await sealSecrets(provider, { payId: 'PC3' }, config, secrets);
    await openSecrets(provider, { payId: 'PC3' }, rewritten.fields, rewritten.dataKey);
    expect(calls.unwrap).toBe(2);
  });

  it('rejects a non-string secret and a malformed local key', async () => {
    await expect(sealSecrets(keys, { payId: 'PC1' }, { privateKey: 42 }, ['privateKey'])).rejects.toThrow(/must be a string/);
    expect(() => new LocalKeyProvider(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
