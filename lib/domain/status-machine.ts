/**
 * The payment status machine: the one table every writer consults. A write is always
 * conditional on the payment being in one of the allowed from-states (and on its version).
 */
export const PAYMENT_STATUSES = [
  'CREATED',
  'PENDING',
  'SUCCEEDED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'CLOSED',
  'FAILED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const transitions: Record<PaymentStatus, readonly PaymentStatus[]> = {
  CREATED: ['PENDING', 'SUCCEEDED', 'CLOSED', 'FAILED'],
  PENDING: ['SUCCEEDED', 'CLOSED', 'FAILED'],
  // Provider facts win over local intent: money that arrives after a close is still a payment.
  CLOSED: ['SUCCEEDED'],
  SUCCEEDED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  PARTIALLY_REFUNDED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  REFUNDED: [],
  FAILED: [],
};

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return transitions[from].includes(to);
}

/** The states a payment may be in for a move to `to`: the condition of the conditional write. */
export function allowedFrom(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => transitions[from].includes(to));
}
