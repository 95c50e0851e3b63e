/**
 * Creating an Orders v2 order (PROTOCOLS.md §4.1): one purchase unit per payment, each numbered by
 * its payNo (reference_id, custom_id and invoice_id alike: PayPal echoes the last two on captures
 * and their webhooks, order.ts payNoOf). A single payment is an order of one unit; a combined group
 * one order of a unit per member (§6: 1-10 units, one currency), approved once and captured once.
 * An order has no expiry field and PayPal has no close for it: expiresAt is enforced by payee.
 */
import type { ChannelCall, CreateOutcome } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { toPayPalAmount } from './amount.ts';
import { PayPalAuthRefused } from './auth.ts';
import { errorCode, paypalApi, type PayPalReply } from './client.ts';
import type { PayPalConfig } from './config.ts';

/** PayPal's limit on a purchase unit's description. */
const DESCRIPTION_MAX = 127;

export interface UnitRequest {
  payNo: string;
  subject: string;
  amount: number;
  currency: string;
}

export function purchaseUnitOf(unit: UnitRequest) {
  return {
    reference_id: unit.payNo,
    custom_id: unit.payNo,
    invoice_id: unit.payNo,
    description: unit.subject.slice(0, DESCRIPTION_MAX),
    amount: toPayPalAmount(unit.amount, unit.currency),
  };
}

function approveLink(body: Record<string, unknown>): string | undefined {
  const links = Array.isArray(body.links) ? (body.links as { rel?: unknown; href?: unknown }[]) : [];
  const link = links.find((l) => l.rel === 'approve' || l.rel === 'payer-action');
  return typeof link?.href === 'string' ? link.href : undefined;
}

/** PayPal-Request-Id = `requestId` (the payNo, or the groupNo) makes a retried create the same order. */
export async function createOrder(call: ChannelCall<PayPalConfig>, requestId: string, units: UnitRequest[], returnUrl?: string): Promise<CreateOutcome> {
  const body = {
    intent: 'CAPTURE',
    purchase_units: units.map(purchaseUnitOf),
    // The buyer comes back to returnUrl whether they approved or cancelled; payee's page reads the payment.
    ...(returnUrl ? { application_context: { return_url: returnUrl, cancel_url: returnUrl, user_action: 'PAY_NOW' } } : {}),
  };
  let reply: PayPalReply;
  try {
    reply = await paypalApi(call, '/v2/checkout/orders', { method: 'POST', requestId, body });
  } catch (error) {
    if (error instanceof PayPalAuthRefused) return { outcome: 'refused', code: 'invalid_client', message: error.message };
    throw error;
  }
  if (reply.status >= 400) return { outcome: 'refused', ...errorCode(reply) };
  const link = approveLink(reply.body);
  if (typeof reply.body.id !== 'string' || !link) throw new ProviderUnavailable('paypal create order: reply has no id or approve link');
  return { outcome: 'created', action: { type: 'redirect', value: link }, providerTradeNo: reply.body.id };
}
