/**
 * The sandbox's merchants, orders, captures and refunds, and their JSON as Orders v2 / Payments v2
 * write them (PROTOCOLS.md §4.1). One order per create, one capture per purchase unit (intent
 * CAPTURE, final capture), refunds up to the captured amount.
 */
import { randomBytes } from 'node:crypto';
import type { RefundPlan } from '../refund-plan.ts';

export interface Merchant {
  clientId: string;
  clientSecret: string;
  webhookId: string;
  /** PayPal's payer id of the merchant's account, shown as payee.merchant_id. */
  merchantId: string;
  /** The app's webhook listener: PayPal configures webhooks per app, not per order. */
  webhookUrl?: string;
}

export interface Money {
  currency_code: string;
  value: string;
}

export interface Refund {
  id: string;
  /** Refund status (§4.1): PENDING until it settles as COMPLETED, FAILED or CANCELLED. */
  status: RefundStatus;
  amount: Money;
  invoiceId?: string;
  customId?: string;
  noteToPayer?: string;
  createTime: string;
  updateTime?: string;
  /** The capture it refunds. */
  captureId: string;
  /** How it settles (refund-plan.ts); a refund without one completes at once. */
  plan?: RefundPlan;
}

export const REFUND_STATUSES = ['COMPLETED', 'PENDING', 'FAILED', 'CANCELLED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface Capture {
  id: string;
  status: 'COMPLETED' | 'PARTIALLY_REFUNDED' | 'REFUNDED';
  amount: Money;
  createTime: string;
  updateTime: string;
  refunds: Refund[];
}

/**
 * One purchase unit (§4.1, §6): its own amount, ids and, once captured, its own capture. An order of
 * several units (1-10, one currency) is approved once and captured once, one capture per unit.
 */
export interface PurchaseUnit {
  /** As sent, or `default` for an order's only unit sent without one. */
  referenceId: string;
  /** payee's payNo: the unit's custom_id (else invoice_id, else reference_id). */
  payNo: string;
  customId?: string;
  invoiceId?: string;
  description?: string;
  amount: Money;
  capture?: Capture;
}

