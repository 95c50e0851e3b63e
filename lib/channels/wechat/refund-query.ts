/**
 * GET /v3/refund/domestic/refunds/{out_refund_no} (PROTOCOLS.md §2.4): one refund by payee's
 * refundNo. 404 RESOURCE_NOT_EXISTS: WeChat never took this refund.
 */
import type { ChannelCall, ProviderRefund, RefundQuery } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { describeReply, errorCode, execute } from './client.ts';
import type { WechatConfig } from './config.ts';
import { refundQuery } from './partner.ts';
import { REFUND_STATUS } from './refund-notify.ts';

export async function queryRefund(call: ChannelCall<WechatConfig>, query: RefundQuery): Promise<ProviderRefund> {
  const reply = await execute(call, 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(query.refundNo)}${refundQuery(call.config)}`);
  if (reply.status === 404 && errorCode(reply) === 'RESOURCE_NOT_EXISTS') return { status: 'NOT_FOUND' };
  if (reply.status !== 200) throw new ProviderUnavailable(`refund query: ${describeReply(reply)}`);
  const word = typeof reply.data.status === 'string' ? reply.data.status : '';
  const status = REFUND_STATUS[word];
  if (!status) throw new ProviderUnavailable(`refund query: unexpected status ${word || '(none)'}`);
  const amount = reply.data.amount as { refund?: unknown } | undefined;
  return {
    status,
    providerStatus: word,
    providerRefundNo: typeof reply.data.refund_id === 'string' ? reply.data.refund_id : undefined,
    amount: typeof amount?.refund === 'number' ? amount.refund : undefined,
  };
}
