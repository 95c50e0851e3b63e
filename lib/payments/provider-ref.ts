/** A stored payment as a provider call names it (close, query, refund, a combined group's calls). */
import type { PaymentQuery, ProviderPaymentRef } from '../channels/channel.ts';
import type { Payment } from '../domain/payment.ts';

export function providerRefOf(p: Payment): ProviderPaymentRef & PaymentQuery {
  return { payNo: p.payNo, createdAt: new Date(p.createdAt), amount: p.amount, currency: p.currency, providerTradeNo: p.providerTradeNo };
}
