import { describe, expect, it } from 'vitest';
import { MAX_COMPANY_DEPTH } from '../domain/tenancy.ts';
import { canSee, visibleCompany } from '../payments/visibility.ts';
import { createCompany, getCompany, listChildren, rotateNotifySecret } from './companies.ts';
import { memoryAdmin } from './testing.ts';

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: { type: string; code: string; param?: string }) => ({ type: e.type, code: e.code, param: e.param }));

describe('the company tree', () => {
  it('keeps each company\'s path, root first, and lists direct children', async () => {
    const { deps } = memoryAdmin();
    const root = await createCompany(deps, { name: ' Group ' });
    const child = await createCompany(deps, { name: 'Shop', parentId: root.companyId });
    const grandchild = await createCompany(deps, { name: 'Kiosk', parentId: child.companyId });
    expect(root).toEqual({
      companyId: expect.stringMatching(/^C[0-9A-Z]{26}$/),
      name: 'Group',
      path: [root.companyId],
      createdAt: '2026-11-25T00:00:00.000Z',
      notifySecret: expect.stringMatching(/^whsec_/),
    });
    expect(grandchild.path).toEqual([root.companyId, child.companyId, grandchild.companyId]);
    const { notifySecret: _shownOnce, ...childCompany } = child;
    expect(await getCompany(deps, child.companyId)).toEqual(childCompany);
    expect(await listChildren(deps, root.companyId)).toEqual([childCompany]);
    expect(await listChildren(deps, grandchild.companyId)).toEqual([]);
  });

  it('sees down the tree, never up or across', async () => {
    const { deps } = memoryAdmin();
    const root = await createCompany(deps, { name: 'Group' });
    const a = await createCompany(deps, { name: 'A', parentId: root.companyId });
    const b = await createCompany(deps, { name: 'B', parentId: root.companyId });
    const owner = (c: { companyId: string; path: string[] }) => ({ companyId: c.companyId, companyPath: c.path });
    expect(canSee(root.companyId, owner(a))).toBe(true);
    expect(canSee(a.companyId, owner(a))).toBe(true);
    expect(canSee(a.companyId, owner(root))).toBe(false);
    expect(canSee(a.companyId, owner(b))).toBe(false);
    // A payment from before the tree (no path) is its own company's only.
    expect(canSee(root.companyId, { companyId: a.companyId })).toBe(false);
    expect(canSee(a.companyId, { companyId: a.companyId })).toBe(true);

    expect(await visibleCompany(deps.companies, root.companyId, undefined)).toBe(root.companyId);
    expect(await visibleCompany(deps.companies, root.companyId, b.companyId)).toBe(b.companyId);
    await expect(visibleCompany(deps.companies, a.companyId, root.companyId)).rejects.toMatchObject({ type: 'not_found', param: 'companyId' });
    await expect(visibleCompany(deps.companies, a.companyId, b.companyId)).rejects.toMatchObject({ type: 'not_found', param: 'companyId' });
  });

  it('refuses a missing parent, a tree too deep and a bad name, writing nothing', async () => {
    const { deps } = memoryAdmin();
    expect(await refusal(createCompany(deps, { name: 'x', parentId: 'C00000000000000000000000000' }))).toEqual({ type: 'not_found', code: 'resource_missing', param: 'parentId' });
    expect(await refusal(createCompany(deps, { name: 'x', parentId: 'nope' }))).toMatchObject({ param: 'parentId' });
    expect(await refusal(createCompany(deps, { name: '  ' }))).toEqual({ type: 'invalid_request', code: 'parameter_invalid', param: 'name' });
    expect(await refusal(createCompany(deps, { name: 'x'.repeat(129) }))).toMatchObject({ param: 'name' });
    expect(deps.companies.items.size).toBe(0);

    let parentId: string | undefined;
    for (let depth = 1; depth <= MAX_COMPANY_DEPTH; depth++) parentId = (await createCompany(deps, { name: `L${depth}`, ...(parentId ? { parentId } : {}) })).companyId;
    expect(await refusal(createCompany(deps, { name: 'too deep', parentId: parentId! }))).toMatchObject({ code: 'company_tree_too_deep', param: 'parentId' });
    expect(deps.companies.items.size).toBe(MAX_COMPANY_DEPTH);
  });

  it('shows the notify secret at creation and at rotation only', async () => {
    const { deps } = memoryAdmin();
    const company = await createCompany(deps, { name: 'Shop' });
    const first = deps.companies.items.get(company.companyId)!.notifySecret;
    expect(first).toMatch(/^whsec_/);
    expect(company.notifySecret).toBe(first);
    expect(JSON.stringify(await getCompany(deps, company.companyId))).not.toContain('whsec_');
    expect(JSON.stringify(await listChildren(deps, company.companyId))).not.toContain('whsec_');
    const { notifySecret } = await rotateNotifySecret(deps, company.companyId);
    expect(notifySecret).toMatch(/^whsec_/);
    expect(notifySecret).not.toBe(first);
    expect(deps.companies.items.get(company.companyId)!.notifySecret).toBe(notifySecret);
    expect(await refusal(rotateNotifySecret(deps, 'C00000000000000000000000000'))).toMatchObject({ type: 'not_found', param: 'companyId' });
  });
});
