/**
 * The asynchronous notify Alipay sends for a trade (PROTOCOLS.md §1.5), with the typical fields of
 * a real one (compare /work/shared/providers/vectors/alipay/notify-2019.json).
 */
import { randomInt, type KeyObject } from 'node:crypto';
import { beijingTime, signedNotifyBody } from './protocol.ts';
import type { NotifiedStatus, SandboxTrade } from './trades.ts';

export const NOTIFY_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** One notification: Alipay keeps its notify_id (and what it reports) across every retry. */
export interface Notification {
  notifyId: string;
  tradeStatus: NotifiedStatus;
  /** The refund the notify reports: TRADE_SUCCESS after a partial refund, TRADE_CLOSED after a full one (§1.5). */
  refund?: { outBizNo: string; refundFee: string; gmtRefund: Date };
}

/** 34 digits like Alipay's (`2019081500222155624068450559358070`): the GMT+8 date, then digits. */
export function newNotifyId(now: Date): string {
  let id = beijingTime(now).slice(0, 10).replaceAll('-', '');
  while (id.length < 34) id += String(randomInt(0, 10));
  return id;
}

/**
 * The signed form body of one delivery. Built per attempt: notify_time is when this attempt is
 * sent, while notify_id and the trade facts stay those of the notification.
 */
export function notifyBody(trade: SandboxTrade, notification: Notification, now: Date, alipayKey: KeyObject): string {
  const params: Record<string, string> = {
    notify_time: beijingTime(now),
    notify_type: 'trade_status_sync',
    notify_id: notification.notifyId,
    app_id: trade.appId,
    // The app the trade is for: the sub-merchant's own under an ISV's app_auth_token.
    auth_app_id: trade.authAppId ?? trade.appId,
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'RSA2',
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: notification.tradeStatus,
    total_amount: trade.totalAmount,
    subject: trade.subject,
    gmt_create: beijingTime(trade.createdAt),
    seller_id: trade.sellerId,
  };
  if (trade.buyerId && trade.buyerLogonId) {
    params.buyer_id = trade.buyerId;
    params.buyer_logon_id = trade.buyerLogonId;
  }
  if (trade.paidAt) {
    // The sandbox buyer pays everything from the Alipay balance: no points, no discounts.
    Object.assign(params, {
      receipt_amount: trade.totalAmount,
      buyer_pay_amount: trade.totalAmount,
      invoice_amount: trade.totalAmount,
      point_amount: '0.00',
      gmt_payment: beijingTime(trade.paidAt),
      fund_bill_list: JSON.stringify([{ amount: trade.totalAmount, fundChannel: 'ALIPAYACCOUNT' }]),
    });
  }
  if (notification.tradeStatus !== 'TRADE_SUCCESS' && trade.closedAt) params.gmt_close = beijingTime(trade.closedAt);
  if (notification.refund) {
    // refund_fee is what has been refunded in all; out_biz_no the refund's out_request_no.
    Object.assign(params, {
      refund_fee: notification.refund.refundFee,
      // Alipay writes it with milliseconds: 2015-04-28 15:45:57.320.
      gmt_refund: `${beijingTime(notification.refund.gmtRefund)}.${String(notification.refund.gmtRefund.getUTCMilliseconds()).padStart(3, '0')}`,
      out_biz_no: notification.refund.outBizNo,
    });
  }
  return signedNotifyBody(params, alipayKey);
}
