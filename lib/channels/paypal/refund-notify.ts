/**
 * PayPal refund webhooks (PROTOCOLS.md §4.2): PAYMENT.CAPTURE.REFUNDED carries the refund itself
 * (resource_type refund): its id, status, amount, and the invoice_id and custom_id payee gave it
 * (refundNo and payNo, index.ts refund). Verified by webhook.ts like every webhook.
 */
import { fail } from '../callback.ts';
import type { CallbackVerdict, RefundEvent } from '../channel.ts';
import { fromPayPalAmount } from './amount.ts';

/** Refund status (§4.1): COMPLETED refunded; FAILED and CANCELLED never will be; PENDING not yet. */
export const REFUND_STATUS: Record<string, 'SUCCEEDED' | 'FAILED' | 'PROCESSING'> = {
  COMPLETED: 'SUCCEEDED',
  PENDING: 'PROCESSING',
  FAILED: 'FAILED',
  CANCELLED: 'FAILED',
};

export function refundVerdict(resource: Record<string, unknown>, eventId: string, notifiedAt: string | undefined): CallbackVerdict {
  const money = fromPayPalAmount(resource.amount);
  const status = typeof resource.status === 'string' ? REFUND_STATUS[resource.status] : undefined;
  if (typeof resource.id !== 'string' || !resource.id || !money || !status) return fail('malformed', 'refund resource without id, amount or a refund status');
  const { invoice_id: refundNo, custom_id: payNo } = resource;
  // A refund made elsewhere (PayPal's dashboard) carries neither: nothing of payee's to settle.
  if (typeof refundNo !== 'string' || typeof payNo !== 'string' || !refundNo || !payNo) {
    return { ok: true, acknowledged: `refund ${resource.id} was not made by payee (no refundNo/payNo in invoice_id/custom_id)` };
  }
  if (status === 'PROCESSING') return { ok: true, acknowledged: `refund ${resource.id} is still PENDING` };
  const refund: RefundEvent = {
    kind: 'refund',
    eventId,
    payNo,
    refundNo,
    channel: 'paypal',
    status,
    providerStatus: resource.status as string,
    providerRefundNo: resource.id,
    ...money,
    notifiedAt,
  };
  return { ok: true, refund };
}
