import { describe, expect, it } from 'vitest';
import { payIdOfScene } from '../payments/pay-config.ts';
import { createCompany } from './companies.ts';
import { deleteScene, listScenes, putScene } from './scenes.ts';
import { memoryAdmin } from './testing.ts';

async function setUp() {
  const { deps } = memoryAdmin();
  const company = await createCompany(deps, { name: 'Shop' });
  const other = await createCompany(deps, { name: 'Other' });
  const config = (payId: string, companyId: string, channel: string, status: 'ACTIVE' | 'DISABLED' = 'ACTIVE') =>
    deps.configs.items.set(payId, { payId, companyId, channel, status, config: {} });
  config('cfg_alipay', company.companyId, 'alipay');
  config('cfg_wechat', company.companyId, 'wechat');
  config('cfg_old', company.companyId, 'alipay', 'DISABLED');
  config('cfg_other', other.companyId, 'alipay');
  return { deps, companyId: company.companyId };
}

describe('scenes', () => {
  it('maps methods to configs and gives a create the payId', async () => {
    const { deps, companyId } = await setUp();
    const scene = await putScene(deps, companyId, { code: 'h5', description: 'Mobile site', methods: { 'alipay.wap': 'cfg_alipay', 'wechat.h5': 'cfg_wechat' } });
    expect(scene).toEqual({ companyId, code: 'h5', description: 'Mobile site', methods: { 'alipay.wap': 'cfg_alipay', 'wechat.h5': 'cfg_wechat' }, updatedAt: '2026-11-25T00:00:00.000Z' });
    await putScene(deps, companyId, { code: 'pos-counter', methods: { 'alipay.qr': 'cfg_alipay' } });
    expect((await listScenes(deps, companyId)).map((s) => s.code).sort()).toEqual(['h5', 'pos-counter']);

    expect(await payIdOfScene(deps.scenes, companyId, 'h5', 'wechat.h5')).toBe('cfg_wechat');
    await expect(payIdOfScene(deps.scenes, companyId, 'h5', 'alipay.qr')).rejects.toMatchObject({ code: 'scene_method_unavailable', param: 'scene' });
    await expect(payIdOfScene(deps.scenes, companyId, 'web', 'alipay.qr')).rejects.toMatchObject({ code: 'scene_not_found', param: 'scene' });

    await deleteScene(deps, companyId, 'h5');
    await expect(payIdOfScene(deps.scenes, companyId, 'h5', 'wechat.h5')).rejects.toMatchObject({ param: 'scene' });
    await expect(deleteScene(deps, companyId, 'h5')).rejects.toMatchObject({ type: 'not_found', param: 'code' });
  });

  it.each([
    [{ code: 'Web', methods: { 'alipay.qr': 'cfg_alipay' } }, 'code'],
    [{ code: 'x'.repeat(33), methods: { 'alipay.qr': 'cfg_alipay' } }, 'code'],
    [{ code: 'web', methods: {} }, 'methods'],
    [{ code: 'web', description: 'd'.repeat(257), methods: { 'alipay.qr': 'cfg_alipay' } }, 'description'],
    [{ code: 'web', methods: { 'alipay.nfc': 'cfg_alipay' } }, 'methods.alipay.nfc'],
    [{ code: 'web', methods: { 'alipay.qr': 'cfg_missing' } }, 'methods.alipay.qr'],
    [{ code: 'web', methods: { 'alipay.qr': 'cfg_old' } }, 'methods.alipay.qr'],
    [{ code: 'web', methods: { 'alipay.qr': 'cfg_other' } }, 'methods.alipay.qr'],
    [{ code: 'web', methods: { 'alipay.qr': 'cfg_alipay', 'wechat.native': 'cfg_alipay' } }, 'methods.wechat.native'],
  ])('refuses %j naming %s, writing nothing', async (input, param) => {
    const { deps, companyId } = await setUp();
    await expect(putScene(deps, companyId, input)).rejects.toMatchObject({ type: 'invalid_request', param });
    expect(deps.scenes.items.size).toBe(0);
  });

  it("is not found for a company that doesn't exist", async () => {
    const { deps } = await setUp();
    await expect(putScene(deps, 'C00000000000000000000000000', { code: 'web', methods: { 'alipay.qr': 'cfg_alipay' } })).rejects.toMatchObject({ type: 'not_found', param: 'companyId' });
    await expect(listScenes(deps, 'nope')).rejects.toMatchObject({ type: 'not_found', param: 'companyId' });
  });
});
