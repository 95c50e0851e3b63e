/** What the API shows of a payment: everything but internal bookkeeping, always in one order. */
import type { PaymentResource } from '../api/payment-schema.ts';
import type { Payment } from '../domain/payment.ts';

export function toResource(p: Payment): PaymentResource {
  return {
    payNo: p.payNo,
    status: p.status,
    method: p.method,
    channel: p.channel,
    payId: p.payId,
    outTradeNo: p.outTradeNo,
    subject: p.subject,
    amount: p.amount,
    orderAmount: p.orderAmount,
    currency: p.currency,
    refundableAmount: p.refundableAmount,
    action: p.action,
    providerTradeNo: p.providerTradeNo,
    failure: p.failure,
    notifyUrl: p.notifyUrl,
    returnUrl: p.returnUrl,
    metadata: p.metadata,
    details: p.details,
    expiresAt: p.expiresAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    paidAt: p.paidAt,
  };
}
