/**
 * WeChat Pay API v3 as the sandbox serves it (PROTOCOLS.md §2.4), after the request's Authorization
 * has been verified: create (native, jsapi, h5, app), query, close, refund; for a 服务商 (the
 * signer is the service provider) the partner APIs, on behalf of one of its sub-merchants
 * (`/v3/pay/partner/transactions/…` with sp_mchid/sp_appid/sub_mchid/sub_appid; refunds with
 * sub_mchid). Answers are `{status, json?}`; errors are WeChat's `{code, message}`.
 */
import { randomBytes } from 'node:crypto';
import type { RefundPlans } from '../refund-plan.ts';
import { tradeBill, type WechatBills } from './bill.ts';
import { combineApi } from './combine.ts';
import { chinaTime } from './protocol.ts';
import { digits, refunded, transactionJson, type SandboxMerchant, type SandboxTrade, type TradeStore } from './trades.ts';

export interface ApiReply {
  status: number;
  json?: unknown;
}

export interface ApiState {
  trades: TradeStore;
  baseUrl: string;
  /** How each new refund settles and whether it notifies (refunds.ts). */
  refundPlans: RefundPlans;
  /** Told of each new refund, to notify its outcome. */
  onRefund(trade: SandboxTrade, refund: SandboxRefund): void;
  /** Trade bills: download tokens and planted differences (bill.ts). */
  bills: WechatBills;
}

const error = (status: number, code: string, message: string): ApiReply => ({ status, json: { code, message } });
const TRADE_TYPES: Record<string, string> = { native: 'NATIVE', jsapi: 'JSAPI', h5: 'MWEB', app: 'APP' };

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whose trades a call reaches: the signer's own, or a 服务商's sub-merchant named by sub_mchid,
 * which it must have a 受理关系 with. `partner`: the call is a partner API (or, for refunds, the
 * signer is a 服务商), so sub_mchid is required; a direct merchant may not send one.
 */
export function owner(merchant: SandboxMerchant, subMchid: unknown, partner: boolean): { mchid: string; subAppid?: string } | ApiReply {
  if (partner !== Boolean(merchant.partner)) return error(403, 'NO_AUTH', partner ? '非服务商商户号无权调用服务商接口' : '服务商请调用服务商接口');
  if (!merchant.partner) return subMchid == null ? { mchid: merchant.mchid } : error(400, 'PARAM_ERROR', 'sub_mchid 仅服务商可传');
  const sub = typeof subMchid === 'string' ? merchant.partner.subs.get(subMchid) : undefined;
  return sub ? { mchid: sub.subMchid, subAppid: sub.subAppid } : error(400, 'INVALID_REQUEST', '服务商与sub_mchid不存在受理关系');
}
const isReply = (value: object): value is ApiReply => 'status' in value;

