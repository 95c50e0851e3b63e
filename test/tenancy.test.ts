/**
 * The company tree, scenes and API key rotation through API Gateway, the authorizer and the real
 * handlers; companies, scenes and keys are made with lib/admin/* as the admin API makes them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, disableApiKey, listApiKeys, rotateApiKey } from '../lib/admin/api-keys.ts';
import { listChildren } from '../lib/admin/companies.ts';
import { putScene } from '../lib/admin/scenes.ts';
import { PayeeError } from '../lib/domain/errors.ts';
import { adminDepsFor, createMerchant, type Merchant } from '../infra/local/merchants.ts';
import { call, sampleBody, target } from './support/target.ts';

const merchant = (name: string, parentId?: string) => createMerchant(target(), { name, channels: [], ...(parentId ? { parentId } : {}) });

async function pay(m: Merchant, overrides: Record<string, unknown> = {}) {
  const res = await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { payNo: string; outTradeNo: string; payId: string };
}

/** The domain error a lib/admin call throws, as its kind, code and field. */
async function refusal(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PayeeError);
  const { type, code, param } = err as PayeeError;
  return { type, code, param };
}

describe('the company tree', () => {
  let parent: Merchant;
  let child: Merchant;
  let sibling: Merchant;
  let grandchild: Merchant;
  beforeAll(async () => {
    parent = await merchant('tree-parent');
    [child, sibling] = await Promise.all([merchant('tree-child', parent.companyId), merchant('tree-sibling', parent.companyId)]);
    grandchild = await merchant('tree-grandchild', child.companyId);
  });

  it('knows its children', async () => {
    const children = await listChildren(adminDepsFor(target()), parent.companyId);
    expect(children.map((c) => c.companyId).sort()).toEqual([child.companyId, sibling.companyId].sort());
    expect(children.find((c) => c.companyId === child.companyId)).toEqual({
      companyId: child.companyId,
      name: 'tree-child',
      parentId: parent.companyId,
      path: [parent.companyId, child.companyId],
      createdAt: expect.any(String),
    });
    expect(children[0]).not.toHaveProperty('notifySecret');
  });

  it("a parent reads its descendants' payments; a child never its parent's or a sibling's", async () => {
    const [ofParent, ofChild, ofSibling, ofGrandchild] = await Promise.all([pay(parent), pay(child), pay(sibling), pay(grandchild)]);
    const status = async (m: Merchant, payNo: string) => (await call(m.apiKey, 'GET', `/v1/payments/${payNo}`)).status;

    for (const payNo of [ofParent.payNo, ofChild.payNo, ofSibling.payNo, ofGrandchild.payNo]) expect(await status(parent, payNo)).toBe(200);
    expect(await status(child, ofChild.payNo)).toBe(200);
    expect(await status(child, ofGrandchild.payNo)).toBe(200);

    const hidden = await call(child.apiKey, 'GET', `/v1/payments/${ofParent.payNo}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toMatchObject({ type: 'not_found', code: 'resource_missing', param: 'payNo' });
    expect(await status(child, ofSibling.payNo)).toBe(404);
    expect(await status(sibling, ofChild.payNo)).toBe(404);
    expect(await status(grandchild, ofChild.payNo)).toBe(404);
    expect(await status(grandchild, ofParent.payNo)).toBe(404);

    // The same rule for everything under a payment: its events, and acting on it.
    expect((await call(parent.apiKey, 'GET', `/v1/payments/${ofChild.payNo}/events`)).status).toBe(200);
    expect((await call(child.apiKey, 'GET', `/v1/payments/${ofParent.payNo}/events`)).status).toBe(404);
    expect((await call(sibling.apiKey, 'POST', `/v1/payments/${ofChild.payNo}/close`)).status).toBe(404);
    expect((await call(child.apiKey, 'GET', `/v1/payments/${ofChild.payNo}`)).body.status).toBe('PENDING');
  });

  it("a parent lists a descendant's payments with ?companyId=; nobody else can", async () => {
    const ofChild = await pay(child);
    const listed = await call(parent.apiKey, 'GET', `/v1/payments?companyId=${child.companyId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((p: { payNo: string }) => p.payNo)).toContain(ofChild.payNo);

    const byOut = await call(parent.apiKey, 'GET', `/v1/payments?companyId=${child.companyId}&outTradeNo=${ofChild.outTradeNo}`);
    expect(byOut.body.data.map((p: { payNo: string }) => p.payNo)).toEqual([ofChild.payNo]);
    // Without companyId the parent lists its own.
    expect((await call(parent.apiKey, 'GET', `/v1/payments?outTradeNo=${ofChild.outTradeNo}`)).body.data).toEqual([]);

    for (const [m, companyId] of [
      [child, parent.companyId],
      [sibling, child.companyId],
      [grandchild, child.companyId],
      [parent, 'C00000000000000000000000000'],
      [parent, 'not-a-company'],
    ] as const) {
      const res = await call(m.apiKey, 'GET', `/v1/payments?companyId=${companyId}`);
      expect(res.status, companyId).toBe(404);
      expect(res.body.error).toMatchObject({ type: 'not_found', param: 'companyId' });
    }
    const tooLong = await call(parent.apiKey, 'GET', `/v1/payments?companyId=${'C'.repeat(65)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.param).toBe('companyId');
  });

  it("a parent reads a descendant's reconciliation reports; a child not its parent's", async () => {
    const day = '2026-11-24';
    expect((await call(parent.apiKey, 'GET', `/v1/reports/reconciliation?day=${day}&companyId=${grandchild.companyId}`)).status).toBe(200);
    const refused = await call(child.apiKey, 'GET', `/v1/reports/reconciliation?day=${day}&companyId=${parent.companyId}`);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({ type: 'not_found', param: 'companyId' });
    expect((await call(sibling.apiKey, 'GET', `/v1/reports/reconciliation?day=${day}&companyId=${child.companyId}`)).status).toBe(404);
  });
});

describe('scenes', () => {
  let m: Merchant;
  let other: Merchant;
  beforeAll(async () => {
    [m, other] = await Promise.all([merchant('scenes'), merchant('scenes-other')]);
  });

  it('a create names the scene instead of the payId', async () => {
    const admin = adminDepsFor(target());
    await putScene(admin, m.companyId, { code: 'web', description: 'The shop', methods: { 'alipay.page': m.payId, 'alipay.qr': m.payId } });
    const created = await pay(m, { scene: 'web', method: 'alipay.page', returnUrl: 'https://m.example/return' });
    expect(created.payId).toBe(m.payId);

    await putScene(admin, m.companyId, { code: 'kiosk-2', methods: { 'alipay.qr': m.payId } });
    const unmapped = await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody({ scene: 'kiosk-2', method: 'alipay.wap' }) });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error).toMatchObject({ code: 'scene_method_unavailable', param: 'scene' });

    for (const [body, code] of [
      [{ scene: 'nowhere' }, 'scene_not_found'],
      [{ scene: 'Web Site' }, 'parameter_invalid'],
      [{ scene: 'web', payId: m.payId }, 'parameter_invalid'],
    ] as const) {
      const res = await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code, param: 'scene' });
    }
  });

  it("a scene takes only the company's own active configs, for the method's channel", async () => {
    const admin = adminDepsFor(target());
    expect(await refusal(putScene(admin, m.companyId, { code: 'app', methods: { 'alipay.app': other.payId } }))).toEqual({
      type: 'invalid_request',
      code: 'pay_config_not_found',
      param: 'methods.alipay.app',
    });
    expect(await refusal(putScene(admin, m.companyId, { code: 'app', methods: { 'wechat.app': m.payId } }))).toMatchObject({
      code: 'pay_config_mismatch',
      param: 'methods.wechat.app',
    });
    expect(await refusal(putScene(admin, m.companyId, { code: 'app', methods: { 'cash.app': m.payId } }))).toMatchObject({ param: 'methods.cash.app' });
    expect(await refusal(putScene(admin, m.companyId, { code: 'App', methods: { 'alipay.app': m.payId } }))).toMatchObject({ param: 'code' });
    expect(await refusal(putScene(admin, m.companyId, { code: 'app', methods: {} }))).toMatchObject({ param: 'methods' });
    // Nothing was written: the scene is unknown to a create.
    const res = await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody({ scene: 'app', method: 'alipay.app' }) });
    expect(res.body.error).toMatchObject({ code: 'scene_not_found', param: 'scene' });
  });
});

describe('API keys', () => {
  it('a rotated key works during the overlap and is refused after it; the new one works', async () => {
    const m = await merchant('rotate');
    const admin = adminDepsFor(target());
    // The old key is not used before the rotation: a cached authorizer answer from before it
    // would not carry the expiry (README: it then lags by at most the cache TTL).
    const rotated = await rotateApiKey(admin, { companyId: m.companyId, apiKeyId: m.apiKeyId, overlapSeconds: 3 });
    expect(rotated.key.value).toMatch(/^pk_[A-Za-z0-9_-]{32}$/);
    expect(rotated.key.tier).toBe('standard');
    expect(rotated.old.apiKeyId).toBe(m.apiKeyId);

    expect((await call(m.apiKey, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    expect((await call(rotated.key.value, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    const keys = await listApiKeys(admin, m.companyId);
    expect(keys.map((k) => [k.apiKeyId, k.status, k.expiresAt])).toEqual([
      [m.apiKeyId, 'ACTIVE', rotated.old.expiresAt],
      [rotated.key.apiKeyId, 'ACTIVE', undefined],
    ]);
    expect(JSON.stringify(keys)).not.toContain('pk_');

    await new Promise((r) => setTimeout(r, Math.max(0, new Date(rotated.old.expiresAt).getTime() - Date.now()) + 200));
    const refused = await call(m.apiKey, 'GET', '/v1/payments?limit=1');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ type: 'authentication', code: 'api_key_expired', param: 'x-api-key' });
    expect((await call(m.apiKey, 'POST', '/v1/payments', { body: sampleBody() })).status).toBe(403);
    expect((await call(rotated.key.value, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    expect((await listApiKeys(admin, m.companyId)).map((k) => k.status)).toEqual(['EXPIRED', 'ACTIVE']);

    // A rotated key has a successor: rotating it again is refused.
    expect(await refusal(rotateApiKey(admin, { companyId: m.companyId, apiKeyId: m.apiKeyId }))).toMatchObject({
      type: 'conflict',
      param: 'apiKeyId',
    });
  });

  it('a disabled key is refused at once, even though it was just used', async () => {
    const m = await merchant('disable');
    const admin = adminDepsFor(target());
    const second = await createApiKey(admin, { companyId: m.companyId, tier: 'trial', name: 'backup' });
    for (const key of [m.apiKey, second.value]) expect((await call(key, 'GET', '/v1/payments?limit=1')).status).toBe(200);

    expect(await disableApiKey(admin, { companyId: m.companyId, apiKeyId: m.apiKeyId })).toMatchObject({ status: 'DISABLED' });
    expect((await call(m.apiKey, 'GET', '/v1/payments?limit=1')).status).toBe(403);
    expect((await call(second.value, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    expect((await listApiKeys(admin, m.companyId)).map((k) => [k.name, k.tier, k.status])).toEqual([
      [undefined, 'standard', 'DISABLED'],
      ['backup', 'trial', 'ACTIVE'],
    ]);
  });

  it("another company's key id is not found, and bad input names its field", async () => {
    const [m, other] = await Promise.all([merchant('keys-a'), merchant('keys-b')]);
    const admin = adminDepsFor(target());
    expect(await refusal(disableApiKey(admin, { companyId: m.companyId, apiKeyId: other.apiKeyId }))).toEqual({
      type: 'not_found',
      code: 'resource_missing',
      param: 'apiKeyId',
    });
    expect(await refusal(createApiKey(admin, { companyId: m.companyId, tier: 'gold' }))).toMatchObject({ param: 'tier' });
    expect(await refusal(createApiKey(admin, { companyId: 'C00000000000000000000000000', tier: 'standard' }))).toMatchObject({
      type: 'not_found',
      param: 'companyId',
    });
    expect(
      await refusal(rotateApiKey(admin, { companyId: m.companyId, apiKeyId: m.apiKeyId, overlapSeconds: 8 * 24 * 3600 })),
    ).toMatchObject({ param: 'overlapSeconds' });
    // The other company's key still works.
    expect((await call(other.apiKey, 'GET', '/v1/payments?limit=1')).status).toBe(200);
    expect((await call(m.apiKey, 'GET', '/v1/payments?limit=1')).status).toBe(200);
  });
});
