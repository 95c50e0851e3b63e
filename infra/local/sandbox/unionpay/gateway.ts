/**
 * What UnionPay's gateways do with a request (PROTOCOLS.md §3.1–3.3): check the merchant's
 * signature, then consume (front form or app tn), query, or refund. Signing the reply, faults and
 * HTTP are index.ts's; notifications to send are returned for the caller to hand to the notifier.
 */
import type { KeyObject } from 'node:crypto';
import { expired, newQueryId, newTn, refunded, type OrderStore, type SandboxOrder, type SandboxRefund } from './orders.ts';
import type { RefundPlans } from '../refund-plan.ts';
import { acpVerify, parseAcpTime } from './protocol.ts';
import { refundQueryFields } from './refunds.ts';

export interface Merchant {
  merId: string;
  certId: string;
  publicKey: KeyObject;
}

export interface GatewayState {
  merchants: Map<string, Merchant>;
  orders: OrderStore;
  /** How each new refund settles and whether it notifies (refunds.ts). */
  refundPlans: RefundPlans;
}

export type Endpoint = 'front' | 'app' | 'back' | 'query';

export type GatewayResult =
  | { kind: 'reply'; fields: Record<string, string>; refund?: { order: SandboxOrder; refund: SandboxRefund } }
  | { kind: 'cashier'; order: SandboxOrder }
  | { kind: 'error_page'; respCode: string; respMsg: string };

class Refusal extends Error {
  constructor(
    readonly respCode: string,
    message: string,
  ) {
    super(message);
  }
}

const ORDER_ID = /^[0-9A-Za-z]{8,32}$/;
const AMOUNT = /^[1-9]\d{0,11}$/;

function need(params: Record<string, string>, name: string, pattern: RegExp = /./): string {
  const value = params[name];
  if (value === undefined || !pattern.test(value)) throw new Refusal('10', `报文格式错误[${name}]`);
  return value;
}

function time(params: Record<string, string>, name: string): string {
  if (!parseAcpTime(params[name])) throw new Refusal('10', `报文格式错误[${name}]`);
  return params[name]!;
}

/** The merchant behind a request, once its certId and signature check out (§3.2). */
function merchantOf(state: GatewayState, params: Record<string, string>): Merchant {
  if (params.version !== '5.1.0') throw new Refusal('10', '报文格式错误[version]');
  if (params.signMethod !== '01') throw new Refusal('10', '报文格式错误[signMethod]');
  const merchant = state.merchants.get(params.merId ?? '');
  if (!merchant) throw new Refusal('10', '商户未开通[merId]');
  if (params.certId !== merchant.certId || !acpVerify(params, merchant.publicKey)) throw new Refusal('11', '验证签名失败');
  return merchant;
}

function echo(params: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['version', 'encoding', 'bizType', 'txnType', 'txnSubType', 'accessType', 'merId', 'orderId', 'txnTime', 'txnAmt', 'currencyCode']) {
    if (params[name] !== undefined) fields[name] = params[name];
  }
  return fields;
}

const OK = { respCode: '00', respMsg: '成功[0000000]' };
const reserved = (refund: SandboxRefund): Record<string, string> => (refund.reqReserved === undefined ? {} : { reqReserved: refund.reqReserved });

