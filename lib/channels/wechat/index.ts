/**
 * The WeChat Pay channel (API v3, a direct-connect merchant or a 服务商 for a sub-merchant: the
 * wire shape by mode is partner.ts): native, JSAPI, H5 and APP pay, query, close, refund, and the
 * encrypted payment notifications (notify.ts).
 * Protocol reference: /work/shared/providers/PROTOCOLS.md §2.
 */
import { WECHAT_METHODS, type WechatMethod } from './methods.ts';
import * as z from 'zod/mini';
import type { Channel, ChannelCall, CloseOutcome, ProviderPayment, RefundOutcome } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { describeReply, errorCode, execute } from './client.ts';
import { wechatConfigSchemas, type WechatConfig } from './config.ts';
import { callbackReplies, verifyCallback } from './notify.ts';
import { closeBody, refundIds, tradePath, tradeQuery } from './partner.ts';
import { queryRefund } from './refund-query.ts';
import { fromWechatTime } from './time.ts';
import { TRADE_STATUS as STATUS } from './trade-state.ts';

export type { WechatConfig } from './config.ts';

type Call = ChannelCall<WechatConfig>;

const KINDS = { 'wechat.native': 'native', 'wechat.jsapi': 'jsapi', 'wechat.h5': 'h5', 'wechat.app': 'app' } as const satisfies Record<WechatMethod, string>;


const transactionSchema = z.looseObject({
  trade_state: z.string(),
  transaction_id: z.optional(z.string()),
  success_time: z.optional(z.string()),
  amount: z.optional(z.looseObject({ total: z.optional(z.number().check(z.int())), currency: z.optional(z.string()) })),
});

async function query(call: Call, payment: { payNo: string }): Promise<ProviderPayment> {
  const reply = await execute(call, 'GET', `${tradePath(call.config, payment.payNo)}?${tradeQuery(call.config)}`);
  if (reply.status === 404 && errorCode(reply) === 'ORDER_NOT_EXIST') return { status: 'NOT_FOUND' };
  if (reply.status !== 200) throw new ProviderUnavailable(`query: ${describeReply(reply)}`);
  const trade = transactionSchema.safeParse(reply.data);
  const status = trade.success ? STATUS[trade.data.trade_state] : undefined;
  if (!trade.success || !status) throw new ProviderUnavailable('query: unexpected transaction in reply');
  const { trade_state, transaction_id, success_time, amount } = trade.data;
  const paidAt = success_time === undefined ? undefined : fromWechatTime(success_time);
  if (success_time !== undefined && !paidAt) throw new ProviderUnavailable(`query: malformed success_time ${success_time}`);
  return { status, providerTradeNo: transaction_id || undefined, amount: amount?.total, currency: amount?.currency ?? 'CNY', paidAt, providerStatus: trade_state };
}

/**
 * Close answers 204 (§2.4), or an error when the trade went on (ORDERPAID, ORDER_CLOSED). Either way
 * a query then says what the trade really is, so that a payment paid meanwhile ends SUCCEEDED.
 */
async function close(call: Call, payment: { payNo: string }): Promise<CloseOutcome> {
  const reply = await execute(call, 'POST', `${tradePath(call.config, payment.payNo)}/close`, closeBody(call.config));
  const code = errorCode(reply);
  if (reply.status >= 400 && code !== 'ORDERPAID' && code !== 'ORDER_CLOSED') {
    return { outcome: 'refused', code, message: typeof reply.data.message === 'string' ? reply.data.message : '' };
  }
  const now = await query(call, payment);
  if (now.status === 'SUCCEEDED' || now.status === 'REFUNDED') return { outcome: 'paid', payment: now };
  if (now.status === 'CLOSED' || now.status === 'NOT_FOUND') return { outcome: 'closed' };
  throw new ProviderUnavailable(`close: the trade is still ${now.providerStatus} after closing`);
}

/** Refund status (§2.4): SUCCESS and PROCESSING go on; ABNORMAL (bank account problem) and CLOSED do not. */
const REFUND_OUTCOME: Record<string, 'succeeded' | 'processing' | 'refused'> = {
  SUCCESS: 'succeeded',
  PROCESSING: 'processing',
  ABNORMAL: 'refused',
  CLOSED: 'refused',
};

async function refund(call: Call, request: Parameters<Channel<WechatConfig>['refund']>[1]): Promise<RefundOutcome> {
  const { payment } = request;
  const reply = await execute(call, 'POST', '/v3/refund/domestic/refunds', {
    ...refundIds(call.config),
    ...(payment.providerTradeNo ? { transaction_id: payment.providerTradeNo } : { out_trade_no: payment.payNo }),
    out_refund_no: request.refundNo,
    reason: request.reason,
    notify_url: request.callbackUrl,
    amount: { refund: request.amount, total: payment.amount, currency: payment.currency },
  });
  if (reply.status >= 400) {
    const code = errorCode(reply);
    if (code === 'SYSTEM_ERROR' || code === 'FREQUENCY_LIMITED') throw new ProviderUnavailable(`refund: ${describeReply(reply)}`);
    return { outcome: 'refused', code, message: typeof reply.data.message === 'string' ? reply.data.message : '' };
  }
  const status = typeof reply.data.status === 'string' ? reply.data.status : '';
  const outcome = REFUND_OUTCOME[status];
  if (!outcome) throw new ProviderUnavailable(`refund: unexpected status ${status || '(none)'}`);
  if (outcome === 'refused') return { outcome, code: `REFUND_${status}`, message: `the refund is ${status}` };
  return { outcome, providerRefundNo: typeof reply.data.refund_id === 'string' ? reply.data.refund_id : undefined };
}

export const wechat: Channel<WechatConfig> = {
  name: 'wechat',
  methods: WECHAT_METHODS,
  currencies: ['CNY'],
  configSchema: wechatConfigSchemas,
  secretFields: ['privateKey', 'apiV3Key'],
  async create(call, request) {
    const kind = KINDS[request.method as keyof typeof KINDS];
    if (!kind) throw new InvalidRequest('method_not_supported', `wechat has no method ${request.method}`, 'method');
    // Domestic merchants take CNY only, in integer fen: `amount.total` is already minor units (§5).
    if (request.currency !== 'CNY') throw new InvalidRequest('currency_not_supported', 'wechat takes CNY only', 'currency');
    // Loaded on first use: the callback and worker functions, which never create, do not carry it.
    return (await import('./create.ts')).createOrder(call, kind, request);
  },
  query,
  close,
  refund,
  queryRefund,
  // Loaded on first use: only the daily statement job reads bills (zip, GBK), not the request paths.
  statement: async (call, day) => (await import('./statement.ts')).statement(call, day),
  // Loaded on first use, as creating is: combine transactions (合单支付) for groups in combined mode.
  combined: {
    create: async (call, request) => (await import('./combine.ts')).createCombined(call, request),
    query: async (call, group) => (await import('./combine.ts')).queryCombined(call, group.groupNo),
    close: async (call, group) => (await import('./combine.ts')).closeCombined(call, group),
  },
  // Local verification: the platform keys are in the config (§2.2), nothing is fetched.
  verifyCallback: async (call, request) => verifyCallback(call.config, request, call.now()),
  callbackReplies,
};
