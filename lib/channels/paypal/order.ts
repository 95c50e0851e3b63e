/**
 * Reading PayPal's Orders v2 representation (§4.1 "Status values"): the order's status, its
 * purchase units (one for a payment; one per member for a combined group, §6) and each unit's
 * capture.
 */
import type { ProviderPayment } from '../channel.ts';
import { fromPayPalAmount } from './amount.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export interface Capture {
  id: string;
  status: string;
  amount: number;
  currency: string;
  createTime?: string;
  payNo?: string;
}

/** payee sends payNo as custom_id, invoice_id and reference_id alike; PayPal echoes the first two on captures. */
export function payNoOf(unit: Json): string | undefined {
  return text(unit.custom_id) ?? text(unit.invoice_id) ?? text(unit.reference_id);
}

/**
 * The purchase unit of payment `payNo`: an order's only unit is its payment's; of several, the one
 * whose custom_id (invoice_id, reference_id) is payNo. Without payNo, the first.
 */
export function purchaseUnit(order: Json, payNo?: string): Json | undefined {
  const units = Array.isArray(order.purchase_units) ? order.purchase_units.filter(isObject) : [];
  if (payNo === undefined || units.length === 1) return units[0];
  return units.find((u) => payNoOf(u) === payNo);
}

/** A capture object (in an order, or a PAYMENT.CAPTURE.* webhook's resource); undefined when malformed. */
export function readCapture(value: unknown): Capture | undefined {
  if (!isObject(value)) return undefined;
  const id = text(value.id);
  const status = text(value.status);
  const money = fromPayPalAmount(value.amount);
  if (!id || !status || !money) return undefined;
  return { id, status, ...money, createTime: text(value.create_time), payNo: payNoOf(value) };
}

/** The capture that counts of `payNo`'s unit: a completed one if any (a declined attempt may come first), else the last. */
export function captureOf(order: Json, payNo?: string): Capture | undefined | null {
  const captures = (purchaseUnit(order, payNo)?.payments as Json | undefined)?.captures;
  if (captures === undefined) return undefined;
  if (!Array.isArray(captures)) return null;
  const all = captures.map(readCapture);
  if (all.some((c) => c === undefined)) return null;
  const read = all as Capture[];
  return read.find((c) => c.status === 'COMPLETED' || c.status.endsWith('REFUNDED')) ?? read.at(-1);
}

const CAPTURE_STATUS: Record<string, ProviderPayment['status']> = {
  COMPLETED: 'SUCCEEDED',
  PARTIALLY_REFUNDED: 'SUCCEEDED',
  REFUNDED: 'REFUNDED',
  // Not (yet) money: PENDING waits for review or an eCheck; DECLINED / FAILED leave the buyer free to pay again.
  PENDING: 'PENDING',
  DECLINED: 'PENDING',
  FAILED: 'PENDING',
};

/**
 * Payment `payNo` (the order's only one, when absent) as a ProviderPayment. CREATED, SAVED,
 * PAYER_ACTION_REQUIRED and APPROVED are all unpaid: APPROVED waits for payee's capture. COMPLETED
 * reads the unit's capture; VOIDED is closed. Undefined when the reply is not an order payee can read.
 */
export function orderPayment(order: Json, payNo?: string): ProviderPayment | undefined {
  const id = text(order.id);
  const status = text(order.status);
  const unit = purchaseUnit(order, payNo);
  const money = fromPayPalAmount(unit?.amount);
  if (!id || !status || !unit || !money) return undefined;
  const base = { providerTradeNo: id, providerStatus: status, amount: money.amount, currency: money.currency };
  switch (status) {
    case 'CREATED':
    case 'SAVED':
    case 'PAYER_ACTION_REQUIRED':
    case 'APPROVED':
      return { status: 'PENDING', ...base };
    case 'VOIDED':
      return { status: 'CLOSED', ...base };
    case 'COMPLETED': {
      const capture = captureOf(order, payNo);
      const mapped = capture ? CAPTURE_STATUS[capture.status] : undefined;
      if (!capture || !mapped) return undefined;
      const paidAt = capture.createTime ? new Date(capture.createTime) : undefined;
      if (paidAt && Number.isNaN(paidAt.getTime())) return undefined;
      return {
        ...base,
        status: mapped,
        providerStatus: `${status}/${capture.status}`,
        amount: capture.amount,
        currency: capture.currency,
        paidAt: mapped === 'PENDING' ? undefined : paidAt,
      };
    }
    default:
      return undefined;
  }
}
