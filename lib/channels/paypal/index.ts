/**
 * The PayPal channel (REST Orders v2 with intent CAPTURE, Webhooks v1): the buyer approves on
 * PayPal, the CHECKOUT.ORDER.APPROVED webhook makes payee capture (complete), and the capture is
 * the payment. A combined group is one order of a purchase unit per member (combined.ts).
 * Protocol reference: /work/shared/providers/PROTOCOLS.md §4, §6.
 */
import { PAYPAL_METHODS } from './methods.ts';
import type { Channel, ChannelCall, CreateOutcome, CreateRequest, PaymentEvent, ProviderPayment, ProviderPaymentRef, RefundOutcome } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { PAYPAL_CURRENCIES, toPayPalAmount } from './amount.ts';
import { errorCode, paypalCall } from './client.ts';
import { paypalConfigSchema, type PayPalConfig } from './config.ts';
import { createOrder } from './create-order.ts';
import { captureOf, orderPayment } from './order.ts';
import { queryRefund } from './refund-query.ts';
import { REFUND_STATUS } from './refund-notify.ts';
import { callbackReplies, verifyWebhook } from './webhook.ts';

export type { PayPalConfig } from './config.ts';

type Call = ChannelCall<PayPalConfig>;

const orderPath = (id: string) => `/v2/checkout/orders/${encodeURIComponent(id)}`;

/**
 * An order has no expiry field and PayPal has no close for it (§4.1): expiresAt is enforced by
 * payee, not PayPal. PayPal-Request-Id = payNo makes a retried create the same order.
 */
async function create(call: Call, request: CreateRequest): Promise<CreateOutcome> {
  if (request.method !== 'paypal.checkout') throw new InvalidRequest('method_not_supported', `paypal has no method ${request.method}`, 'method');
  if (!(PAYPAL_CURRENCIES as readonly string[]).includes(request.currency)) {
    throw new InvalidRequest('currency_not_supported', `paypal takes ${PAYPAL_CURRENCIES.join(', ')}`, 'currency');
  }
  return createOrder(call, request.payNo, [request], request.returnUrl);
}

/**
 * Orders are looked up by PayPal's order id only: Orders v2 has no search by custom_id. A payment
 * whose create never answered has no order id, and nothing to ask PayPal with.
 */
async function query(call: Call, payment: { payNo: string; currency: string; providerTradeNo?: string }): Promise<ProviderPayment> {
  if (!payment.providerTradeNo) throw new ProviderUnavailable(`paypal query ${payment.payNo}: no PayPal order id to look up`);
  const reply = await paypalCall(call, orderPath(payment.providerTradeNo), { method: 'GET' });
  if (reply.status === 404) return { status: 'NOT_FOUND' };
  if (reply.status >= 400) throw new ProviderUnavailable(`paypal get order: ${JSON.stringify(errorCode(reply))}`);
  const read = orderPayment(reply.body, payment.payNo);
  if (!read) throw new ProviderUnavailable('paypal get order: unexpected order in reply');
  return read;
}

/**
 * PayPal cannot close an order (§4.1 has no such call): an unpaid order is closed at payee only
 * and left to expire at PayPal. If the buyer approves it afterwards, it must not be captured:
 * that check belongs to whoever calls complete() (the payment is CLOSED by then). A captured
 * order is reported as paid.
 */
async function close(call: Call, payment: ProviderPaymentRef): Promise<{ outcome: 'closed' } | { outcome: 'paid'; payment: ProviderPayment }> {
  if (!payment.providerTradeNo) return { outcome: 'closed' };
  const found = await query(call, payment);
  if (found.status === 'SUCCEEDED' || found.status === 'REFUNDED') return { outcome: 'paid', payment: found };
  return { outcome: 'closed' };
}

