/**
 * WeChat Pay combine transactions (合单支付, PROTOCOLS.md §6): one order at WeChat, numbered by the
 * group, holding every member as a sub-order numbered by its payNo; the buyer pays them all in one
 * step. A direct merchant's sub-orders are its own (2-10 of them); a 服务商's combine (sub-orders of
 * its sub-merchants) is not offered. Each sub-order is then an ordinary trade: refunds name it by
 * out_trade_no (refund.ts). WeChat requires scene_info.payer_client_ip on every combine create.
 */
import type { ChannelCall, CombinedRequest, CreateOutcome, ProviderPayment, ProviderPaymentRef } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { describeReply, errorCode, execute } from './client.ts';
import type { WechatConfig } from './config.ts';
import { action, NOT_A_REFUSAL, type Kind } from './create.ts';
import { fromWechatTime, toWechatTime } from './time.ts';
import { TRADE_STATUS } from './trade-state.ts';

type Call = ChannelCall<WechatConfig>;

const KINDS: Record<string, Kind> = { 'wechat.native': 'native', 'wechat.jsapi': 'jsapi', 'wechat.h5': 'h5', 'wechat.app': 'app' };
const combinePath = (groupNo: string) => `/v3/combine-transactions/out-trade-no/${encodeURIComponent(groupNo)}`;
const refusal = (code: string, message: string): CreateOutcome => ({ outcome: 'refused', code, message });

export async function createCombined(call: Call, request: CombinedRequest): Promise<CreateOutcome> {
  const { config } = call;
  if (config.mode === 'partner') return refusal('combine_partner_unsupported', 'payee combines the trades of a direct merchant only, not a 服务商’s sub-merchants');
  const kind = KINDS[request.method];
  if (!kind) return refusal('method_not_supported', `wechat has no combined method ${request.method}`);
  const payer = request.payer ?? {};
  if (!payer.clientIp) return refusal('payer_client_ip_required', 'WeChat combine transactions need payer.clientIp (scene_info.payer_client_ip)');
  if (kind === 'jsapi' && !payer.openid) return refusal('payer_openid_required', 'wechat.jsapi needs payer.openid');
  const path = `/v3/combine-transactions/${kind}`;
  const reply = await execute(call, 'POST', path, {
    combine_appid: config.appid,
    combine_mchid: config.mchid,
    combine_out_trade_no: request.groupNo,
    scene_info: { payer_client_ip: payer.clientIp, ...(kind === 'h5' ? { h5_info: { type: 'Wap' } } : {}) },
    ...(kind === 'jsapi' ? { combine_payer_info: { openid: payer.openid } } : {}),
    time_expire: toWechatTime(request.expiresAt),
    notify_url: request.callbackUrl,
    sub_orders: request.members.map((m) => ({
      mchid: config.mchid,
      // Echoed back in queries and notifications: the payNo again, for a reader of WeChat's records.
      attach: m.payNo,
      amount: { total_amount: m.amount, currency: m.currency },
      out_trade_no: m.payNo,
      // As a single order's: WeChat caps description at 127 bytes.
      description: [...m.subject].slice(0, 40).join(''),
    })),
  });
  if (reply.status >= 400) {
    const code = errorCode(reply);
    if (NOT_A_REFUSAL.has(code)) throw new ProviderUnavailable(`POST ${path}: ${describeReply(reply)}`);
    return refusal(code, typeof reply.data.message === 'string' ? reply.data.message : '');
  }
  return { outcome: 'created', action: action(call, kind, reply, `POST ${path}`) };
}

/** The sub-orders of the combine order, by out_trade_no (payNo); there is no state of the whole. */
export async function queryCombined(call: Call, groupNo: string): Promise<Map<string, ProviderPayment>> {
  const reply = await execute(call, 'GET', combinePath(groupNo));
  const found = new Map<string, ProviderPayment>();
  if (reply.status === 404 && errorCode(reply) === 'ORDER_NOT_EXIST') return found;
  if (reply.status !== 200 || !Array.isArray(reply.data.sub_orders)) throw new ProviderUnavailable(`query combine ${groupNo}: ${describeReply(reply)}`);
  for (const sub of reply.data.sub_orders as Record<string, any>[]) {
    const status = TRADE_STATUS[String(sub.trade_state)];
    if (typeof sub.out_trade_no !== 'string' || !status) throw new ProviderUnavailable(`query combine ${groupNo}: unexpected sub-order`);
    const paidAt = typeof sub.success_time === 'string' ? fromWechatTime(sub.success_time) : undefined;
    found.set(sub.out_trade_no, {
      status,
      providerTradeNo: sub.transaction_id || undefined,
      amount: sub.amount?.total_amount,
      currency: sub.amount?.currency ?? 'CNY',
      paidAt,
      providerStatus: sub.trade_state,
    });
  }
  return found;
}

/** Close repeats the create's whole sub-order list (§6); a paid or closed sub-order is for the query that follows to tell. */
export async function closeCombined(call: Call, group: { groupNo: string; members: ProviderPaymentRef[] }) {
  const { config } = call;
  if (config.mode === 'partner') return { outcome: 'refused', code: 'combine_partner_unsupported', message: 'no combine order for a 服务商' } as const;
  const reply = await execute(call, 'POST', `${combinePath(group.groupNo)}/close`, {
    combine_appid: config.appid,
    sub_orders: group.members.map((m) => ({ mchid: config.mchid, out_trade_no: m.payNo })),
  });
  const code = errorCode(reply);
  if (reply.status >= 400 && code !== 'ORDERPAID' && code !== 'ORDER_CLOSED') {
    if (NOT_A_REFUSAL.has(code)) throw new ProviderUnavailable(`close combine ${group.groupNo}: ${describeReply(reply)}`);
    return { outcome: 'refused', code, message: typeof reply.data.message === 'string' ? reply.data.message : '' } as const;
  }
  return { outcome: 'closed' } as const;
}
