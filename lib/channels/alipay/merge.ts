/**
 * Alipay merge pay (合并支付, PROTOCOLS.md §6): every member is a sub-order (its own trade, numbered
 * by its payNo) of one merge the buyer pays in one step. wap and app first precreate the merge on
 * the server (alipay.trade.merge.precreate → pre_order_no), then hand the buyer a signed
 * alipay.trade.wap.merge.pay / alipay.trade.app.merge.pay naming it; page sends the whole merge in
 * one browser navigation (alipay.trade.page.merge.pay). There is no merge-level state or close:
 * each sub-order is afterwards an ordinary trade with its own notify, query, close and refund.
 * A direct merchant's own sub-orders only (each names the config's app_id and seller_id); an ISV's
 * merge of sub-merchants' trades is not offered.
 */
import type { ChannelCall, CombinedRequest, CreateOutcome, ProviderPayment, ProviderPaymentRef } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { toDecimalString } from '../../domain/money.ts';
import { describeReply, execute, gatewayGetUrl, orderString, refusal, signedRequest } from './client.ts';
import { close } from './close.ts';
import type { AlipayConfig } from './config.ts';
import { query } from './query.ts';
import { toAlipayTime } from './time.ts';

type Call = ChannelCall<AlipayConfig>;

/** The product each method's sub-orders are signed for, as for a single trade of that method (index.ts). */
const PRODUCT_CODES: Record<string, string> = {
  'alipay.page': 'FAST_INSTANT_TRADE_PAY',
  'alipay.wap': 'QUICK_WAP_WAY',
  'alipay.app': 'QUICK_MSECURITY_PAY',
};

const refused = (code: string, message: string): CreateOutcome => ({ outcome: 'refused', code, message });

/** order_details: one per member, each this merchant's own trade. */
export function orderDetails(config: AlipayConfig, request: CombinedRequest, productCode: string) {
  return request.members.map((m) => ({
    app_id: config.appId,
    out_trade_no: m.payNo,
    ...(config.sellerId ? { seller_id: config.sellerId } : {}),
    product_code: productCode,
    total_amount: toDecimalString(m.amount, 'CNY'),
    subject: m.subject,
  }));
}

/** Builds the merge of `request`'s members: the action the buyer is shown, or Alipay's refusal. */
export async function createMerge(call: Call, request: CombinedRequest): Promise<CreateOutcome> {
  if (call.config.mode === 'isv') return refused('merge_isv_unsupported', 'payee merges the trades of a direct merchant only, not an ISV’s sub-merchants');
  const productCode = PRODUCT_CODES[request.method];
  if (!productCode) return refused('method_not_supported', `alipay has no merge pay for ${request.method} (page, wap or app)`);
  const foreign = request.members.find((m) => m.currency !== 'CNY');
  if (foreign) return refused('currency_not_supported', `alipay takes CNY only, not ${foreign.currency}`);
  const details = orderDetails(call.config, request, productCode);
  const timeExpire = toAlipayTime(request.expiresAt);

  if (request.method === 'alipay.page') {
    // One navigation carries the whole merge: nothing is sent from the server, nothing can fail here.
    const params = signedRequest(call, 'alipay.trade.page.merge.pay', { order_details: details, time_expire: timeExpire }, {
      notify_url: request.callbackUrl,
      return_url: request.returnUrl,
    });
    return { outcome: 'created', action: { type: 'redirect', value: gatewayGetUrl(call.config.gatewayUrl, params) } };
  }

  const reply = await execute(call, signedRequest(call, 'alipay.trade.merge.precreate', { order_details: details, time_expire: timeExpire }, { notify_url: request.callbackUrl }));
  if (reply.code !== '10000') return refusal(reply);
  const preOrderNo = reply.pre_order_no;
  if (typeof preOrderNo !== 'string' || !preOrderNo) throw new ProviderUnavailable(`alipay.trade.merge.precreate: reply has no pre_order_no (${describeReply(reply)})`);
  // Alipay checks each sub-order on its own: one that failed is named in order_detail_results.
  const results = Array.isArray(reply.order_detail_results) ? (reply.order_detail_results as Record<string, unknown>[]) : [];
  const failed = results.find((r) => r.success === false || r.success === 'false');
  if (failed) return refused(String(failed.result_code ?? 'ORDER_DETAIL_FAILED'), `sub-order ${String(failed.out_trade_no)} was not accepted`);

  if (request.method === 'alipay.wap') {
    const params = signedRequest(call, 'alipay.trade.wap.merge.pay', { pre_order_no: preOrderNo }, { return_url: request.returnUrl });
    return { outcome: 'created', action: { type: 'redirect', value: gatewayGetUrl(call.config.gatewayUrl, params) } };
  }
  const params = signedRequest(call, 'alipay.trade.app.merge.pay', { pre_order_no: preOrderNo });
  return { outcome: 'created', action: { type: 'app_params', value: orderString(params) } };
}

/** Each sub-order by alipay.trade.query, one call per member (Alipay has no merge-level query). */
export async function queryMerge(call: Call, members: ProviderPaymentRef[]): Promise<Map<string, ProviderPayment>> {
  const found = new Map<string, ProviderPayment>();
  for (const m of members) found.set(m.payNo, await query(call, m));
  return found;
}

/**
 * Each sub-order by alipay.trade.close: Alipay has no merge-level close. A sub-order the buyer paid
 * meanwhile is for the query that follows to tell; the first refusal stops the rest, so that a
 * retry finds them as they were.
 */
export async function closeMerge(call: Call, members: ProviderPaymentRef[]) {
  for (const m of members) {
    const outcome = await close(call, m);
    if (outcome.outcome === 'refused') return outcome;
  }
  return { outcome: 'closed' } as const;
}
