/**
 * WeChat Pay API v3 as the sandbox serves it (PROTOCOLS.md §2.4), after the request's Authorization
 * has been verified: create (native, jsapi, h5, app), query, close, refund. Answers are
 * `{status, json?}`; errors are WeChat's `{code, message}`.
 */
import { randomBytes } from 'node:crypto';
import type { RefundPlans } from '../refund-plan.ts';
import { tradeBill, type WechatBills } from './bill.ts';
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

function create(state: ApiState, merchant: SandboxMerchant, kind: string, body: Record<string, any>, now: Date): ApiReply {
  const { appid, mchid, description, out_trade_no, notify_url, amount, time_expire } = body;
  if (mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
  if (appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  if (typeof description !== 'string' || description === '') return error(400, 'PARAM_ERROR', '缺少参数description');
  if (typeof out_trade_no !== 'string' || !/^[\w*|-]{6,32}$/.test(out_trade_no)) return error(400, 'PARAM_ERROR', 'out_trade_no 6–32 字符');
  if (typeof notify_url !== 'string' || !/^https?:\/\//.test(notify_url)) return error(400, 'PARAM_ERROR', 'notify_url格式错误');
  if (!isObject(amount) || !Number.isSafeInteger(amount.total) || amount.total <= 0) return error(400, 'PARAM_ERROR', 'amount.total 必须是正整数（分）');
  if ((amount.currency ?? 'CNY') !== 'CNY') return error(400, 'PARAM_ERROR', '境内商户仅支持CNY');
  const expire = time_expire === undefined ? undefined : new Date(time_expire);
  if (expire && (Number.isNaN(expire.getTime()) || !/[+-]\d{2}:\d{2}$/.test(time_expire))) return error(400, 'PARAM_ERROR', 'time_expire 必须是 RFC 3339');
  const openid = isObject(body.payer) ? body.payer.openid : undefined;
  if (kind === 'jsapi' && typeof openid !== 'string') return error(400, 'PARAM_ERROR', '缺少参数payer.openid');
  const clientIp = isObject(body.scene_info) ? body.scene_info.payer_client_ip : undefined;
  if (kind === 'h5' && typeof clientIp !== 'string') return error(400, 'PARAM_ERROR', '缺少参数scene_info.payer_client_ip');

  const existing = state.trades.get(merchant.mchid, out_trade_no);
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
        ? { h5_url: `${state.baseUrl}/h5pay?prepay_id=${prepayId}&mchid=${merchant.mchid}&out_trade_no=${encodeURIComponent(out_trade_no)}` }
        : { prepay_id: prepayId };
  const trade: SandboxTrade = {
    mchid: merchant.mchid,
    appid,
    outTradeNo: out_trade_no,
    tradeType: TRADE_TYPES[kind]!,
    description,
    total: amount.total,
    currency: 'CNY',
    notifyUrl: notify_url,
    timeExpire: expire,
    openid,
    clientIp,
    answer,
    state: 'NOTPAY',
    refunds: [],
    createdAt: now,
  };
  state.trades.put(trade);
  return { status: 200, json: answer };
}

function query(state: ApiState, merchant: SandboxMerchant, outTradeNo: string, mchidParam: string | null, now: Date): ApiReply {
  if (mchidParam !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid 参数与请求头不一致');
  const trade = state.trades.get(merchant.mchid, outTradeNo);
  if (!trade) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
  return { status: 200, json: transactionJson(state.trades.refresh(trade, now)) };
}

function close(state: ApiState, merchant: SandboxMerchant, outTradeNo: string, body: Record<string, any>, now: Date): ApiReply {
  if (body.mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'mchid与请求头中的商户号不一致');
  const trade = state.trades.get(merchant.mchid, outTradeNo);
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
  const [trade] = state.trades.find(
    (t) => t.mchid === merchant.mchid && (transaction_id ? t.transactionId === transaction_id : t.outTradeNo === out_trade_no),
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

function queryRefund(state: ApiState, merchant: SandboxMerchant, outRefundNo: string, now: Date): ApiReply {
  for (const trade of state.trades.find((t) => t.mchid === merchant.mchid)) {
    const found = state.trades.refresh(trade, now).refunds.find((r) => r.out_refund_no === outRefundNo);
    if (found) return { status: 200, json: refundJson(trade, found) };
  }
  return error(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
}

const CREATE = /^\/v3\/pay\/transactions\/(native|jsapi|h5|app)$/;
const TRADE = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/;
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
  let match;
  if (method === 'POST' && (match = CREATE.exec(path))) return create(state, merchant, match[1]!, body, now);
  if ((match = TRADE.exec(path))) {
    const outTradeNo = decodeURIComponent(match[1]!);
    if (method === 'GET' && !match[2]) return query(state, merchant, outTradeNo, url.searchParams.get('mchid'), now);
    if (method === 'POST' && match[2]) return close(state, merchant, outTradeNo, body, now);
  }
  if ((match = REFUND.exec(path))) {
    if (method === 'POST' && !match[1]) return refund(state, merchant, body, now);
    if (method === 'GET' && match[1]) return queryRefund(state, merchant, decodeURIComponent(match[1]), now);
  }
  return undefined;
}
