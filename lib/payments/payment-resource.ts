/** What the API shows of a payment: everything but internal bookkeeping. */
import type { PaymentResource } from '../api/payment-schema.ts';
import type { Payment } from '../domain/payment.ts';

export function toResource(p: Payment): PaymentResource {
  const { companyId: _company, version: _version, ...shown } = p;
  return shown;
}
