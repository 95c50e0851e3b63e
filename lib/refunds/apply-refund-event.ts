/**
 * The status worker's rule for a refund notification (issue 6): settle the refund it names, once.
 * A notification for a refund already settled the same way (by the provider's synchronous answer,
 * the sweep, or an earlier delivery) is a duplicate, not an error; one that contradicts a settled
 * refund, or whose amount is not the refund's, is recorded in the logs and dropped, never retried.
 */
import type { RefundEvent } from '../channels/channel.ts';
import type { Refund } from '../domain/refund.ts';
import { settleSucceeded, type SettleDeps } from './settle.ts';

export interface AppliedRefund {
  outcome: 'applied' | 'ignored' | 'duplicate';
  refund?: Refund;
  reason?: string;
}

export async function applyRefundEvent(deps: SettleDeps, event: RefundEvent): Promise<AppliedRefund> {
  const refund = await deps.refunds.get(event.payNo, event.refundNo);
  // The callback Lambda checked both: their absence or a mismatch here is not transient.
  if (!refund) return { outcome: 'ignored', reason: 'unknown_refund' };
  if (event.currency !== refund.currency || (event.amount !== undefined && event.amount !== refund.amount)) {
    return { outcome: 'ignored', refund, reason: 'amount_mismatch' };
  }
  if (refund.status === event.status) return { outcome: 'duplicate', refund };
  if (refund.status === 'SUCCEEDED' || refund.status === 'FAILED') {
    return { outcome: 'ignored', refund, reason: `refund_already_${refund.status}` };
  }
  if (event.status === 'SUCCEEDED') {
    const result = await settleSucceeded(deps, refund, event.providerRefundNo ?? refund.providerRefundNo);
    return result === 'stored' ? { outcome: 'applied', refund: { ...refund, status: 'SUCCEEDED' } } : { outcome: 'duplicate', refund };
  }
  const failure = { code: `REFUND_${event.providerStatus}`, message: `the provider reports the refund ${event.providerStatus}` };
  const stored = await deps.refunds.settleFailed(refund, failure, deps.now().toISOString());
  return stored ? { outcome: 'applied', refund: { ...refund, status: 'FAILED', failure } } : { outcome: 'duplicate', refund };
}
