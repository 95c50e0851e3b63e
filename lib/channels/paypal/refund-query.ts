/**
 * A refund's state at PayPal (PROTOCOLS.md §4.1): GET /v2/payments/refunds/{id}. A refund whose
 * create never answered has no id at payee: its order's payments.refunds names it by invoice_id
 * (the refundNo); absent there, PayPal never made it.
 */
import type { ChannelCall, ProviderRefund, RefundQuery } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { fromPayPalAmount } from './amount.ts';
import { errorCode, paypalCall } from './client.ts';
import type { PayPalConfig } from './config.ts';
import { purchaseUnit } from './order.ts';
import { REFUND_STATUS } from './refund-notify.ts';

type Call = ChannelCall<PayPalConfig>;

async function refundId(call: Call, query: RefundQuery): Promise<string | undefined> {
  if (query.providerRefundNo) return query.providerRefundNo;
  if (!query.payment.providerTradeNo) return undefined;
  const order = await paypalCall(call, `/v2/checkout/orders/${encodeURIComponent(query.payment.providerTradeNo)}`, { method: 'GET' });
  if (order.status === 404) return undefined;
  if (order.status >= 400) throw new ProviderUnavailable(`paypal get order: ${JSON.stringify(errorCode(order))}`);
  const payments = purchaseUnit(order.body, query.payment.payNo)?.payments as { refunds?: unknown } | undefined;
  const refunds = Array.isArray(payments?.refunds) ? (payments.refunds as Record<string, unknown>[]) : [];
  const found = refunds.find((r) => r.invoice_id === query.refundNo);
  return typeof found?.id === 'string' ? found.id : undefined;
}

export async function queryRefund(call: Call, query: RefundQuery): Promise<ProviderRefund> {
  const id = await refundId(call, query);
  if (!id) return { status: 'NOT_FOUND' };
  const reply = await paypalCall(call, `/v2/payments/refunds/${encodeURIComponent(id)}`, { method: 'GET' });
  if (reply.status === 404) return { status: 'NOT_FOUND' };
  if (reply.status >= 400) throw new ProviderUnavailable(`paypal get refund: ${JSON.stringify(errorCode(reply))}`);
  const word = typeof reply.body.status === 'string' ? reply.body.status : '';
  const status = REFUND_STATUS[word];
  if (!status) throw new ProviderUnavailable(`paypal get refund: unexpected status ${word || '(none)'}`);
  return { status, providerStatus: word, providerRefundNo: id, amount: fromPayPalAmount(reply.body.amount)?.amount };
}