function consume(state: GatewayState, merchant: Merchant, params: Record<string, string>, via: 'front' | 'app', now: Date): GatewayResult {
  if (params.txnType !== '01' || params.txnSubType !== '01') throw new Refusal('10', '报文格式错误[txnType]');
  const orderId = need(params, 'orderId', ORDER_ID);
  const txnTime = time(params, 'txnTime');
  const txnAmt = need(params, 'txnAmt', AMOUNT);
  const currencyCode = need(params, 'currencyCode', /^156$/);
  const backUrl = need(params, 'backUrl', /^https?:\/\//);
  const payTimeout = params.payTimeout === undefined ? undefined : parseAcpTime(time(params, 'payTimeout'));

  let order = state.orders.get(merchant.merId, orderId);
  if (order) {
    // The same order sent again (a retry) is served again; anything else reuses the orderId.
    if (order.txnTime !== txnTime || order.txnAmt !== txnAmt || order.via !== via) throw new Refusal('12', '重复交易');
  } else {
    order = {
      merId: merchant.merId,
      orderId,
      txnTime,
      txnAmt,
      currencyCode,
      via,
      channelType: params.channelType ?? '',
      backUrl,
      frontUrl: params.frontUrl,
      payTimeout,
      tn: via === 'app' ? newTn(now) : undefined,
      status: 'UNPAID',
      refunds: [],
      createdAt: now,
    };
    state.orders.put(order);
  }
  if (order.status === 'PAID') throw new Refusal('12', '重复交易[订单已支付]');
  if (expired(order, now)) throw new Refusal('10', '订单已超时[payTimeout]');
  if (via === 'front') return { kind: 'cashier', order };
  return { kind: 'reply', fields: { ...echo(params), ...OK, tn: order.tn! } };
}

/**
 * An order the buyer has not paid is no transaction yet: 34 无此交易, as for an unknown order.
 * (The sandbox's buyer either pays or never submits; there are no failed attempts.)
 */
function query(state: GatewayState, merchant: Merchant, params: Record<string, string>): GatewayResult {
  const orderId = need(params, 'orderId', ORDER_ID);
  const txnTime = time(params, 'txnTime');
  const order = state.orders.get(merchant.merId, orderId);
  if (!order) {
    // A refund (退货) is an order of its own, queried by its orderId and txnTime as well.
    const refund = state.orders.find((o) => o.merId === merchant.merId).flatMap((o) => o.refunds).find((r) => r.orderId === orderId && r.txnTime === txnTime);
    if (refund) return { kind: 'reply', fields: { ...echo(params), ...OK, ...refundQueryFields(refund) } };
  }
  if (!order || order.txnTime !== txnTime || order.status !== 'PAID') throw new Refusal('34', '无此交易');
  return {
    kind: 'reply',
    fields: {
      ...echo(params),
      ...OK,
      txnType: '01',
      txnSubType: '01',
      origRespCode: '00',
      origRespMsg: '成功[0000000]',
      queryId: order.queryId!,
      traceNo: order.traceNo!,
      traceTime: order.traceTime!,
      settleDate: order.settleDate!,
      settleAmt: order.txnAmt,
      settleCurrencyCode: '156',
      txnAmt: order.txnAmt,
      currencyCode: order.currencyCode,
    },
  };
}

/** 退货 (txnType 04) against the consumption's queryId, idempotent on the refund's orderId. */
function refund(state: GatewayState, merchant: Merchant, params: Record<string, string>, now: Date): GatewayResult {
  const orderId = need(params, 'orderId', ORDER_ID);
  const txnTime = time(params, 'txnTime');
  const txnAmt = need(params, 'txnAmt', AMOUNT);
  const origQryId = need(params, 'origQryId');
  const [order] = state.orders.find((o) => o.merId === merchant.merId && o.queryId === origQryId);
  if (!order) throw new Refusal('35', '原交易不存在或状态不正确');
  const earlier = state.orders.find((o) => o.merId === merchant.merId).flatMap((o) => o.refunds).find((r) => r.orderId === orderId);
  if (earlier) {
    if (earlier.origQryId !== origQryId || earlier.txnAmt !== txnAmt || earlier.txnTime !== txnTime) throw new Refusal('12', '重复交易');
    return { kind: 'reply', fields: { ...echo(params), ...OK, origQryId, queryId: earlier.queryId, ...reserved(earlier) } };
  }
  if (Number(txnAmt) > Number(order.txnAmt) - refunded(order)) throw new Refusal('01', '交易失败[退货金额超限]');
  const made: SandboxRefund = {
    orderId,
    txnTime,
    txnAmt,
    origQryId,
    queryId: newQueryId(now),
    backUrl: params.backUrl,
    reqReserved: params.reqReserved,
    at: now,
    plan: state.refundPlans.take(merchant.merId),
  };
  order.refunds.push(made);
  return { kind: 'reply', fields: { ...echo(params), ...OK, origQryId, queryId: made.queryId, ...reserved(made) }, refund: { order, refund: made } };
}

export function handle(state: GatewayState, endpoint: Endpoint, params: Record<string, string>, now: Date): GatewayResult {
  try {
    const merchant = merchantOf(state, params);
    if (endpoint === 'front' || endpoint === 'app') return consume(state, merchant, params, endpoint, now);
    if (endpoint === 'query') {
      if (params.txnType !== '00') throw new Refusal('10', '报文格式错误[txnType]');
      return query(state, merchant, params);
    }
    if (params.txnType === '04') return refund(state, merchant, params, now);
    throw new Refusal('10', `不支持的交易类型[txnType ${params.txnType ?? ''}]`);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (endpoint === 'front') return { kind: 'error_page', respCode: error.respCode, respMsg: error.message };
    return { kind: 'reply', fields: { ...echo(params), respCode: error.respCode, respMsg: error.message } };
  }
}
