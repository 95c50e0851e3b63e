/**
 * alipay.trade.close (PROTOCOLS.md §1.4): closes a WAIT_BUYER_PAY trade. Its refusals are read
 * against the trade's real state so that a payment the buyer made meanwhile is never closed.
 */
import type { ChannelCall, CloseOutcome, ProviderPaymentRef } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { execute, refusal, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';
import { query } from './query.ts';

/**
 * "The trade is not waiting for payment" (opendocs alipay.trade.close; the REASON_ words are
 * OpenAPI v3's): paid, finished, or already closed (a retried close). The query tells which.
 */
const NOT_WAITING = new Set(['ACQ.TRADE_STATUS_ERROR', 'ACQ.REASON_TRADE_STATUS_INVALID', 'ACQ.REASON_ILLEGAL_STATUS']);

export async function close(call: ChannelCall<AlipayConfig>, payment: ProviderPaymentRef): Promise<CloseOutcome> {
  const reply = await execute(call, signedRequest(call, 'alipay.trade.close', { out_trade_no: payment.payNo }));
  if (reply.code === '10000') return { outcome: 'closed' };
  /*
   * ACQ.TRADE_NOT_EXIST: Alipay creates the trade only when the buyer scans the QR or reaches the
   * cashier (page/wap/app), so there is nothing to close and nothing has been paid. Real Alipay
   * has no call that voids a precreate QR before that: it stays payable until the time_expire
   * payee sent with it (= the payment's expiresAt, index.ts bizContent). A scan and payment
   * after this close arrives as a TRADE_SUCCESS notify (and query) for a payment payee closed.
   */
  if (reply.sub_code === 'ACQ.TRADE_NOT_EXIST') return { outcome: 'closed' };
  if (!NOT_WAITING.has(reply.sub_code ?? '')) return refusal(reply);

  const trade = await query(call, payment);
  if (trade.status === 'SUCCEEDED' || trade.status === 'REFUNDED') return { outcome: 'paid', payment: trade };
  if (trade.status === 'CLOSED') return { outcome: 'closed' };
  throw new ProviderUnavailable(`alipay.trade.close: ${reply.sub_code} but query says ${trade.status}`);
}