async function refund(call: Call, request: Parameters<Channel<PayPalConfig>['refund']>[1]): Promise<RefundOutcome> {
  const { payment } = request;
  if (!payment.providerTradeNo) return { outcome: 'refused', code: 'not_captured', message: 'no PayPal order id' };
  const order = await paypalCall(call, orderPath(payment.providerTradeNo), { method: 'GET' });
  if (order.status >= 400) return { outcome: 'refused', ...errorCode(order) };
  const capture = captureOf(order.body, payment.payNo);
  if (capture === null) throw new ProviderUnavailable('paypal get order: malformed captures');
  if (!capture || !(capture.status === 'COMPLETED' || capture.status === 'PARTIALLY_REFUNDED')) {
    return { outcome: 'refused', code: 'not_captured', message: `order ${payment.providerTradeNo} has no completed capture` };
  }
  const reply = await paypalCall(call, `/v2/payments/captures/${encodeURIComponent(capture.id)}/refund`, {
    method: 'POST',
    requestId: request.refundNo,
    body: {
      amount: toPayPalAmount(request.amount, payment.currency),
      invoice_id: request.refundNo,
      // Refund webhooks carry the refund only: custom_id names its payment (refund-notify.ts).
      custom_id: payment.payNo,
      ...(request.reason ? { note_to_payer: request.reason.slice(0, 255) } : {}),
    },
  });
  if (reply.status >= 400) return { outcome: 'refused', ...errorCode(reply) };
  const id = typeof reply.body.id === 'string' ? reply.body.id : undefined;
  const status = typeof reply.body.status === 'string' ? REFUND_STATUS[reply.body.status] : undefined;
  if (!status) throw new ProviderUnavailable(`paypal refund: unexpected status ${String(reply.body.status)}`);
  if (status === 'FAILED') return { outcome: 'refused', code: `REFUND_${reply.body.status}`, message: `refund ${id} ${reply.body.status}` };
  return { outcome: status === 'SUCCEEDED' ? 'succeeded' : 'processing', providerRefundNo: id };
}

/**
 * Captures an approved order. PayPal-Request-Id `capture-{payNo}` makes each retry of the
 * APPROVED webhook the same capture. Only a COMPLETED capture is an event. A PENDING capture
 * (review, eCheck) or a DECLINED one is no payment outcome yet, and a PaymentEvent can only say
 * SUCCEEDED or CLOSED: these throw, PayPal re-sends the approval, and PAYMENT.CAPTURE.COMPLETED
 * brings the success when it comes.
 */
async function complete(call: Call, approval: Parameters<NonNullable<Channel<PayPalConfig>['complete']>>[1]): Promise<PaymentEvent> {
  const path = `${orderPath(approval.providerTradeNo)}/capture`;
  let reply = await paypalCall(call, path, { method: 'POST', requestId: `capture-${approval.payNo}`, body: {} });
  // Captured before, under a request id PayPal no longer keeps (6 h by default, §4.1): read the order.
  if (reply.status === 422 && errorCode(reply).code === 'ORDER_ALREADY_CAPTURED') reply = await paypalCall(call, orderPath(approval.providerTradeNo), { method: 'GET' });
  if (reply.status >= 400) throw new ProviderUnavailable(`paypal capture ${approval.providerTradeNo}: ${JSON.stringify(errorCode(reply))}`);
  // An order of several units (a combined group) captures them all: this event is the approval's unit's.
  const capture = captureOf(reply.body, approval.payNo);
  if (!capture) throw new ProviderUnavailable(`paypal capture ${approval.providerTradeNo}: no capture in reply`);
  if (capture.status !== 'COMPLETED' && !capture.status.endsWith('REFUNDED')) {
    throw new ProviderUnavailable(`paypal capture ${approval.providerTradeNo}: capture ${capture.id} is ${capture.status}`);
  }
  const paidAt = capture.createTime && !Number.isNaN(Date.parse(capture.createTime)) ? new Date(capture.createTime).toISOString() : undefined;
  return {
    // The capture, not the webhook: every path to the same capture is the same event.
    eventId: `paypal-capture-${capture.id}`,
    payNo: approval.payNo,
    channel: 'paypal',
    status: 'SUCCEEDED',
    providerStatus: 'COMPLETED',
    providerTradeNo: approval.providerTradeNo,
    amount: capture.amount,
    currency: capture.currency,
    paidAt,
  };
}

export const paypal: Channel<PayPalConfig> = {
  name: 'paypal',
  methods: PAYPAL_METHODS,
  currencies: PAYPAL_CURRENCIES,
  configSchema: paypalConfigSchema,
  secretFields: ['clientSecret'],
  create,
  query,
  close,
  refund,
  queryRefund,
  verifyCallback: verifyWebhook,
  complete,
  // Loaded on first use: an order of several purchase units for groups in combined mode.
  combined: {
    create: async (call, request) => (await import('./combined.ts')).createCombined(call, request),
    query: async (call, group) => (await import('./combined.ts')).queryCombined(call, group.members),
    close: async () => (await import('./combined.ts')).closeCombined(),
  },
  callbackReplies,
};
