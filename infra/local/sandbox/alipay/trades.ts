/**
 * The sandbox's trades, keyed as Alipay keys them: out_trade_no is unique per merchant (seller).
 * Holds what a later buyer-pays / notify step needs (notifyUrl, returnUrl, status transitions).
 */
import { randomInt } from 'node:crypto';
import { beijingTime } from './protocol.ts';

export type TradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_FINISHED' | 'TRADE_CLOSED';

export interface SandboxTrade {
  appId: string;
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
    if (trade.status === 'WAIT_BUYER_PAY' && trade.timeExpire && trade.timeExpire <= now) trade.status = 'TRADE_CLOSED';
    return trade;
  }
}
