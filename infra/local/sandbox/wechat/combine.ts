/**
 * WeChat Pay combine transactions (合单支付, PROTOCOLS.md §6) as the sandbox serves them, for a
 * direct merchant: create (2-10 sub-orders of its own), query (every sub-order's state, none of the
 * whole), close (the create's whole sub-order list, nothing less), and the buyer's one payment of
 * every sub-order with one TRANSACTION.SUCCESS notification carrying them all. Each sub-order is
 * also an ordinary trade of the store (refunds name it by out_trade_no).
 * Simulator-only hooks:
 *   GET  /sandbox/combine-transactions/{combine_out_trade_no}             the combine order as query shows it
 *   POST /sandbox/combine-transactions/{combine_out_trade_no}/pay         the buyer pays; WeChat notifies once
 *   GET  /sandbox/combine-transactions/{combine_out_trade_no}/deliveries  every delivery of its notification
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookError, sendJson } from '../http.ts';
import type { ApiReply, ApiState } from './api.ts';
import type { Notifier } from './notifier.ts';
import { chinaTime, encryptResource, signatureHeaders } from './protocol.ts';
import { pay, TradeConflict, type SandboxMerchant, type SandboxTrade } from './trades.ts';

export interface SandboxCombine {
  appid: string;
  mchid: string;
  combineOutTradeNo: string;
  tradeType: string;
  notifyUrl: string;
  clientIp: string;
  openid?: string;
  /** The sub-orders' out_trade_no, in the create's order. */
  subOrders: string[];
  answer: Record<string, string>;
}

/** Combine orders by `<mchid>/<combine_out_trade_no>`. */
const combines = new WeakMap<ApiState, Map<string, SandboxCombine>>();
const combinesOf = (state: ApiState) => combines.get(state) ?? combines.set(state, new Map()).get(state)!;

