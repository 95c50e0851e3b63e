import { describe, expect, it } from 'vitest';
import { createApiKey, disableApiKey, hashApiKey, listApiKeys, rotateApiKey } from './api-keys.ts';
import { createCompany } from './companies.ts';
import { memoryAdmin } from './testing.ts';

async function setUp() {
  const admin = memoryAdmin();
  const parent = await createCompany(admin.deps, { name: 'Group' });
  const company = await createCompany(admin.deps, { name: 'Shop', parentId: parent.companyId });
  return { ...admin, company };
}

describe('API keys', () => {
  it('keeps only the hash, with the company path, in the tier\'s usage plan', async () => {
    const { deps, company } = await setUp();
    const key = await createApiKey(deps, { companyId: company.companyId, tier: 'trial', name: 'pos' });
    expect(key).toEqual({ apiKeyId: 'k1', value: expect.stringMatching(/^pk_[A-Za-z0-9_-]{32}$/), tier: 'trial', status: 'ACTIVE', createdAt: '2026-11-25T00:00:00.000Z' });
    expect(deps.gateway.keys.get('k1')).toEqual({ name: `pos-${company.companyId}`, value: key.value, enabled: true, plans: ['plan-trial'] });
    const stored = [...deps.apiKeys.items.values()];
    expect(stored).toEqual([
      { keyHash: hashApiKey(key.value), companyId: company.companyId, companyPath: company.path, apiKeyId: 'k1', tier: 'trial', name: 'pos', status: 'ACTIVE', createdAt: key.createdAt },
    ]);
    expect(JSON.stringify(stored)).not.toContain(key.value);
    const listed = await listApiKeys(deps, company.companyId);
    expect(listed).toEqual([{ apiKeyId: 'k1', companyId: company.companyId, tier: 'trial', name: 'pos', status: 'ACTIVE', createdAt: key.createdAt }]);
  });

  it('rotates with an overlap: the old key expires then, the new one is in the same tier', async () => {
    const { deps, clock, company } = await setUp();
    const old = await createApiKey(deps, { companyId: company.companyId, tier: 'standard' });
    const rotated = await rotateApiKey(deps, { companyId: company.companyId, apiKeyId: old.apiKeyId });
    expect(rotated.old).toEqual({ apiKeyId: old.apiKeyId, expiresAt: '2026-11-26T00:00:00.000Z' });
    expect(rotated.key).toMatchObject({ apiKeyId: 'k2', tier: 'standard', status: 'ACTIVE' });
    expect(rotated.key.value).not.toBe(old.value);
    expect(deps.gateway.keys.get('k2')!.plans).toEqual(['plan-standard']);
    // Still enabled in API Gateway: payee refuses it after expiresAt (the authorizer and lib/http/request.ts).
    expect(deps.gateway.keys.get(old.apiKeyId)!.enabled).toBe(true);
    expect((await deps.apiKeys.findByHash(hashApiKey(old.value)))!.expiresAt).toBe(rotated.old.expiresAt);
    expect((await listApiKeys(deps, company.companyId)).map((k) => k.status)).toEqual(['ACTIVE', 'ACTIVE']);
    clock.now = new Date('2026-11-26T00:00:00.000Z');
    expect((await listApiKeys(deps, company.companyId)).map((k) => k.status)).toEqual(['EXPIRED', 'ACTIVE']);

    await expect(rotateApiKey(deps, { companyId: company.companyId, apiKeyId: old.apiKeyId })).rejects.toMatchObject({ type: 'conflict', code: 'api_key_not_rotatable' });
    expect(deps.gateway.keys.size).toBe(2);
  });

  it('rotates with no overlap by disabling the old key in API Gateway at once', async () => {
    const { deps, company } = await setUp();
    const old = await createApiKey(deps, { companyId: company.companyId, tier: 'standard' });
    const rotated = await rotateApiKey(deps, { companyId: company.companyId, apiKeyId: old.apiKeyId, overlapSeconds: 0 });
    expect(rotated.old.expiresAt).toBe('2026-11-25T00:00:00.000Z');
    expect(deps.gateway.keys.get(old.apiKeyId)!.enabled).toBe(false);
    expect(deps.gateway.keys.get(rotated.key.apiKeyId)!.enabled).toBe(true);
  });

  it('withdraws its successor when a concurrent change wins the rotation', async () => {
    const { deps, company } = await setUp();
    const old = await createApiKey(deps, { companyId: company.companyId, tier: 'standard' });
    const expireKey = deps.apiKeys.expireKey.bind(deps.apiKeys);
    // Another admin disables the key between this rotation's read and its write.
    deps.apiKeys.expireKey = async (hash, at) => {
      await deps.apiKeys.disableKey(hash);
      return expireKey(hash, at);
    };
    await expect(rotateApiKey(deps, { companyId: company.companyId, apiKeyId: old.apiKeyId })).rejects.toMatchObject({ code: 'api_key_not_rotatable' });
    expect((await listApiKeys(deps, company.companyId)).map((k) => k.status)).toEqual(['DISABLED', 'DISABLED']);
    expect([...deps.gateway.keys.values()].map((k) => k.enabled)).toEqual([true, false]);
  });

  it('disables in the table and in API Gateway', async () => {
    const { deps, company } = await setUp();
    const key = await createApiKey(deps, { companyId: company.companyId, tier: 'standard' });
    expect(await disableApiKey(deps, { companyId: company.companyId, apiKeyId: key.apiKeyId })).toMatchObject({ status: 'DISABLED' });
    expect((await deps.apiKeys.findByHash(hashApiKey(key.value)))!.status).toBe('DISABLED');
    expect(deps.gateway.keys.get(key.apiKeyId)!.enabled).toBe(false);
    await expect(rotateApiKey(deps, { companyId: company.companyId, apiKeyId: key.apiKeyId })).rejects.toMatchObject({ code: 'api_key_not_rotatable' });
  });

  it('refuses bad input naming the field, and another company\'s key as missing, changing nothing', async () => {
    const { deps, company } = await setUp();
    const other = await createCompany(deps, { name: 'Other' });
    const key = await createApiKey(deps, { companyId: company.companyId, tier: 'standard' });
    const cases: [Promise<unknown>, string, string][] = [
      [createApiKey(deps, { companyId: company.companyId, tier: 'gold' }), 'invalid_request', 'tier'],
      [createApiKey(deps, { companyId: company.companyId, tier: 'toString' }), 'invalid_request', 'tier'],
      [createApiKey(deps, { companyId: company.companyId, tier: 'standard', name: '' }), 'invalid_request', 'name'],
      [createApiKey(deps, { companyId: 'C00000000000000000000000000', tier: 'standard' }), 'not_found', 'companyId'],
      [rotateApiKey(deps, { companyId: company.companyId, apiKeyId: key.apiKeyId, overlapSeconds: -1 }), 'invalid_request', 'overlapSeconds'],
      [rotateApiKey(deps, { companyId: company.companyId, apiKeyId: key.apiKeyId, overlapSeconds: 7 * 24 * 3600 + 1 }), 'invalid_request', 'overlapSeconds'],
      [rotateApiKey(deps, { companyId: company.companyId, apiKeyId: key.apiKeyId, overlapSeconds: 1.5 }), 'invalid_request', 'overlapSeconds'],
      [rotateApiKey(deps, { companyId: other.companyId, apiKeyId: key.apiKeyId }), 'not_found', 'apiKeyId'],
      [disableApiKey(deps, { companyId: other.companyId, apiKeyId: key.apiKeyId }), 'not_found', 'apiKeyId'],
    ];
    for (const [promise, type, param] of cases) await expect(promise).rejects.toMatchObject({ type, param });
    expect(deps.gateway.keys.size).toBe(1);
    expect((await listApiKeys(deps, company.companyId)).map((k) => k.status)).toEqual(['ACTIVE']);
  });
});