/** The ids of a create: appid/mchid, or a 服务商's sp_appid/sp_mchid/sub_mchid/sub_appid, and the payer's openid. */
function createIds(merchant: SandboxMerchant, body: Record<string, any>, partner: boolean): { ids: Pick<SandboxTrade, 'mchid' | 'appid' | 'spMchid' | 'subAppid'>; openid: unknown } | ApiReply {
  const payer = isObject(body.payer) ? body.payer : {};
  if (!partner) {
    if (body.mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
    if (body.appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (merchant.partner) return error(403, 'NO_AUTH', '服务商请调用服务商接口');
    return { ids: { mchid: merchant.mchid, appid: body.appid }, openid: payer.openid };
  }
  if (body.sp_mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'sp_mchid与请求头中的商户号不一致');
  if (body.sp_appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'sp_appid和sp_mchid不匹配');
  const sub = owner(merchant, body.sub_mchid, true);
  if (isReply(sub)) return sub;
  if (body.sub_appid !== undefined && body.sub_appid !== sub.subAppid) return error(400, 'APPID_MCHID_NOT_MATCH', 'sub_appid和sub_mchid不匹配');
  if (payer.sub_openid !== undefined && body.sub_appid === undefined) return error(400, 'PARAM_ERROR', '传sub_openid时sub_appid必填');
  return { ids: { mchid: sub.mchid, appid: body.sp_appid, spMchid: merchant.mchid, subAppid: body.sub_appid }, openid: payer.sub_openid ?? payer.sp_openid };
}

function create(state: ApiState, merchant: SandboxMerchant, kind: string, body: Record<string, any>, now: Date, partner: boolean): ApiReply {
  const { description, out_trade_no, notify_url, amount, time_expire } = body;
  const named = createIds(merchant, body, partner);
  if (isReply(named)) return named;
  const { ids, openid } = named;
  if (typeof description !== 'string' || description === '') return error(400, 'PARAM_ERROR', '缺少参数description');
  if (typeof out_trade_no !== 'string' || !/^[\w*|-]{6,32}$/.test(out_trade_no)) return error(400, 'PARAM_ERROR', 'out_trade_no 6–32 字符');
  if (typeof notify_url !== 'string' || !/^https?:\/\//.test(notify_url)) return error(400, 'PARAM_ERROR', 'notify_url格式错误');
  if (!isObject(amount) || !Number.isSafeInteger(amount.total) || amount.total <= 0) return error(400, 'PARAM_ERROR', 'amount.total 必须是正整数（分）');
  if ((amount.currency ?? 'CNY') !== 'CNY') return error(400, 'PARAM_ERROR', '境内商户仅支持CNY');
  const expire = time_expire === undefined ? undefined : new Date(time_expire);
  if (expire && (Number.isNaN(expire.getTime()) || !/[+-]\d{2}:\d{2}$/.test(time_expire))) return error(400, 'PARAM_ERROR', 'time_expire 必须是 RFC 3339');
  if (kind === 'jsapi' && typeof openid !== 'string') return error(400, 'PARAM_ERROR', partner ? '缺少参数payer.sp_openid或payer.sub_openid' : '缺少参数payer.openid');
  const clientIp = isObject(body.scene_info) ? body.scene_info.payer_client_ip : undefined;
  if (kind === 'h5' && typeof clientIp !== 'string') return error(400, 'PARAM_ERROR', '缺少参数scene_info.payer_client_ip');

  const existing = state.trades.get(ids.mchid, out_trade_no);
  if (existing) {
    state.trades.refresh(existing, now);
    if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return error(400, 'ORDERPAID', '该订单已支付');
    if (existing.state === 'CLOSED') return error(400, 'ORDER_CLOSED', '订单已关闭');
    // A repeated create with the same parameters answers the same prepay_id / code_url.
    if (existing.tradeType !== TRADE_TYPES[kind] || existing.total !== amount.total) return error(400, 'INVALID_REQUEST', '201 商户订单号重复');
    return { status: 200, json: existing.answer };
  }
  const prepayId = `wx${chinaTime(now).replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`;
  const answer: Record<string, string> =
    kind === 'native'
      ? { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}` }
      : kind === 'h5'
        ? { h5_url: `${state.baseUrl}/h5pay?prepay_id=${prepayId}&mchid=${ids.mchid}&out_trade_no=${encodeURIComponent(out_trade_no)}` }
        : { prepay_id: prepayId };
  const trade: SandboxTrade = {
    ...ids,
    outTradeNo: out_trade_no,
    tradeType: TRADE_TYPES[kind]!,
    description,
    total: amount.total,
    currency: 'CNY',
    notifyUrl: notify_url,
    timeExpire: expire,
    openid: typeof openid === 'string' ? openid : undefined,
    clientIp,
    answer,
    state: 'NOTPAY',
    refunds: [],
    createdAt: now,
  };
  state.trades.put(trade);
  return { status: 200, json: answer };
}

/** Query and close name the merchant as `mchid`, or a 服务商's `sp_mchid` and `sub_mchid`: the trades' owner. */
function tradeOwner(merchant: SandboxMerchant, ids: Record<string, unknown>, partner: boolean): string | ApiReply {
  if ((partner ? ids.sp_mchid : ids.mchid) !== merchant.mchid) return error(400, 'PARAM_ERROR', `${partner ? 'sp_mchid' : 'mchid'} 与请求头中的商户号不一致`);
  const found = owner(merchant, partner ? ids.sub_mchid : undefined, partner);
  return isReply(found) ? found : found.mchid;
}

function query(state: ApiState, merchant: SandboxMerchant, outTradeNo: string, url: URL, now: Date, partner: boolean): ApiReply {
  const mchid = tradeOwner(merchant, Object.fromEntries(url.searchParams), partner);
  if (typeof mchid !== 'string') return mchid;
  const trade = state.trades.get(mchid, outTradeNo);
  if (!trade) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
  return { status: 200, json: transactionJson(state.trades.refresh(trade, now)) };
}

function close(state: ApiState, merchant: SandboxMerchant, outTradeNo: string, body: Record<string, any>, now: Date, partner: boolean): ApiReply {
  const mchid = tradeOwner(merchant, body, partner);
  if (typeof mchid !== 'string') return mchid;
  const trade = state.trades.get(mchid, outTradeNo);
  if (!trade) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
  state.trades.refresh(trade, now);
  if (trade.state === 'SUCCESS' || trade.state === 'REFUND') return error(400, 'ORDERPAID', '订单已支付');
  trade.state = 'CLOSED';
  return { status: 204 };
}

function refundJson(trade: SandboxTrade, refund: SandboxRefund): Record<string, unknown> {
  return {
    refund_id: refund.refund_id,
    out_refund_no: refund.out_refund_no,
    transaction_id: trade.transactionId,
    out_trade_no: trade.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.status === 'SUCCESS' ? { success_time: chinaTime(new Date(refund.createdAt.getTime() + 1000)) } : {}),
    create_time: chinaTime(refund.createdAt),
    status: refund.status,
    amount: { total: trade.total, refund: refund.amount, payer_total: trade.total, payer_refund: refund.amount, currency: trade.currency },
  };
}
type SandboxRefund = SandboxTrade['refunds'][number];

function refund(state: ApiState, merchant: SandboxMerchant, body: Record<string, any>, now: Date): ApiReply {
  const { out_trade_no, transaction_id, out_refund_no, amount, reason } = body;
  const scope = owner(merchant, body.sub_mchid, Boolean(merchant.partner));
  if (isReply(scope)) return scope;
  const [trade] = state.trades.find(
    (t) => t.mchid === scope.mchid && (transaction_id ? t.transactionId === transaction_id : t.outTradeNo === out_trade_no),
  );
  if (typeof out_refund_no !== 'string' || !/^[\w*|@-]{1,64}$/.test(out_refund_no)) return error(400, 'PARAM_ERROR', 'out_refund_no 格式错误');
  if (!trade) return error(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
  state.trades.refresh(trade, now);
  const existing = trade.refunds.find((r) => r.out_refund_no === out_refund_no);
  // out_refund_no is the idempotency key: the same refund answers again, never twice.
  if (existing) return { status: 200, json: refundJson(trade, existing) };
  if (!isObject(amount) || !Number.isSafeInteger(amount.refund) || amount.refund <= 0) return error(400, 'PARAM_ERROR', 'amount.refund 必须是正整数');
  if (amount.total !== trade.total) return error(400, 'PARAM_ERROR', 'amount.total 与订单金额不一致');
  if ((amount.currency ?? 'CNY') !== trade.currency) return error(400, 'PARAM_ERROR', 'currency 与订单不一致');
  if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') return error(400, 'INVALID_REQUEST', '订单未支付，不能退款');
  if (refunded(trade) + amount.refund > trade.total) return error(403, 'NOT_ENOUGH', '订单可退金额不足');
  const made: SandboxRefund = {
    refund_id: `50000${digits(24)}`,
    out_refund_no,
    amount: amount.refund,
    reason,
    status: 'PROCESSING',
    createdAt: now,
    notifyUrl: typeof body.notify_url === 'string' ? body.notify_url : undefined,
    plan: state.refundPlans.take(merchant.mchid),
  };
  trade.refunds.push(made);
  state.onRefund(trade, made);
  trade.state = 'REFUND';
  return { status: 200, json: refundJson(trade, made) };
}

function queryRefund(state: ApiState, merchant: SandboxMerchant, outRefundNo: string, subMchid: string | null, now: Date): ApiReply {
  const scope = owner(merchant, subMchid, Boolean(merchant.partner));
  if (isReply(scope)) return scope;
  for (const trade of state.trades.find((t) => t.mchid === scope.mchid)) {
    const found = state.trades.refresh(trade, now).refunds.find((r) => r.out_refund_no === outRefundNo);
    if (found) return { status: 200, json: refundJson(trade, found) };
  }
  return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
}

const CREATE = /^\/v3\/pay\/(partner\/)?transactions\/(native|jsapi|h5|app)$/;
const TRADE = /^\/v3\/pay\/(partner\/)?transactions\/out-trade-no\/([^/]+)(\/close)?$/;
const REFUND = /^\/v3\/refund\/domestic\/refunds(?:\/([^/]+))?$/;

/** Routes one authenticated /v3 request; undefined when it is no API the sandbox serves. */
export function api(state: ApiState, merchant: SandboxMerchant, method: string, url: URL, rawBody: string): ApiReply | undefined {
  const now = new Date();
  let body: Record<string, any> = {};
  if (method === 'POST') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return error(400, 'PARAM_ERROR', '请求体不是JSON');
    }
    if (!isObject(body)) return error(400, 'PARAM_ERROR', '请求体不是JSON对象');
  }
  const path = url.pathname;
  if (method === 'GET' && path === '/v3/bill/tradebill') return tradeBill(state, merchant, url, now);
  const combined = combineApi(state, merchant, method, url, body, now);
  if (combined) return combined;
  let match;
  if (method === 'POST' && (match = CREATE.exec(path))) return create(state, merchant, match[2]!, body, now, Boolean(match[1]));
  if ((match = TRADE.exec(path))) {
    const outTradeNo = decodeURIComponent(match[2]!);
    if (method === 'GET' && !match[3]) return query(state, merchant, outTradeNo, url, now, Boolean(match[1]));
    if (method === 'POST' && match[3]) return close(state, merchant, outTradeNo, body, now, Boolean(match[1]));
  }
  if ((match = REFUND.exec(path))) {
    if (method === 'POST' && !match[1]) return refund(state, merchant, body, now);
    if (method === 'GET' && match[1]) return queryRefund(state, merchant, decodeURIComponent(match[1]), url.searchParams.get('sub_mchid'), now);
  }
  return undefined;
}
