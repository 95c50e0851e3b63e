/**
 * The company tree (cnf_pay_company): a parent sees its descendants' payments and reports, a
 * child never its parent's or siblings' (lib/payments/visibility.ts). Companies never move, so
 * each keeps its path (ancestors and itself, root first) and visibility needs no walk up the tree.
 */
import { InvalidRequest, NotFound } from '../domain/errors.ts';
import { newCompanyId } from '../domain/ids.ts';
import { MAX_COMPANY_DEPTH, type Company } from '../domain/tenancy.ts';
import { newNotifySecret } from '../notify/signature.ts';
import type { CompanyStore } from '../store/tenancy-store.ts';

export type { Company } from '../domain/tenancy.ts';

export interface CompanyDeps {
  companies: CompanyStore;
  now: () => Date;
}

const NAME_MAX = 128;
const COMPANY_ID_PATTERN = /^C[0-9A-HJKMNP-TV-Z]{26}$/;

/** The company, or NotFound naming `param`; a malformed id is simply not found. */
export async function getCompany(deps: Pick<CompanyDeps, 'companies'>, companyId: string, param = 'companyId'): Promise<Company> {
  const company = typeof companyId === 'string' && COMPANY_ID_PATTERN.test(companyId) ? await deps.companies.getCompany(companyId) : undefined;
  if (!company) throw new NotFound('company', param);
  return company;
}

/**
 * The new company with its notify secret: notifications are signed from the first one, and this
 * reply is the only one that shows the secret (the store keeps it sealed; rotateNotifySecret makes
 * another).
 */
export async function createCompany(deps: CompanyDeps, input: { name: string; parentId?: string }): Promise<Company & { notifySecret: string }> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > NAME_MAX) throw new InvalidRequest('parameter_invalid', `name must be 1-${NAME_MAX} characters`, 'name');
  let ancestors: string[] = [];
  if (input.parentId !== undefined) {
    const parent = await getCompany(deps, input.parentId, 'parentId');
    if (parent.path.length >= MAX_COMPANY_DEPTH) {
      throw new InvalidRequest('company_tree_too_deep', `A company tree is at most ${MAX_COMPANY_DEPTH} levels deep`, 'parentId');
    }
    ancestors = parent.path;
  }
  const companyId = newCompanyId();
  const company: Company = {
    companyId,
    name,
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    path: [...ancestors, companyId],
    createdAt: deps.now().toISOString(),
  };
  const notifySecret = newNotifySecret();
  await deps.companies.insertCompany(company, notifySecret);
  return { ...company, notifySecret };
}

export async function listChildren(deps: Pick<CompanyDeps, 'companies'>, companyId: string): Promise<Company[]> {
  await getCompany(deps, companyId);
  return deps.companies.listChildren(companyId);
}

/** A new HMAC key for the company's notifications (docs/notifications.md), shown only in this reply. */
export async function rotateNotifySecret(deps: Pick<CompanyDeps, 'companies'>, companyId: string): Promise<{ notifySecret: string }> {
  const notifySecret = newNotifySecret();
  const set = COMPANY_ID_PATTERN.test(companyId) && (await deps.companies.setNotifySecret(companyId, notifySecret));
  if (!set) throw new NotFound('company', 'companyId');
  return { notifySecret };
}