export interface Order {
  id: string;
  clientId: string;
  status: 'CREATED' | 'APPROVED' | 'COMPLETED';
  units: PurchaseUnit[];
  returnUrl?: string;
  cancelUrl?: string;
  createTime: string;
  updateTime: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** PayPal's ids look like 5O190127TN364715T: 17 upper-case letters and digits. */
export function paypalId(length = 17): string {
  return Array.from(randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join('');
}

export function newMerchant(webhookUrl?: string): Merchant {
  return {
    clientId: `A${randomBytes(30).toString('base64url')}`,
    clientSecret: `E${randomBytes(30).toString('base64url')}`,
    webhookId: paypalId(),
    merchantId: paypalId(13),
    webhookUrl,
  };
}

/** Decimal places PayPal accepts per currency: ISO's, except the ones PayPal takes whole. */
const NO_DECIMALS = new Set(['JPY', 'HUF', 'TWD']);
export const SUPPORTED_CURRENCIES = new Set(['AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'HUF', 'ILS', 'JPY', 'MYR', 'MXN', 'TWD', 'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD']);

/** Cents (or yen) of a money value; undefined when PayPal would refuse the value. */
export function minorUnits(money: Money): number | undefined {
  const decimals = NO_DECIMALS.has(money.currency_code) ? 0 : 2;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(money.value);
  if (!match || (match[2] ?? '').length > decimals) return undefined;
  return Number(match[1]! + (match[2] ?? '').padEnd(decimals, '0'));
}

export function moneyOf(minor: number, currency: string): Money {
  if (NO_DECIMALS.has(currency)) return { currency_code: currency, value: String(minor) };
  const digits = String(minor).padStart(3, '0');
  return { currency_code: currency, value: `${digits.slice(0, -2)}.${digits.slice(-2)}` };
}

const link = (href: string, rel: string, method = 'GET') => ({ href, rel, method });

/** The order's total, for pages and summaries: its units' amounts summed (one currency). */
export function orderTotal(order: Order): Money {
  const currency = order.units[0]!.amount.currency_code;
  return moneyOf(order.units.reduce((sum, u) => sum + (minorUnits(u.amount) ?? 0), 0), currency);
}

export function captureJson(order: Order, unit: PurchaseUnit, capture: Capture, base: string) {
  return {
    id: capture.id,
    status: capture.status,
    amount: capture.amount,
    final_capture: true,
    custom_id: unit.customId,
    invoice_id: unit.invoiceId,
    seller_protection: { status: 'ELIGIBLE' },
    supplementary_data: { related_ids: { order_id: order.id } },
    create_time: capture.createTime,
    update_time: capture.updateTime,
    links: [
      link(`${base}/v2/payments/captures/${capture.id}`, 'self'),
      link(`${base}/v2/payments/captures/${capture.id}/refund`, 'refund', 'POST'),
      link(`${base}/v2/checkout/orders/${order.id}`, 'up'),
    ],
  };
}

export function orderJson(order: Order, merchant: Merchant, base: string) {
  const links = [link(`${base}/v2/checkout/orders/${order.id}`, 'self')];
  if (order.status === 'CREATED') links.push(link(`${base}/sandbox/approve/${order.id}`, 'approve'));
  if (order.status === 'APPROVED') links.push(link(`${base}/v2/checkout/orders/${order.id}/capture`, 'capture', 'POST'));
  return {
    id: order.id,
    intent: 'CAPTURE',
    status: order.status,
    purchase_units: order.units.map((unit) => ({
      reference_id: unit.referenceId,
      custom_id: unit.customId,
      invoice_id: unit.invoiceId,
      description: unit.description,
      amount: unit.amount,
      payee: { merchant_id: merchant.merchantId },
      ...(unit.capture
        ? {
            payments: {
              captures: [captureJson(order, unit, unit.capture, base)],
              ...(unit.capture.refunds.length ? { refunds: unit.capture.refunds.map((r) => refundJson(r, base)) } : {}),
            },
          }
        : {}),
    })),
    ...(order.status === 'CREATED' ? {} : { payer: { payer_id: 'SANDBOXBUYER1', email_address: 'buyer@example.com' } }),
    create_time: order.createTime,
    update_time: order.updateTime,
    links,
  };
}

export function refundJson(refund: Refund, base: string) {
  return {
    id: refund.id,
    status: refund.status,
    amount: refund.amount,
    invoice_id: refund.invoiceId,
    custom_id: refund.customId,
    note_to_payer: refund.noteToPayer,
    create_time: refund.createTime,
    update_time: refund.updateTime ?? refund.createTime,
    links: [link(`${base}/v2/payments/refunds/${refund.id}`, 'self'), link(`${base}/v2/payments/captures/${refund.captureId}`, 'up')],
  };
}

export class OrderConflict extends Error {}

/** The buyer approves on PayPal: CREATED → APPROVED (again: no change). */
export function approve(order: Order, now: Date): void {
  if (order.status === 'COMPLETED') throw new OrderConflict(`order ${order.id} is already captured`);
  order.status = 'APPROVED';
  order.updateTime = now.toISOString();
}

/** Captures every purchase unit of an approved order: one capture each. */
export function capture(order: Order, now: Date): Capture[] {
  const at = now.toISOString();
  for (const unit of order.units) unit.capture = { id: paypalId(), status: 'COMPLETED', amount: unit.amount, createTime: at, updateTime: at, refunds: [] };
  order.status = 'COMPLETED';
  order.updateTime = at;
  return order.units.map((u) => u.capture!);
}

/** The unit of `order` that holds capture `captureId`. */
export const unitOfCapture = (order: Order, captureId: string) => order.units.find((u) => u.capture?.id === captureId);

/** What the capture's refunds take, pending ones included: a failed or cancelled refund gives its amount back. */
export const refunded = (c: Capture) =>
  c.refunds.filter((r) => r.status === 'COMPLETED' || r.status === 'PENDING').reduce((sum, r) => sum + (minorUnits(r.amount) ?? 0), 0);

/** A pending refund settles; the capture is (PARTIALLY_)REFUNDED by its completed refunds. */
export function settleRefund(c: Capture, refund: Refund, status: RefundStatus, now: Date): void {
  refund.status = status;
  refund.updateTime = now.toISOString();
  const done = c.refunds.filter((r) => r.status === 'COMPLETED').reduce((sum, r) => sum + (minorUnits(r.amount) ?? 0), 0);
  c.status = done === 0 ? 'COMPLETED' : done >= (minorUnits(c.amount) ?? 0) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  c.updateTime = refund.updateTime;
}
