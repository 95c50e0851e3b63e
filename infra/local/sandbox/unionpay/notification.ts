/**
 * UnionPay's back notifications (PROTOCOLS.md §3.3, the 2019 vectors' fields): a signed form POST to
 * the backUrl of the consumption (txnType 01) or of the refund (txnType 04).
 */
import type { SandboxOrder, SandboxRefund } from './orders.ts';
import { signedMessage, type Signer } from './protocol.ts';

export const NOTIFY_CONTENT_TYPE = 'application/x-www-form-urlencoded;charset=UTF-8';

export function paymentNotification(order: SandboxOrder, signer: Signer): Record<string, string> {
  return signedMessage(
    {
      accessType: '0',
      bizType: '000201',
      currencyCode: order.currencyCode,
      encoding: 'UTF-8',
      merId: order.merId,
      orderId: order.orderId,
      queryId: order.queryId!,
      respCode: '00',
      respMsg: '成功[0000000]',
      settleAmt: order.txnAmt,
      settleCurrencyCode: '156',
      settleDate: order.settleDate!,
      traceNo: order.traceNo!,
      traceTime: order.traceTime!,
      txnAmt: order.txnAmt,
      txnSubType: '01',
      txnTime: order.txnTime,
      txnType: '01',
      version: '5.1.0',
    },
    signer,
  );
}

export function refundNotification(order: SandboxOrder, refund: SandboxRefund, signer: Signer): Record<string, string> {
  return signedMessage(
    {
      accessType: '0',
      bizType: '000000',
      currencyCode: order.currencyCode,
      encoding: 'UTF-8',
      merId: order.merId,
      orderId: refund.orderId,
      origQryId: refund.origQryId,
      queryId: refund.queryId,
      ...(refund.reqReserved === undefined ? {} : { reqReserved: refund.reqReserved }),
      ...refundResult(refund.respCode ?? '00'),
      settleAmt: refund.txnAmt,
      settleCurrencyCode: '156',
      txnAmt: refund.txnAmt,
      txnSubType: '00',
      txnTime: refund.txnTime,
      txnType: '04',
      version: '5.1.0',
    },
    signer,
  );
}

/** The respCode and respMsg of a refund's outcome: 00 success, 01 failed, 05 still being processed. */
export function refundResult(respCode: string): { respCode: string; respMsg: string } {
  return { respCode, respMsg: { '00': '成功[0000000]', '01': '交易失败[退货失败]', '05': '交易已受理，请稍后查询交易结果' }[respCode] ?? '交易失败' };
}

export function formBody(message: Record<string, string>): string {
  return new URLSearchParams(message).toString();
}
