/**
 * A combined group at PayPal (PROTOCOLS.md §6): one order with a purchase unit per member (1-10,
 * one currency; create-order.ts), approved once by the buyer. Its CHECKOUT.ORDER.APPROVED names the
 * first unit's payment; capturing it (index.ts complete) captures every unit, one capture each, and
 * PayPal sends PAYMENT.CAPTURE.COMPLETED per capture with that unit's custom_id, so each member
 * settles as a payment of its own. Refunds stay per member: each refunds its own unit's capture.
 */
import type { ChannelCall, CombinedRequest, CreateOutcome, ProviderPayment, ProviderPaymentRef } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { PAYPAL_CURRENCIES } from './amount.ts';
import { errorCode, paypalCall } from './client.ts';
import type { PayPalConfig } from './config.ts';
import { createOrder } from './create-order.ts';
import { orderPayment } from './order.ts';

type Call = ChannelCall<PayPalConfig>;

const refused = (code: string, message: string): CreateOutcome => ({ outcome: 'refused', code, message });

/** The group's number is the order's PayPal-Request-Id: a retried create is the same order. */
export async function createCombined(call: Call, request: CombinedRequest): Promise<CreateOutcome> {
  if (request.method !== 'paypal.checkout') return refused('method_not_supported', `paypal has no method ${request.method}`);
  const currency = request.members[0]?.currency ?? '';
  if (!(PAYPAL_CURRENCIES as readonly string[]).includes(currency)) return refused('currency_not_supported', `paypal takes ${PAYPAL_CURRENCIES.join(', ')}`);
  const other = request.members.find((m) => m.currency !== currency);
  if (other) return refused('MULTI_CURRENCY_ORDER', `every purchase unit must be in ${currency}, not ${other.currency}`);
  return createOrder(call, request.groupNo, request.members, request.returnUrl);
}

/** Every member's unit, from the one order (its id is every member's providerTradeNo). */
export async function queryCombined(call: Call, members: ProviderPaymentRef[]): Promise<Map<string, ProviderPayment>> {
  const found = new Map<string, ProviderPayment>();
  const orderId = members.find((m) => m.providerTradeNo)?.providerTradeNo;
  // A create that never answered left no order id: Orders v2 has no search, so nothing to ask about.
  if (!orderId) return found;
  const reply = await paypalCall(call, `/v2/checkout/orders/${encodeURIComponent(orderId)}`, { method: 'GET' });
  if (reply.status === 404) return found;
  if (reply.status >= 400) throw new ProviderUnavailable(`paypal get order: ${JSON.stringify(errorCode(reply))}`);
  for (const m of members) {
    const read = orderPayment(reply.body, m.payNo);
    if (!read) throw new ProviderUnavailable(`paypal get order ${orderId}: no readable purchase unit for ${m.payNo}`);
    found.set(m.payNo, read);
  }
  return found;
}

/**
 * PayPal has no close for an order (§4.1): the group is closed at payee, and an approval that comes
 * afterwards is not captured (its payment is no longer open: lib/callbacks/receive-callback.ts).
 * A unit captured meanwhile is for the query that follows to tell.
 */
export async function closeCombined(): Promise<{ outcome: 'closed' }> {
  return { outcome: 'closed' };
}
