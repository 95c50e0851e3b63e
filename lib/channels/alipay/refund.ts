/**
 * alipay.trade.refund (PROTOCOLS.md §1.4): part or all of a paid trade, idempotent per
 * out_request_no (payee's refundNo), confirmed by alipay.trade.fastpay.refund.query when the
 * refund reply does not say money moved.
 */
import * as z from 'zod/mini';
import type { ChannelCall, RefundOutcome, RefundRequest } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { toDecimalString } from '../../domain/money.ts';
import { execute, refusal, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';
import { queryRefund } from './refund-query.ts';

type Call = ChannelCall<AlipayConfig>;

const refundReply = z.looseObject({ fund_change: z.enum(['Y', 'N']) });

/** Was this out_request_no refunded, for this amount? (refund-query.ts) */
async function refundMade(call: Call, request: RefundRequest): Promise<boolean> {
  const found = await queryRefund(call, { payment: request.payment, refundNo: request.refundNo });
  return found.status === 'SUCCEEDED' && found.amount === request.amount;
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
  if (await refundMade(call, request)) return { outcome: 'succeeded' };
  throw new ProviderUnavailable(`alipay.trade.refund: fund_change N and refund ${request.refundNo} not found`);
}
