/**
 * A refund's state at UnionPay (PROTOCOLS.md §3.3): queryTrans.do (txnType 00) for the refund's
 * own orderId (the refundNo) and txnTime (derived from it, time.ts). respCode is the query's own
 * result (34: UnionPay has no such refund), origRespCode the refund's.
 */
import type { ChannelCall, ProviderRefund, RefundQuery } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { ASK_AGAIN, describeReply, post, signedRequest } from './client.ts';
import type { UnionpayConfig } from './config.ts';
import { refundStatus } from './refund-notify.ts';
import { orderTime, toAcpTime } from './time.ts';

export async function queryRefund(call: ChannelCall<UnionpayConfig>, query: RefundQuery): Promise<ProviderRefund> {
  const request = signedRequest(call, {
    txnType: '00',
    txnSubType: '00',
    bizType: '000000',
    orderId: query.refundNo,
    txnTime: toAcpTime(orderTime(query.refundNo)),
  });
  const reply = await post(call, call.config.queryTransUrl, request, 'queryTrans refund');
  const { respCode = '', origRespCode = '' } = reply;
  if (respCode === '34') return { status: 'NOT_FOUND', providerStatus: respCode };
  if (ASK_AGAIN.has(respCode)) return { status: 'PROCESSING', providerStatus: respCode };
  if (respCode !== '00' && respCode !== 'A6') throw new ProviderUnavailable(`queryTrans refund: ${describeReply(reply)}`);
  if (reply.txnType !== undefined && reply.txnType !== '04') throw new ProviderUnavailable(`queryTrans refund: order ${query.refundNo} is txnType ${reply.txnType}, not a refund`);
  const amount = /^\d{1,12}$/.test(reply.txnAmt ?? '') ? Number(reply.txnAmt) : undefined;
  return { status: refundStatus(origRespCode), providerStatus: origRespCode, providerRefundNo: reply.queryId || undefined, amount };
}
