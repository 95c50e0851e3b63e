/**
 * The sandbox's alipay.trade.close, alipay.trade.refund and alipay.trade.fastpay.refund.query, with
 * Alipay's error words (PROTOCOLS.md §1.4; opendocs error tables of each API).
 */
import { field, GatewayError, positiveCents, success, visibleTrade, yuan } from './biz.ts';
import type { Call, GatewayReply } from './gateway.ts';
import { newNotifyId } from './notification.ts';
import { beijingTime } from './protocol.ts';
import type { SandboxTrade } from './trades.ts';

/** Stored amounts are normalised yuan with 2 decimals (biz.ts yuan), so cents are their digits. */
const cents = (amount: string) => Number(amount.replace('.', ''));
const refunded = (trade: SandboxTrade) => (trade.refunds ?? []).reduce((sum, r) => sum + cents(r.refundAmount), 0);

/**
 * Closes an unpaid trade; Alipay then notifies TRADE_CLOSED. A QR nobody scanned is no trade yet:
 * ACQ.TRADE_NOT_EXIST, and, as at Alipay, the QR stays payable until its time_expire.
 */
export function closeTrade(call: Call): GatewayReply {
  const trade = visibleTrade(call);
  if (trade.status !== 'WAIT_BUYER_PAY') throw new GatewayError('40004', 'ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
  trade.status = 'TRADE_CLOSED';
  trade.closedAt = call.now;
  return {
    ...success(call, { trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo }),
    notify: { trade, notification: { notifyId: newNotifyId(call.now), tradeStatus: 'TRADE_CLOSED' } },
  };
}

/**
 * Refunds part or all of a paid trade, idempotent per out_request_no: the same request again is
 * answered fund_change N (nothing moved this time), another amount under the same out_request_no
 * is ACQ.DISCORDANT_REPEAT_REQUEST. Each refund is notified with its out_biz_no and the refunded
 * total (refund_fee): TRADE_SUCCESS, or TRADE_CLOSED when it refunds all of the trade (§1.5).
 */
export function refundTrade(call: Call): GatewayReply {
  const trade = visibleTrade(call);
  const amount = positiveCents(call.biz, 'refund_amount');
  // Without out_request_no Alipay takes the trade itself as the request: one (full) refund.
  const outRequestNo = field(call.biz, 'out_request_no') ?? trade.tradeNo;
  const reply = (fundChange: 'Y' | 'N') =>
    success(call, {
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      buyer_logon_id: trade.buyerLogonId ?? '',
      buyer_user_id: trade.buyerId ?? '',
      fund_change: fundChange,
      refund_fee: yuan(refunded(trade)),
      gmt_refund_pay: beijingTime(call.now),
    });

  const earlier = trade.refunds?.find((r) => r.outRequestNo === outRequestNo);
  if (earlier) {
    if (cents(earlier.refundAmount) !== amount) throw new GatewayError('40004', 'ACQ.DISCORDANT_REPEAT_REQUEST', '不一致的请求');
    return reply('N');
  }
  if (trade.status === 'TRADE_FINISHED') throw new GatewayError('40004', 'ACQ.TRADE_HAS_FINISHED', '交易已完结');
  if (trade.status !== 'TRADE_SUCCESS') throw new GatewayError('40004', 'ACQ.TRADE_STATUS_ERROR', '交易状态非法');
  const total = cents(trade.totalAmount);
  if (refunded(trade) + amount > total) throw new GatewayError('40004', 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');

  (trade.refunds ??= []).push({ outRequestNo, refundAmount: yuan(amount), refundedAt: call.now });
  const answer = reply('Y');
  const full = refunded(trade) >= total;
  if (full) {
    trade.status = 'TRADE_CLOSED';
    trade.closedAt = call.now;
  }
  // Every refund is notified on the trade: TRADE_SUCCESS while money is left, TRADE_CLOSED once all is refunded.
  const refund = { outBizNo: outRequestNo, refundFee: yuan(refunded(trade)), gmtRefund: call.now };
  return { ...answer, notify: { trade, notification: { notifyId: newNotifyId(call.now), tradeStatus: full ? 'TRADE_CLOSED' : 'TRADE_SUCCESS', refund } } };
}

/**
 * One refund by out_request_no. A refund Alipay has not made is answered 10000 without refund
 * fields (opendocs alipay.trade.fastpay.refund.query: no data means no refund).
 */
export function refundQuery(call: Call): GatewayReply {
  const trade = visibleTrade(call);
  const outRequestNo = field(call.biz, 'out_request_no');
  if (!outRequestNo) throw new GatewayError('40002', 'isv.missing-parameter', '缺少必选参数 out_request_no');
  const refund = trade.refunds?.find((r) => r.outRequestNo === outRequestNo);
  const fields: Record<string, string> = { trade_no: trade.tradeNo, out_trade_no: trade.outTradeNo };
  if (refund) {
    Object.assign(fields, {
      out_request_no: refund.outRequestNo,
      total_amount: trade.totalAmount,
      refund_amount: refund.refundAmount,
      refund_status: 'REFUND_SUCCESS',
    });
  }
  return success(call, fields);
}
