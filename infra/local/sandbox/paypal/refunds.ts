/**
 * The sandbox's refund outcomes (PROTOCOLS.md §4.1–4.2): a refund completes at once and PayPal
 * sends PAYMENT.CAPTURE.REFUNDED (resource: the refund) to the app's webhook listener; a planned
 * refund (refund-plan.ts) is PENDING first and settles a moment later, or when a hook says so.
 * PayPal sends no webhook for a FAILED or CANCELLED refund: GET /v2/payments/refunds/{id} tells.
 *   POST /sandbox/refund-plan {"settle"?: "COMPLETED"|"FAILED"|"CANCELLED"|"hold", "notify"?, "merchant"?: clientId, "count"?}
 *   GET  /sandbox/refunds/{id or invoice_id}                 the refund
 *   POST /sandbox/refunds/{id or invoice_id} {"status": "COMPLETED"|"FAILED"|"CANCELLED", "notify"?: boolean}
 *   POST /sandbox/refunds/{id or invoice_id}/notifications {"send"?: boolean}
 *        → {eventId, body, headers, url, sent}: its PAYMENT.CAPTURE.REFUNDED, one signed transmission
 */
import { HookError } from '../http.ts';
import { REFUND_SETTLE_DELAY_MS, refundHooks, RefundPlans } from '../refund-plan.ts';
import type { ApiState } from './api.ts';
import { listing } from './hooks.ts';
import { refundJson, REFUND_STATUSES, settleRefund, unitOfCapture, type Order, type Refund, type RefundStatus } from './orders.ts';
import { webhookEvent, type WebhookNotifier } from './webhooks.ts';

const SETTLED: readonly RefundStatus[] = REFUND_STATUSES.filter((s) => s !== 'PENDING');

export const newRefundPlans = () => new RefundPlans(SETTLED, 'COMPLETED');

export function refundOutcomes(state: ApiState, notifier: WebhookNotifier) {
  const timers = new Set<NodeJS.Timeout>();

  /** PAYMENT.CAPTURE.REFUNDED to the app's listener (sent unless `send` is false), as one event. */
  function notify(order: Order, refund: Refund, send = true) {
    const merchant = state.merchants.get(order.clientId)!;
    const now = new Date();
    const event = webhookEvent('PAYMENT.CAPTURE.REFUNDED', order, merchant, state.base, now, { refund });
    const sent = send && !!merchant.webhookUrl;
    if (sent) notifier.send({ event, merchant, url: merchant.webhookUrl!, listing: listing(order) });
    return { eventId: event.id, body: event.body, headers: notifier.headers({ event, merchant }, now), url: merchant.webhookUrl ?? null, sent };
  }

  function settle(order: Order, refund: Refund, status: RefundStatus, send: boolean): void {
    settleRefund(unitOfCapture(order, refund.captureId)!.capture!, refund, status, new Date());
    if (status === 'COMPLETED' && send) notify(order, refund);
  }

  /** A refund just made: notified now when COMPLETED, else settled after the delay unless held. */
  function onRefund(order: Order, refund: Refund): void {
    const send = refund.plan?.notify !== false;
    if (refund.status === 'COMPLETED') {
      if (send) notify(order, refund);
      return;
    }
    const to = refund.plan?.settle ?? 'COMPLETED';
    if (to === 'hold') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (refund.status === 'PENDING') settle(order, refund, to as RefundStatus, send);
    }, REFUND_SETTLE_DELAY_MS);
    timers.add(timer);
  }

  function find(idOrInvoice: string): { order: Order; refund: Refund } {
    for (const order of state.orders.values()) {
      const refund = order.units.flatMap((u) => u.capture?.refunds ?? []).find((r) => r.id === idOrInvoice || r.invoiceId === idOrInvoice);
      if (refund) return { order, refund };
    }
    throw new HookError(404, `no such refund: ${idOrInvoice}`);
  }

  const route = refundHooks(state.refundPlans, {
    field: 'status',
    find,
    view: ({ refund }) => refundJson(refund, state.base),
    settle({ order, refund }, status, send) {
      if (refund.status !== 'PENDING') throw new HookError(409, `refund ${refund.id} is already ${refund.status}`);
      settle(order, refund, status as RefundStatus, send);
    },
    notification({ order, refund }, send) {
      if (refund.status !== 'COMPLETED') throw new HookError(409, `refund ${refund.id} is ${refund.status}: PayPal notifies completed refunds`);
      return notify(order, refund, send);
    },
  });

  return {
    onRefund,
    route,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
