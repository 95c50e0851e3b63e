/**
 * alipay.trade.refund (PROTOCOLS.md §1.4): part or all of a paid trade, idempotent per
 * out_request_no (payee's refundNo), confirmed by alipay.trade.fastpay.refund.query when the
 * refund reply does not say money moved.
 */
import * as z from 'zod/mini';
import type { ChannelCall, RefundOutcome, RefundRequest } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { toDecimalString } from '../../domain/money.ts';
import { describeReply, execute, refusal, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';

type Call = ChannelCall<AlipayConfig>;

const refundReply = z.looseObject({ fund_change: z.enum(['Y', 'N']) });
const refundQueryReply = z.looseObject({ refund_status: z.optional(z.string()), refund_amount: z.optional(z.string()) });

/**
 * Was this out_request_no refunded? The query answers 10000 either way; only refund_status
 * REFUND_SUCCESS says the refund was made (opendocs alipay.trade.fastpay.refund.query).
 */
async function refundMade(call: Call, request: RefundRequest, refundAmount: string): Promise<boolean> {
  const biz = { out_trade_no: request.payment.payNo, out_request_no: request.refundNo };
  const reply = await execute(call, signedRequest(call, 'alipay.trade.fastpay.refund.query', biz));
  if (reply.code !== '10000') throw new ProviderUnavailable(`alipay.trade.fastpay.refund.query: ${describeReply(reply)}`);
  const found = refundQueryReply.safeParse(reply);
  if (!found.success) throw new ProviderUnavailable('alipay.trade.fastpay.refund.query: unexpected reply');
  return found.data.refund_status === 'REFUND_SUCCESS' && found.data.refund_amount === refundAmount;
}

export async function refund(call: Call, request: RefundRequest): Promise<RefundOutcome> {
  if (request.payment.currency !== 'CNY') throw new InvalidRequest('currency_not_supported', 'alipay takes CNY only', 'currency');
  const refundAmount = toDecimalString(request.amount, 'CNY');
  const biz = {
    out_trade_no: request.payment.payNo,
    refund_amount: refundAmount,
    // The idempotency key: a retry with it is answered, not refunded twice; partial refunds need it.
    out_request_no: request.refundNo,
    refund_reason: request.reason,
  };
  const reply = await execute(call, signedRequest(call, 'alipay.trade.refund', biz));
  // 4xxxx: ACQ.TRADE_HAS_FINISHED, ACQ.REFUND_AMT_NOT_EQUAL_TOTAL, ACQ.DISCORDANT_REPEAT_REQUEST...
  // (ACQ.SYSTEM_ERROR and 20000 never get here: client.ts execute throws ProviderUnavailable).
  if (reply.code !== '10000') return refusal(reply);
  const answer = refundReply.safeParse(reply);
  if (!answer.success) throw new ProviderUnavailable('alipay.trade.refund: reply has no fund_change');
  if (answer.data.fund_change === 'Y') return { outcome: 'succeeded' };
  /*
   * fund_change N: no money moved on this call. For a replay of a refund already made that is
   * success; Alipay says only its refund query tells, so ask it. Not (yet) made: the outcome is
   * unknown and a retry with the same out_request_no is safe.
   */
  if (await refundMade(call, request, refundAmount)) return { outcome: 'succeeded' };
  throw new ProviderUnavailable(`alipay.trade.refund: fund_change N and refund ${request.refundNo} not found`);
}
