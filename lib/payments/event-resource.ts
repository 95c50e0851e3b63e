/** The audit trail's records as the API shows them: apart from the readers, so the events relay loads no query schema. */
import type { PaymentEventResource } from '../api/payment-event-schema.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';

/** An audit-trail event as the API (and the callback.* events) show it. */
export function toEventResource(e: PaymentEventRecord): PaymentEventResource {
  return {
    eventId: e.eventId,
    channel: e.channel,
    providerStatus: e.providerStatus,
    status: e.status,
    outcome: e.outcome,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    reason: e.reason,
    amount: e.amount,
    currency: e.currency,
    providerTradeNo: e.providerTradeNo,
    paidAt: e.paidAt,
    notifiedAt: e.notifiedAt,
    recordedAt: e.recordedAt,
  };
}
