/**
 * The sandbox's consumption orders and their refunds, keyed as UnionPay keys them: orderId is
 * unique per merchant (merId), and an order is named by orderId + txnTime (PROTOCOLS.md §3.1).
 */
import { randomInt } from 'node:crypto';
import type { RefundPlan } from '../refund-plan.ts';
import { acpTime } from './protocol.ts';

export interface SandboxRefund {
  orderId: string;
  txnTime: string;
  txnAmt: string;
  origQryId: string;
  queryId: string;
  backUrl?: string;
  /** The merchant's reserved field, echoed in the refund's notification and query (§3.1). */
  reqReserved?: string;
  at: Date;
  /** The refund's own outcome once settled (00 success, 01 failed); absent while UnionPay processes it. */
  respCode?: string;
  /** How it settles (refund-plan.ts). */
  plan?: RefundPlan;
}

export interface SandboxOrder {
  merId: string;
  orderId: string;
  txnTime: string;
  /** Fen, as sent. */
  txnAmt: string;
  currencyCode: string;
  /** frontTransReq.do (the browser form) or appTransReq.do (a tn for the app). */
  via: 'front' | 'app';
  channelType: string;
  backUrl?: string;
  frontUrl?: string;
  /** After it, the order takes no payment. */
  payTimeout?: Date;
  /** appTransReq.do only. */
  tn?: string;
  status: 'UNPAID' | 'PAID';
  /** Set by paying: UnionPay's number for the consumption (origQryId of its refunds). */
  queryId?: string;
  traceNo?: string;
  /** MMddHHmmss GMT+8. */
  traceTime?: string;
  settleDate?: string;
  paidAt?: Date;
  refunds: SandboxRefund[];
  createdAt: Date;
}

/** A buyer or hook action the order's state does not allow (HTTP 409). */
export class OrderConflict extends Error {}

const digits = (n: number): string => Array.from({ length: n }, () => randomInt(0, 10)).join('');

/** 21 digits like UnionPay's (151901161705179895688): GMT+8 yyMMddHHmmss, then digits. */
export function newQueryId(now: Date): string {
  return acpTime(now).slice(2) + digits(9);
}

export function newTn(now: Date): string {
  return acpTime(now).slice(2) + digits(9);
}

export function expired(order: SandboxOrder, now: Date): boolean {
  return order.status === 'UNPAID' && order.payTimeout !== undefined && order.payTimeout.getTime() < now.getTime();
}

export function pay(order: SandboxOrder, now: Date): void {
  if (order.status !== 'UNPAID') throw new OrderConflict(`order ${order.orderId} is already paid`);
  if (expired(order, now)) throw new OrderConflict(`order ${order.orderId} is past its payTimeout`);
  const time = acpTime(now);
  order.status = 'PAID';
  order.paidAt = now;
  order.queryId = newQueryId(now);
  order.traceNo = digits(6);
  order.traceTime = time.slice(4);
  order.settleDate = time.slice(4, 8);
}

/** What the order's refunds take: a failed refund (respCode other than 00) gives its amount back. */
export function refunded(order: SandboxOrder): number {
  return order.refunds.filter((r) => r.respCode === undefined || r.respCode === '00').reduce((sum, refund) => sum + Number(refund.txnAmt), 0);
}

export class OrderStore {
  readonly #orders = new Map<string, SandboxOrder>();

  get(merId: string, orderId: string): SandboxOrder | undefined {
    return this.#orders.get(`${merId}/${orderId}`);
  }

  put(order: SandboxOrder): void {
    this.#orders.set(`${order.merId}/${order.orderId}`, order);
  }

  find(match: (order: SandboxOrder) => boolean): SandboxOrder[] {
    return [...this.#orders.values()].filter(match);
  }
}
