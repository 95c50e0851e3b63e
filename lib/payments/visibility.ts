/**
 * Who sees what in the company tree: a company sees its own payments and its descendants', never
 * an ancestor's or a sibling's. A payment keeps its company's path (root first, copied from the
 * API key at create; companies never move), so the check needs no read. Anything not visible is
 * reported exactly like a missing one.
 */
import { NotFound } from '../domain/errors.ts';
import { PAY_NO_PATTERN } from '../domain/ids.ts';
import type { Payment } from '../domain/payment.ts';
import type { Company } from '../domain/tenancy.ts';
import type { PaymentStore } from '../store/payment-store.ts';

/** The company's path as stored on a payment or key; one without (older than the tree) is a root. */
export const pathOf = (owner: { companyId: string; companyPath?: string[] }): string[] => owner.companyPath ?? [owner.companyId];

/** Whether `callerId` is the owner's company or one of its ancestors. */
export const canSee = (callerId: string, owner: { companyId: string; companyPath?: string[] }): boolean => pathOf(owner).includes(callerId);

/** A payment the caller may see, for reads and for acting on it (close, sync, refund, notifications). */
export async function paymentOfCompany(store: Pick<PaymentStore, 'get'>, companyId: string, payNo: string): Promise<Payment> {
  const payment = PAY_NO_PATTERN.test(payNo) ? await store.get(payNo) : undefined;
  if (!payment || !canSee(companyId, payment)) throw new NotFound('payment', 'payNo');
  return payment;
}

/**
 * The company whose data a caller asks for (`?companyId=`): itself when absent, a descendant,
 * or NotFound naming `param`.
 */
export async function visibleCompany(
  companies: { getCompany(companyId: string): Promise<Company | undefined> },
  callerId: string,
  requested: string | undefined,
  param = 'companyId',
): Promise<string> {
  if (requested === undefined || requested === callerId) return callerId;
  const company = await companies.getCompany(requested);
  if (!company || !canSee(callerId, { companyId: company.companyId, companyPath: company.path })) throw new NotFound('company', param);
  return company.companyId;
}
