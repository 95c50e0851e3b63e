/**
 * The status worker's rule (ARCHITECTURE.md §5 flow 3): apply one verified provider event to its
 * payment exactly once. When the status machine allows the move, the payment is written
 * conditional on the version and status read, with the event's id kept on it (and, in the same
 * transaction, its notification and ledger postings where it has them); then the event's audit
 * item. Exactly once rests on the payment's own condition: a redelivery finds the payment moved
 * and its id there, and only makes sure of the audit item. A move the machine forbids is recorded
 * as ignored, not retried. A payment changed meanwhile is read again.
 */
import type { PaymentEvent } from '../channels/channel.ts';
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import { canTransition } from '../domain/status-machine.ts';
import type { PaymentStore } from '../store/payment-store.ts';

export interface Applied {
  outcome: 'applied' | 'ignored' | 'duplicate';
  payment: Payment;
  /** A provider-confirmed payment on a payment payee had closed: the money came anyway. */
  latePayment: boolean;
  reason?: string;
}

const STALE_RETRIES = 5;

/** `known`: the payment as the caller just read it (the status worker reads a batch's payments at once). */
export async function applyPaymentEvent(store: PaymentStore, event: PaymentEvent, now: () => Date, known?: Payment): Promise<Applied> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const payment = attempt === 0 && known ? known : await store.get(event.payNo);
    // The callback Lambda checked that the payment exists: its absence here is not transient.
    if (!payment) throw new Error(`payment ${event.payNo} does not exist`);
    if (payment.lastEvent?.id === event.eventId) {
      // Its move is in: a redelivery, perhaps after a crash between the move and its audit item.
      const { from, at } = payment.lastEvent;
      await store.recordEvent({ ...event, recordedAt: at, outcome: 'applied', fromStatus: from, toStatus: event.status });
      return { outcome: 'duplicate', payment, latePayment: false };
    }
    const at = now().toISOString();
    const record: PaymentEventRecord = { ...event, recordedAt: at, outcome: 'ignored', fromStatus: payment.status };

    const reason = whyIgnored(payment, event);
    if (reason) {
      const stored = await store.recordEvent({ ...record, reason });
      return { outcome: stored === 'duplicate' ? 'duplicate' : 'ignored', payment, latePayment: false, reason };
    }

    const next: Payment = {
      ...payment,
      status: event.status,
      version: payment.version + 1,
      updatedAt: at,
      lastEvent: { id: event.eventId, from: payment.status, at },
      providerTradeNo: event.providerTradeNo ?? payment.providerTradeNo,
      ...(event.status === 'SUCCEEDED' ? { paidAt: event.paidAt ?? at, refundableAmount: payment.amount } : {}),
      // The provider says it refunded everything (a query): nothing is left to refund here.
      ...(event.status === 'REFUNDED' ? { refundableAmount: 0, refundedAmount: payment.amount } : {}),
    };
    const stored = await store.recordEvent(
      { ...record, outcome: 'applied', toStatus: next.status },
      { before: payment, payment: next },
    );
    if (stored === 'duplicate') return { outcome: 'duplicate', payment, latePayment: false };
    if (stored === 'stored') {
      return { outcome: 'applied', payment: next, latePayment: payment.status === 'CLOSED' && next.status === 'SUCCEEDED' };
    }
    // stale: the payment moved between our read and write; decide again on its new state.
  }
  throw new Error(`payment ${event.payNo} kept changing while applying ${event.eventId}`);
}

/** Why an event does not move the payment, or undefined when it does. */
function whyIgnored(payment: Payment, event: PaymentEvent): string | undefined {
  // Checked at the callback too; kept here because the worker must never trust its queue blindly.
  if (event.amount !== payment.amount || event.currency !== payment.currency) return 'amount_mismatch';
  if (payment.status === event.status) return 'already_in_state';
  if (!canTransition(payment.status, event.status)) return `transition_not_allowed:${payment.status}->${event.status}`;
  return undefined;
}
