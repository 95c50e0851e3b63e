/**
 * The sandbox's trades, keyed as Alipay keys them: out_trade_no is unique per merchant (seller).
 * Holds what the buyer-pays and notify steps need (notifyUrl, buyer, status transitions).
 */
import { randomInt } from 'node:crypto';
import { beijingTime } from './protocol.ts';

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_FINISHED' | 'TRADE_CLOSED';

export interface SandboxTrade {
  /** The app that created it: an ISV's for a sub-merchant's trade (then authAppId is the sub-merchant's app). */
  appId: string;
  authAppId?: string;
  sellerId: string;
  outTradeNo: string;
  /** 28 digits like Alipay's: the GMT+8 date, then digits. */
  tradeNo: string;
  /** The API that created the trade: alipay.trade.precreate, alipay.trade.page.pay, ... */
  createdBy: string;
  totalAmount: string;
  subject: string;
  productCode?: string;
  status: TradeStatus;
  /** A merge pay's sub-order: the merge's pre_order_no (merge.ts). */
  preOrderNo?: string;
  /** Precreate only: the code in `qr_code`. */
  qrCode?: string;
  notifyUrl?: string;
  returnUrl?: string;
  /** Alipay closes an unpaid trade at its time_expire. */
  timeExpire?: Date;
  createdAt: Date;
  /**
   * When the buyer reached the cashier (scanned the QR, opened the page). Until then Alipay has no
   * trade to show: query answers ACQ.TRADE_NOT_EXIST (lib/channels/channel.ts, NOT_FOUND).
   */
  buyerArrivedAt?: Date;
  paidAt?: Date;
  /** Set by paying: the notify's buyer_id and (masked) buyer_logon_id. */
  buyerId?: string;
  buyerLogonId?: string;
  /** When the trade ended (TRADE_FINISHED or TRADE_CLOSED): the notify's gmt_close. */
  closedAt?: Date;
  /** alipay.trade.refund calls that moved money, in order. */
  refunds?: SandboxRefund[];
}

export interface SandboxRefund {
  /** The merchant's idempotency key for this refund. */
  outRequestNo: string;
  refundAmount: string;
  refundedAt: Date;
}

/** A buyer or hook action the trade's state does not allow (HTTP 409). */
export class TradeConflict extends Error {}

/** The buyer pays (paying implies having scanned the QR or opened the page). */
export function pay(trade: SandboxTrade, now: Date): void {
  if (trade.status !== 'WAIT_BUYER_PAY') throw new TradeConflict(`trade ${trade.outTradeNo} is ${trade.status}, not WAIT_BUYER_PAY`);
  trade.buyerArrivedAt ??= now;
  trade.status = 'TRADE_SUCCESS';
  trade.paidAt = now;
  // Alipay user ids are 16 digits starting 2088; logon ids are shown masked.
  trade.buyerId = `2088${digits(12)}`;
  trade.buyerLogonId = 'buy***@sandbox.example';
}

/** The refund period ends: a paid trade becomes final. */
export function finish(trade: SandboxTrade, now: Date): void {
  if (trade.status !== 'TRADE_SUCCESS') throw new TradeConflict(`trade ${trade.outTradeNo} is ${trade.status}, not TRADE_SUCCESS`);
  trade.status = 'TRADE_FINISHED';
  trade.closedAt = now;
}

export type NotifiedStatus = Exclude<TradeStatus, 'WAIT_BUYER_PAY'>;

/**
 * Brings the trade to where a notification of `status` can be true, for hooks that build
 * notifications on demand: an unpaid trade is paid for TRADE_SUCCESS or closed for TRADE_CLOSED;
 * a finished trade may still be told as TRADE_SUCCESS (a late or reordered notification).
 */
export function settle(trade: SandboxTrade, status: NotifiedStatus, now: Date): void {
  const from = trade.status;
  if (status === 'TRADE_SUCCESS') {
    if (from === 'WAIT_BUYER_PAY') pay(trade, now);
    else if (from === 'TRADE_CLOSED') throw new TradeConflict(`trade ${trade.outTradeNo} is TRADE_CLOSED, never paid`);
  } else if (status === 'TRADE_FINISHED') {
    if (from !== 'TRADE_FINISHED') finish(trade, now);
  } else if (from === 'WAIT_BUYER_PAY') {
    trade.status = 'TRADE_CLOSED';
    trade.closedAt = now;
  } else if (from !== 'TRADE_CLOSED') {
    // A paid trade closes only when alipay.trade.refund refunds all of it (after-sale.ts).
    throw new TradeConflict(`trade ${trade.outTradeNo} is ${from}: only an unpaid trade closes`);
  }
}

function digits(count: number): string {
  let text = '';
  while (text.length < count) text += String(randomInt(0, 1e9)).padStart(9, '0');
  return text.slice(0, count);
}

export function newTradeNo(now: Date): string {
  return beijingTime(now).slice(0, 10).replaceAll('-', '') + '22' + digits(18);
}

const QR_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A code shaped like the path of Alipay's QR URLs, e.g. `https://qr.alipay.com/bax03431ljhokirwl38f00a7`. */
export function newQrCode(): string {
  let code = 'bax0';
  while (code.length < 25) code += QR_ALPHABET[randomInt(0, QR_ALPHABET.length)];
  return code;
}

export class TradeStore {
  readonly #trades = new Map<string, SandboxTrade>();

  get(sellerId: string, outTradeNo: string): SandboxTrade | undefined {
    return this.#trades.get(`${sellerId}/${outTradeNo}`);
  }

  put(trade: SandboxTrade): void {
    this.#trades.set(`${trade.sellerId}/${trade.outTradeNo}`, trade);
  }

  find(predicate: (trade: SandboxTrade) => boolean): SandboxTrade[] {
    return [...this.#trades.values()].filter(predicate);
  }

  /** Applies time: an unpaid trade past its time_expire is closed, as Alipay closes it. */
  refresh(trade: SandboxTrade, now: Date): SandboxTrade {
    if (trade.status === 'WAIT_BUYER_PAY' && trade.timeExpire && trade.timeExpire <= now) {
      trade.status = 'TRADE_CLOSED';
      trade.closedAt = trade.timeExpire;
    }
    return trade;
  }
}
