/**
 * The sandbox's merchants, trades and refunds, keyed as WeChat keys them: out_trade_no and
 * out_refund_no are unique per merchant (mchid). trade_state words are WeChat's (PROTOCOLS.md §2.3).
 */
import { randomInt, type KeyObject } from 'node:crypto';
import { REFUND_SETTLE_DELAY_MS, type RefundPlan } from '../refund-plan.ts';
import type { PlatformKey } from './keys.ts';
import { chinaTime } from './protocol.ts';

export interface SandboxMerchant {
  mchid: string;
  appid: string;
  serial: string;
  publicKey: KeyObject;
  apiV3Key: string;
  /** The platform keys it was handed; replies use the first, notifications any (migration, §2.2). */
  platform: PlatformKey[];
  /** A 服务商 (service provider): its sub-merchants by sub_mchid, and its API private key, handed to each. */
  partner?: { subs: Map<string, { subMchid: string; subAppid: string }>; privateKeyPem: string };
}

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export interface SandboxRefund {
  refund_id: string;
  out_refund_no: string;
  amount: number;
  reason?: string;
  status: RefundStatus;
  createdAt: Date;
  /** Where its REFUND.* notification goes (the refund request's notify_url). */
  notifyUrl?: string;
  /** How it settles (refund-plan.ts); a sandbox refund without one succeeds. */
  plan?: RefundPlan;
}

/** refund status words (§2.4). */
export const REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface SandboxTrade {
  /** The merchant the trade is for: the sub-merchant (sub_mchid) of a 服务商's trade. */
  mchid: string;
  /** appid, or sp_appid of a 服务商's trade. */
  appid: string;
  /** A 服务商's trade: its sp_mchid, and the sub_appid it named. */
  spMchid?: string;
  subAppid?: string;
  outTradeNo: string;
  /** NATIVE, JSAPI, MWEB (h5), APP. */
  tradeType: string;
  description: string;
  total: number;
  currency: string;
  notifyUrl: string;
  timeExpire?: Date;
  openid?: string;
  clientIp?: string;
  /** code_url, prepay_id or h5_url: the same on a repeated create. */
  answer: Record<string, string>;
  state: TradeState;
  transactionId?: string;
  paidAt?: Date;
  refunds: SandboxRefund[];
  createdAt: Date;
}

/** A buyer or hook action the trade's state does not allow (HTTP 409). */
export class TradeConflict extends Error {}

export function digits(count: number): string {
  let text = '';
  while (text.length < count) text += String(randomInt(0, 1e9)).padStart(9, '0');
  return text.slice(0, count);
}

export function pay(trade: SandboxTrade, now: Date): void {
  if (trade.state !== 'NOTPAY') throw new TradeConflict(`trade ${trade.outTradeNo} is ${trade.state}, not NOTPAY`);
  trade.state = 'SUCCESS';
  trade.paidAt = now;
  // WeChat transaction ids are 28 digits starting 42000.
  trade.transactionId = `42000${digits(23)}`;
  trade.openid ??= `o${digits(27)}`;
}

/** What the trade's refunds take: an ABNORMAL or CLOSED refund gives its amount back. */
export function refunded(trade: SandboxTrade): number {
  return trade.refunds.filter((r) => r.status === 'PROCESSING' || r.status === 'SUCCESS').reduce((sum, refund) => sum + refund.amount, 0);
}

/** How a trade names its merchant: `{appid, mchid}`, or a 服务商's `{sp_appid, sp_mchid, sub_appid?, sub_mchid}`. */
export function merchantIds(trade: SandboxTrade, withAppids = true): Record<string, string> {
  if (!trade.spMchid) return withAppids ? { appid: trade.appid, mchid: trade.mchid } : { mchid: trade.mchid };
  const appids = withAppids ? { sp_appid: trade.appid, ...(trade.subAppid ? { sub_appid: trade.subAppid } : {}) } : {};
  return { ...appids, sp_mchid: trade.spMchid, sub_mchid: trade.mchid };
}

/** The transaction as query and notifications show it (§2.4; a 服务商's payer is sp_openid, or sub_openid under sub_appid). */
export function transactionJson(trade: SandboxTrade): Record<string, unknown> {
  const paid = trade.state === 'SUCCESS' || trade.state === 'REFUND';
  const payer = !trade.spMchid ? { openid: trade.openid } : trade.subAppid ? { sub_openid: trade.openid } : { sp_openid: trade.openid };
  return {
    ...merchantIds(trade),
    out_trade_no: trade.outTradeNo,
    ...(paid ? { transaction_id: trade.transactionId, bank_type: 'OTHERS', success_time: chinaTime(trade.paidAt!), payer } : {}),
    trade_type: trade.tradeType,
    trade_state: trade.state,
    trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '已关闭' }[trade.state],
    attach: '',
    amount: { total: trade.total, currency: trade.currency, ...(paid ? { payer_total: trade.total, payer_currency: trade.currency } : {}) },
  };
}

export class TradeStore {
  readonly #trades = new Map<string, SandboxTrade>();

  get(mchid: string, outTradeNo: string): SandboxTrade | undefined {
    return this.#trades.get(`${mchid}/${outTradeNo}`);
  }

  put(trade: SandboxTrade): void {
    this.#trades.set(`${trade.mchid}/${trade.outTradeNo}`, trade);
  }

  find(predicate: (trade: SandboxTrade) => boolean): SandboxTrade[] {
    return [...this.#trades.values()].filter(predicate);
  }

  /** Applies time: an unpaid trade past time_expire is closed, as WeChat closes it. */
  refresh(trade: SandboxTrade, now: Date): SandboxTrade {
    if (trade.state === 'NOTPAY' && trade.timeExpire && trade.timeExpire <= now) trade.state = 'CLOSED';
    // Refunds settle a moment after they are asked for.
    for (const refund of trade.refunds) {
      const to = (refund.plan?.settle ?? 'SUCCESS') as RefundStatus | 'hold';
      if (refund.status === 'PROCESSING' && to !== 'hold' && now.getTime() - refund.createdAt.getTime() >= REFUND_SETTLE_DELAY_MS) refund.status = to;
    }
    return trade;
  }
}