const error = (status: number, code: string, message: string): ApiReply => ({ status, json: { code, message } });
const TRADE_TYPES: Record<string, string> = { native: 'NATIVE', jsapi: 'JSAPI', h5: 'MWEB', app: 'APP' };
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function create(state: ApiState, merchant: SandboxMerchant, kind: string, body: Record<string, any>, now: Date): ApiReply {
  if (merchant.partner) return error(403, 'NO_AUTH', '服务商请调用服务商合单接口');
  const { combine_appid, combine_mchid, combine_out_trade_no, notify_url, sub_orders, time_expire } = body;
  if (combine_mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', 'combine_mchid与请求头中的商户号不一致');
  if (combine_appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'combine_appid和combine_mchid不匹配');
  if (typeof combine_out_trade_no !== 'string' || !/^[0-9A-Za-z_\-|*]{2,32}$/.test(combine_out_trade_no)) return error(400, 'PARAM_ERROR', 'combine_out_trade_no 2–32 字符');
  if (typeof notify_url !== 'string' || !/^https?:\/\//.test(notify_url)) return error(400, 'PARAM_ERROR', 'notify_url格式错误');
  const clientIp = isObject(body.scene_info) ? body.scene_info.payer_client_ip : undefined;
  if (typeof clientIp !== 'string') return error(400, 'PARAM_ERROR', '缺少参数scene_info.payer_client_ip');
  const openid = isObject(body.combine_payer_info) ? body.combine_payer_info.openid : undefined;
  if (kind === 'jsapi' && typeof openid !== 'string') return error(400, 'PARAM_ERROR', '缺少参数combine_payer_info.openid');
  if (!Array.isArray(sub_orders) || sub_orders.length < 2 || sub_orders.length > 10) return error(400, 'PARAM_ERROR', '子单数量必须在2-10之间');
  for (const sub of sub_orders) {
    if (!isObject(sub) || sub.mchid !== merchant.mchid) return error(400, 'PARAM_ERROR', '子单mchid与合单商户不一致');
    if (typeof sub.out_trade_no !== 'string' || !/^[\w*|-]{6,32}$/.test(sub.out_trade_no)) return error(400, 'PARAM_ERROR', '子单out_trade_no 6–32 字符');
    if (typeof sub.description !== 'string' || sub.description === '') return error(400, 'PARAM_ERROR', '子单缺少参数description');
    if (typeof sub.attach !== 'string' || sub.attach.length > 128) return error(400, 'PARAM_ERROR', '子单attach必填，不超过128字符');
    if (!isObject(sub.amount) || !Number.isSafeInteger(sub.amount.total_amount) || sub.amount.total_amount <= 0) return error(400, 'PARAM_ERROR', '子单amount.total_amount 必须是正整数（分）');
    if ((sub.amount.currency ?? 'CNY') !== 'CNY') return error(400, 'PARAM_ERROR', '境内商户仅支持CNY');
  }
  const outTradeNos = sub_orders.map((s: Record<string, any>) => s.out_trade_no as string);
  if (new Set(outTradeNos).size !== outTradeNos.length) return error(400, 'PARAM_ERROR', '子单out_trade_no重复');
  const expire = time_expire === undefined ? undefined : new Date(time_expire);
  if (expire && (Number.isNaN(expire.getTime()) || !/[+-]\d{2}:\d{2}$/.test(time_expire))) return error(400, 'PARAM_ERROR', 'time_expire 必须是 RFC 3339');

  const key = `${merchant.mchid}/${combine_out_trade_no}`;
  const existing = combinesOf(state).get(key);
  if (existing) {
    // A repeated create of the same combine order answers the same prepay_id / code_url.
    if (existing.tradeType !== TRADE_TYPES[kind] || existing.subOrders.join() !== outTradeNos.join()) return error(400, 'INVALID_REQUEST', '合单商户订单号重复');
    const subs = existing.subOrders.map((no) => state.trades.refresh(state.trades.get(merchant.mchid, no)!, now));
    if (subs.some((t) => t.state === 'SUCCESS' || t.state === 'REFUND')) return error(400, 'ORDERPAID', '该订单已支付');
    if (subs.every((t) => t.state === 'CLOSED')) return error(400, 'ORDER_CLOSED', '订单已关闭');
    return { status: 200, json: existing.answer };
  }
  if (outTradeNos.some((no) => state.trades.get(merchant.mchid, no))) return error(400, 'INVALID_REQUEST', '201 子单商户订单号重复');
  const prepayId = `wx${chinaTime(now).replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`;
  const answer: Record<string, string> =
    kind === 'native'
      ? { code_url: `weixin://wxpay/bizpayurl?pr=${randomBytes(6).toString('base64url')}` }
      : kind === 'h5'
        ? { h5_url: `${state.baseUrl}/h5pay?prepay_id=${prepayId}&mchid=${merchant.mchid}&out_trade_no=${encodeURIComponent(outTradeNos[0]!)}` }
        : { prepay_id: prepayId };
  for (const sub of sub_orders as Record<string, any>[]) {
    const trade: SandboxTrade = {
      mchid: merchant.mchid,
      appid: merchant.appid,
      outTradeNo: sub.out_trade_no,
      tradeType: TRADE_TYPES[kind]!,
      description: sub.description,
      total: sub.amount.total_amount,
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
  }
  combinesOf(state).set(key, {
    appid: merchant.appid,
    mchid: merchant.mchid,
    combineOutTradeNo: combine_out_trade_no,
    tradeType: TRADE_TYPES[kind]!,
    notifyUrl: notify_url,
    clientIp,
    openid: typeof openid === 'string' ? openid : undefined,
    subOrders: outTradeNos,
    answer,
  });
  return { status: 200, json: answer };
}

/** The combine order as query and notifications show it: every sub-order with its own state. */
export function combineJson(state: ApiState, combine: SandboxCombine, now: Date): Record<string, unknown> {
  const subs = combine.subOrders.map((no) => state.trades.refresh(state.trades.get(combine.mchid, no)!, now));
  const payer = subs.find((t) => t.openid)?.openid ?? combine.openid;
  return {
    combine_appid: combine.appid,
    combine_mchid: combine.mchid,
    combine_out_trade_no: combine.combineOutTradeNo,
    scene_info: { device_id: '' },
    ...(payer ? { combine_payer_info: { openid: payer } } : {}),
    sub_orders: subs.map((t) => {
      const paid = t.state === 'SUCCESS' || t.state === 'REFUND';
      return {
        mchid: t.mchid,
        trade_type: t.tradeType,
        trade_state: t.state,
        attach: t.outTradeNo,
        out_trade_no: t.outTradeNo,
        ...(paid ? { bank_type: 'OTHERS', success_time: chinaTime(t.paidAt!), transaction_id: t.transactionId } : {}),
        amount: { total_amount: t.total, currency: t.currency, ...(paid ? { payer_amount: t.total, payer_currency: t.currency } : {}) },
      };
    }),
  };
}

function close(state: ApiState, merchant: SandboxMerchant, combine: SandboxCombine, body: Record<string, any>, now: Date): ApiReply {
  if (body.combine_appid !== merchant.appid) return error(400, 'APPID_MCHID_NOT_MATCH', 'combine_appid和商户号不匹配');
  const listed = Array.isArray(body.sub_orders) ? body.sub_orders.map((s: Record<string, any>) => (isObject(s) && s.mchid === merchant.mchid ? s.out_trade_no : undefined)) : [];
  // Closing part of a combine order is not supported: the list must be the create's.
  if ([...listed].sort().join() !== [...combine.subOrders].sort().join()) return error(400, 'PARAM_ERROR', '子单列表与下单时不一致');
  const subs = combine.subOrders.map((no) => state.trades.refresh(state.trades.get(merchant.mchid, no)!, now));
  if (subs.some((t) => t.state === 'SUCCESS' || t.state === 'REFUND')) return error(400, 'ORDERPAID', '订单已支付');
  for (const t of subs) t.state = 'CLOSED';
  return { status: 204 };
}

const CREATE = /^\/v3\/combine-transactions\/(native|jsapi|h5|app)$/;
const ORDER = /^\/v3\/combine-transactions\/out-trade-no\/([^/]+)(\/close)?$/;

/** Routes one authenticated combine request; undefined when it is not one. */
export function combineApi(state: ApiState, merchant: SandboxMerchant, method: string, url: URL, body: Record<string, any>, now: Date): ApiReply | undefined {
  let match;
  if (method === 'POST' && (match = CREATE.exec(url.pathname))) return create(state, merchant, match[1]!, body, now);
  if (!(match = ORDER.exec(url.pathname))) return undefined;
  const combine = combinesOf(state).get(`${merchant.mchid}/${decodeURIComponent(match[1]!)}`);
  if (!combine) return error(404, 'ORDER_NOT_EXIST', '订单不存在');
  if (method === 'GET' && !match[2]) return { status: 200, json: combineJson(state, combine, now) };
  if (method === 'POST' && match[2]) return close(state, merchant, combine, body, now);
  return undefined;
}

const HOOK = /^\/sandbox\/combine-transactions\/([^/]+)(?:\/(pay|deliveries))?$/;

export function combineHooks(state: ApiState, merchants: Map<string, SandboxMerchant>, notifier: Notifier) {
  function find(combineOutTradeNo: string): SandboxCombine {
    const found = [...combinesOf(state).values()].filter((c) => c.combineOutTradeNo === combineOutTradeNo);
    if (found.length !== 1) throw new HookError(404, `no such combine order: ${combineOutTradeNo}`);
    return found[0]!;
  }
  const listing = (c: SandboxCombine) => `combine/${c.mchid}/${c.combineOutTradeNo}`;

  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = HOOK.exec(url.pathname);
    if (!match) return false;
    const combine = find(decodeURIComponent(match[1]!));
    const now = new Date();
    if (req.method === 'GET' && !match[2]) sendJson(res, 200, combineJson(state, combine, now));
    else if (req.method === 'GET' && match[2] === 'deliveries') sendJson(res, 200, notifier.deliveries(listing(combine)));
    else if (req.method === 'POST' && match[2] === 'pay') {
      const merchant = merchants.get(combine.mchid)!;
      try {
        for (const no of combine.subOrders) pay(state.trades.refresh(state.trades.get(combine.mchid, no)!, now), now);
      } catch (err) {
        if (err instanceof TradeConflict) throw new HookError(409, err.message);
        throw err;
      }
      const id = randomUUID();
      const body = JSON.stringify({
        id,
        create_time: chinaTime(now),
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: encryptResource(JSON.stringify(combineJson(state, combine, now)), merchant.apiV3Key, 'transaction', 'transaction'),
      });
      const headers = () => {
        const key = merchant.platform[Math.floor(Math.random() * merchant.platform.length)]!;
        return signatureHeaders(body, key.serial, key.privateKey);
      };
      notifier.send({ id, eventType: 'TRANSACTION.SUCCESS', listing: listing(combine), url: combine.notifyUrl, body, headers });
      sendJson(res, 200, combineJson(state, combine, now));
    } else return false;
    return true;
  };
}
