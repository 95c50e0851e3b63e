/**
 * UnionPay's refund (退货, txnType 04) notification (PROTOCOLS.md §3.3, the 2019 refund vector):
 * POSTed to the backUrl of the refund request, signed like every ACP message (notify.ts verifies
 * it). Its orderId is the refund's own (payee's refundNo) and origQryId the consumption's queryId:
 * nothing in it names the payment, so payee sends the payNo in the request's reqReserved, which
 * UnionPay echoes in the refund's notification and query (ACP 请求方保留域, returned as sent).
 */
import { fail } from '../callback.ts';
import type { CallbackFailure, CallbackVerdict, RefundEvent } from '../channel.ts';
import { ASK_AGAIN } from './client.ts';

/** 00 and A6 (success with defects) succeeded; 03/04/05 are not an outcome yet (§3.3); anything else failed. */
export function refundStatus(respCode: string): 'SUCCEEDED' | 'FAILED' | 'PROCESSING' {
  if (respCode === '00' || respCode === 'A6') return 'SUCCEEDED';
  return ASK_AGAIN.has(respCode) ? 'PROCESSING' : 'FAILED';
}

export function refundVerdict(params: Record<string, string>, eventId: string): { ok: true; refund: RefundEvent } | Extract<CallbackVerdict, { acknowledged: string }> | CallbackFailure {
  const { orderId, respCode, queryId, txnAmt, reqReserved } = params as Record<string, string>;
  if (params.currencyCode !== undefined && params.currencyCode !== '156') return fail('malformed', `currencyCode ${params.currencyCode} is not 156 (CNY)`);
  if (!/^\d{1,12}$/.test(txnAmt!)) return fail('malformed', `txnAmt ${txnAmt} is not an amount in fen`);
  const status = refundStatus(respCode!);
  // Genuine, but no outcome to apply: the refund sweep asks UnionPay later.
  if (status === 'PROCESSING') return { ok: true, acknowledged: `refund ${orderId} respCode ${respCode}: still being processed` };
  if (!reqReserved) return { ok: true, acknowledged: `refund ${orderId} without reqReserved: not one payee can place; the refund sweep settles it` };
  return {
    ok: true,
    refund: {
      kind: 'refund',
      eventId,
      payNo: reqReserved,
      refundNo: orderId!,
      channel: 'unionpay',
      status,
      providerStatus: respCode!,
      providerRefundNo: queryId,
      amount: Number(txnAmt),
      currency: 'CNY',
    },
  };
}
