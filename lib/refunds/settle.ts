/**
 * Settling a refund once its outcome is known (issue 6): from the provider's synchronous answer,
 * a refund notification or a refund query. Every write is conditional on the refund still being
 * open, so a second report of the same outcome is a duplicate, never a second settlement.
 */
import type { RefundOutcome } from '../channels/channel.ts';
import type { Payment } from '../domain/payment.ts';
import type { Refund } from '../domain/refund.ts';
import { canTransition, type PaymentStatus } from '../domain/status-machine.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { RefundStore } from '../store/refund-store.ts';
import { processingCheckAt } from './check-schedule.ts';

export interface SettleDeps {
  payments: PaymentStore;
  refunds: RefundStore;
  now: () => Date;
}

const STALE_RETRIES = 8;

/**
 * The refund SUCCEEDED and its payment PARTIALLY_REFUNDED, or REFUNDED once succeeded refunds add
 * up to the amount, in one transaction conditional on the payment's version and status (read
 * again when another refund or event moved it meanwhile). `settled`: the refund was no longer open.
 */
export async function settleSucceeded(deps: SettleDeps, refund: Refund, providerRefundNo: string | undefined): Promise<'stored' | 'settled'> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const payment: Payment | undefined = await deps.payments.get(refund.payNo);
    if (!payment) throw new Error(`payment ${refund.payNo} vanished`);
    const refunded = (payment.refundedAmount ?? 0) + refund.amount;
    const to: PaymentStatus = refunded >= payment.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    const at = deps.now().toISOString();
    // A payment the provider already reported fully refunded (sync) keeps its state; the refund still succeeded.
    const move = canTransition(payment.status, to) ? { current: payment, to } : undefined;
    const result = await deps.refunds.settleSucceeded(refund, providerRefundNo, at, move);
    if (result !== 'stale') return result;
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`payment ${refund.payNo} kept changing while settling refund ${refund.refundNo}`);
}

/**
 * The provider's answer to a refund request, stored: refused → FAILED with its amount given back;
 * processing → PROCESSING, due for a provider check; succeeded → SUCCEEDED. Returns the refund as
 * it now is (unchanged when it had been settled meanwhile by a notification or the sweep).
 */
export async function applyRefundOutcome(deps: SettleDeps, refund: Refund, outcome: RefundOutcome): Promise<Refund> {
  const now = deps.now();
  const at = now.toISOString();
  if (outcome.outcome === 'refused') {
    const failure = { code: outcome.code, message: outcome.message };
    await deps.refunds.settleFailed(refund, failure, at);
    return { ...refund, status: 'FAILED', failure, updatedAt: at };
  }
  if (outcome.outcome === 'processing') {
    await deps.refunds.markProcessing(refund, outcome.providerRefundNo, at, processingCheckAt(now, 0));
    return { ...refund, status: 'PROCESSING', providerRefundNo: outcome.providerRefundNo ?? refund.providerRefundNo, updatedAt: at };
  }
  await settleSucceeded(deps, refund, outcome.providerRefundNo);
  return { ...refund, status: 'SUCCEEDED', providerRefundNo: outcome.providerRefundNo ?? refund.providerRefundNo, updatedAt: at };
}
