/**
 * Alipay's notify after a refund (PROTOCOLS.md §1.4–1.5): Alipay reports refunds on the trade's
 * own trade_status_sync notify, to the payment's notify_url — TRADE_SUCCESS after a partial
 * refund, TRADE_CLOSED once refunds reach the whole amount — with the refund in out_biz_no (the
 * refund request's out_request_no: payee's refundNo), gmt_refund, and refund_fee, which is the
 * trade's refunded total so far, not this refund's amount (opendocs 异步通知参数: "退款通知中，返回
 * 总退款金额"). So the event states the trade's amount (checked against the payment) and not its own.
 * Alipay refunds succeed or are refused synchronously: a refund notify always means SUCCEEDED.
 */
import type { CallbackVerdict } from '../channel.ts';

/** A notify about a refund rather than the payment: it names one, or says when one was made. */
export const isRefundNotify = (params: Record<string, string>): boolean => Boolean(params.out_biz_no || params.gmt_refund);

export function refundVerdict(params: Record<string, string>, eventId: string, tradeAmount: number, notifiedAt: string | undefined): CallbackVerdict {
  if (!params.out_biz_no) return { ok: true, acknowledged: `refund notify of ${params.out_trade_no} without out_biz_no: no refund to name` };
  return {
    ok: true,
    refund: {
      kind: 'refund',
      eventId,
      payNo: params.out_trade_no!,
      refundNo: params.out_biz_no,
      channel: 'alipay',
      status: 'SUCCEEDED',
      providerStatus: params.trade_status!,
      currency: 'CNY',
      tradeAmount,
      notifiedAt,
    },
  };
}
