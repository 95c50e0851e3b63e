/**
 * alipay.trade.fastpay.refund.query (opendocs): one refund by out_request_no (payee's refundNo).
 * It answers 10000 either way; refund data with refund_status REFUND_SUCCESS (or none, for older
 * trades) is a refund made, no refund data is a refund Alipay never made — the refund may be sent
 * again with the same out_request_no (opendocs: "没有查询到则代表未退款成功，可以调用退款接口进行重试").
 * Alipay refunds are synchronous: there is no "processing".
 */
import * as z from 'zod/mini';
import type { ChannelCall, ProviderRefund, RefundQuery } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { fromDecimalString } from '../../domain/money.ts';
import { describeReply, execute, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';

const refundQueryReply = z.looseObject({ refund_status: z.optional(z.string()), refund_amount: z.optional(z.string()), out_request_no: z.optional(z.string()) });

export async function queryRefund(call: ChannelCall<AlipayConfig>, query: RefundQuery): Promise<ProviderRefund> {
  const biz = { out_trade_no: query.payment.payNo, out_request_no: query.refundNo };
  const reply = await execute(call, signedRequest(call, 'alipay.trade.fastpay.refund.query', biz));
  if (reply.code !== '10000') {
    if (reply.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'NOT_FOUND', providerStatus: reply.sub_code };
    throw new ProviderUnavailable(`alipay.trade.fastpay.refund.query: ${describeReply(reply)}`);
  }
  const found = refundQueryReply.safeParse(reply);
  if (!found.success) throw new ProviderUnavailable('alipay.trade.fastpay.refund.query: unexpected reply');
  const { refund_status, refund_amount } = found.data;
  if (refund_amount === undefined) return { status: 'NOT_FOUND' };
  const amount = fromDecimalString(refund_amount, 'CNY');
  if (amount === undefined) throw new ProviderUnavailable(`alipay.trade.fastpay.refund.query: refund_amount ${refund_amount}`);
  if (refund_status !== undefined && refund_status !== 'REFUND_SUCCESS') throw new ProviderUnavailable(`alipay.trade.fastpay.refund.query: refund_status ${refund_status}`);
  return { status: 'SUCCEEDED', amount, providerStatus: refund_status ?? 'REFUND_SUCCESS' };
}
