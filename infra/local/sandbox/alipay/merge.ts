/**
 * The sandbox's merge pay (合并支付, PROTOCOLS.md §6): alipay.trade.merge.precreate creates every
 * sub-order of `order_details` as a trade of its own and answers a pre_order_no;
 * alipay.trade.wap.merge.pay / .app.merge.pay with that pre_order_no open the cashier of the whole
 * merge; alipay.trade.page.merge.pay does both in one browser navigation. Each sub-order then lives
 * as any trade does (query, close, refund, its own notify to the merge's notify_url).
 * Sub-orders exist from the precreate on: query and close find them before the buyer arrives.
 * Alipay publishes no maximum number of sub-orders; the sandbox enforces none.
 */
import { randomInt } from 'node:crypto';
import { GatewayError, field, required, success } from './biz.ts';
import { buyerArrives, openTrade, type Call, type GatewayReply } from './gateway.ts';
import { beijingTime, parseBeijingTime } from './protocol.ts';
import { pay, TradeConflict, type SandboxTrade, type TradeStore } from './trades.ts';

export interface SandboxMerge {
  preOrderNo: string;
  /** The app that created it: only it may pay it with wap/app merge pay. */
  appId: string;
  /** Its sub-orders, in the order of order_details. */
  trades: SandboxTrade[];
  createdAt: Date;
}

/** A number shaped like a trade_no: the GMT+8 date, then digits. */
function newPreOrderNo(now: Date): string {
  let id = beijingTime(now).slice(0, 10).replaceAll('-', '');
  while (id.length < 28) id += String(randomInt(0, 10));
  return id;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every order_details entry opened as a trade of its app (a retry of the same sub-order finds it again). */
function openMerge(call: Call): SandboxMerge {
  const { state, app, biz, now } = call;
  const details = biz.order_details;
  if (!Array.isArray(details) || details.length === 0 || !details.every(isObject)) {
    throw new GatewayError('40002', 'isv.missing-parameter', '缺少必选参数 order_details');
  }
  const expireText = field(biz, 'time_expire');
  if (expireText !== undefined && !parseBeijingTime(expireText)) throw new GatewayError('40002', 'isv.invalid-parameter', 'time_expire 格式错误');
  const seen = new Set<string>();
  const preOrderNo = newPreOrderNo(now);
  const trades = details.map((detail) => {
    const appId = required(detail, 'app_id');
    // A sub-order is its app's trade: the caller's own, or another registered app's (被合并方).
    const owner = appId === app.appId ? app : state.apps.get(appId);
    if (!owner) throw new GatewayError('40004', 'ACQ.INVALID_PARAMETER', `order_details 中的 app_id ${appId} 无效`);
    const sellerId = field(detail, 'seller_id');
    if (sellerId !== undefined && sellerId !== owner.sellerId) throw new GatewayError('40004', 'ACQ.SELLER_NOT_MATCH', `seller_id ${sellerId} 与 app_id ${appId} 不匹配`);
    const outTradeNo = required(detail, 'out_trade_no');
    if (seen.has(`${owner.sellerId}/${outTradeNo}`)) throw new GatewayError('40002', 'isv.invalid-parameter', `order_details 中 out_trade_no ${outTradeNo} 重复`);
    seen.add(`${owner.sellerId}/${outTradeNo}`);
    required(detail, 'product_code');
    const trade = openTrade({ ...call, app: owner, biz: { ...detail, time_expire: expireText } });
    trade.preOrderNo = preOrderNo;
    return trade;
  });
  const merge: SandboxMerge = { preOrderNo, appId: app.appId, trades, createdAt: now };
  state.merges.set(preOrderNo, merge);
  return merge;
}

export function mergePrecreate(call: Call): GatewayReply {
  const merge = openMerge(call);
  const outMergeNo = field(call.biz, 'out_merge_no');
  return success(call, {
    ...(outMergeNo ? { out_merge_no: outMergeNo } : {}),
    pre_order_no: merge.preOrderNo,
    order_detail_results: merge.trades.map((t) => ({ app_id: t.appId, out_trade_no: t.outTradeNo, success: true, result_code: 'SUCCESS' })),
  });
}

/** The buyer reaches the cashier of the whole merge. */
function cashier(merge: SandboxMerge, now: Date): GatewayReply {
  return { kind: 'cashier', trades: merge.trades.map((t) => buyerArrives(t, now)), preOrderNo: merge.preOrderNo };
}

/** wap / app merge pay: the merge the precreate made, by pre_order_no, for the app that made it. */
export function mergePay(call: Call): GatewayReply {
  const preOrderNo = required(call.biz, 'pre_order_no');
  const merge = call.state.merges.get(preOrderNo);
  if (!merge || merge.appId !== call.app.appId) throw new GatewayError('40004', 'ACQ.PRE_ORDER_NOT_EXIST', `预下单号 ${preOrderNo} 不存在`);
  return cashier(merge, call.now);
}

/** page merge pay: the merge (every sub-order) in the navigation itself. */
export function pageMergePay(call: Call): GatewayReply {
  return cashier(openMerge(call), call.now);
}

/** The buyer pays the whole merge in one step (all sub-orders or none); each is then notified on its own. */
export function payMerge(trades: TradeStore, merge: SandboxMerge, now: Date): SandboxTrade[] {
  const unpaid = merge.trades.find((t) => trades.refresh(t, now).status !== 'WAIT_BUYER_PAY');
  if (unpaid) throw new TradeConflict(`sub-order ${unpaid.outTradeNo} is ${unpaid.status}: the merge cannot be paid`);
  for (const trade of merge.trades) pay(trade, now);
  return merge.trades;
}
